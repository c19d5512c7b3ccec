using System.Security.Cryptography;
using System.Text.Json;

namespace Docs.Hosting;

/// <summary>Generated parameter values, kept in <c>{data}/parameters.json</c> (owner-only) across runs.</summary>
internal static class Secrets
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static string Generate(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    public static Dictionary<string, string> Load(string file)
    {
        if (!File.Exists(file))
        {
            return new(StringComparer.Ordinal);
        }
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)) ?? new(StringComparer.Ordinal);
        }
        catch (JsonException ex)
        {
            throw new DistributedApplicationException($"{file} is not valid JSON ({ex.Message}); fix or delete it (generated secrets are then created anew).", ex);
        }
    }

    public static void Save(string file, Dictionary<string, string> values)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = file + ".tmp";
        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            JsonSerializer.Serialize(stream, values, Indented);
        }
        File.Move(temporary, file, overwrite: true);
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Docs.Hosting;

/// <summary>
/// Secrets nobody has to choose: <c>Parameters:{name}</c> when configured; running, else a random value
/// created once and kept in <c>{data}/parameters.json</c> (owner-only), so a database keeps its password
/// across runs; published, an input the deployment fills (our publishers keep theirs in the output).
/// </summary>
public static class GeneratedSecrets
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly Lock Gate = new();

    public static IResourceBuilder<ParameterResource> AddGeneratedSecret(this IDistributedApplicationBuilder builder, string name)
    {
        if (builder.ExecutionContext.IsPublishMode || !string.IsNullOrEmpty(builder.Configuration[$"Parameters:{name}"]))
        {
            return builder.AddParameter(name, secret: true);
        }
        var file = Path.Combine(builder.DataDirectory(), "parameters.json");
        return builder.AddParameter(name, () => GetOrCreate(file, name), secret: true);
    }

    public static string Generate(int length = 32) => RandomNumberGenerator.GetString(Alphabet, length);

    internal static string GetOrCreate(string file, string name)
    {
        lock (Gate)
        {
            var values = Load(file);
            if (!values.TryGetValue(name, out var value))
            {
                values[name] = value = Generate();
                Save(file, values);
            }
            return value;
        }
    }

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

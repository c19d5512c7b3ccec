using System.Text;

namespace Docs.Api.Features.Content;

/// <summary>The name of an exported file: the document's title made safe for every file system, and the format's extension.</summary>
public static class ExportFileName
{
    private const int MaxLength = 100;

    public static string For(string? title, string extension)
    {
        var name = new StringBuilder();
        foreach (var c in (title ?? "").Trim())
        {
            name.Append(char.IsControl(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c);
        }
        var safe = name.ToString().Trim(' ', '.');
        if (safe.Length > MaxLength)
        {
            safe = safe[..MaxLength].TrimEnd(' ', '.');
        }
        return (safe.Length == 0 ? "document" : safe) + "." + extension;
    }
}

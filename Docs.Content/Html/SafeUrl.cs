namespace Docs.Content.Html;

/// <summary>
/// Which link and media targets an export may carry: web and mail addresses and relative ones (the
/// document's own attachments); never <c>javascript:</c>, <c>data:</c> or other schemes a browser would run.
/// </summary>
public static class SafeUrl
{
    private static readonly HashSet<string> AllowedSchemes = new(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto", "tel" };

    /// <summary>The URL if it is safe to put in an href or src, else null.</summary>
    public static string? Check(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }
        // Browsers drop control characters and blanks inside schemes ("java\tscript:"): judge what they would see.
        var seen = new string(url.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray());
        var colon = seen.IndexOf(':', StringComparison.Ordinal);
        var boundary = seen.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (boundary >= 0 && boundary < colon))
        {
            return url.Trim();
        }
        return AllowedSchemes.Contains(seen[..colon]) ? url.Trim() : null;
    }
}

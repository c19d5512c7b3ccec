namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Where a service may send a browser back to after a form or a sign-in: only a path on its own site,
/// so that a return address taken from a request never becomes an open redirect.
/// </summary>
public static class LocalPath
{
    /// <summary><paramref name="url"/> if <see cref="IsLocal"/>, else <c>/</c>.</summary>
    public static string OrRoot(string? url) => IsLocal(url) ? url! : "/";

    /// <summary>
    /// Whether a browser will resolve <paramref name="url"/> to this origin. The rule of ASP.NET Core's
    /// <c>Url.IsLocalUrl</c> (a path starting with one <c>/</c>, not <c>//</c> nor <c>/\</c>), stricter on
    /// characters: only visible ASCII. Browsers drop tabs and line breaks from a URL, so <c>/&lt;TAB&gt;/host</c>
    /// becomes <c>//host</c>, another site; and such a character, or any non-ASCII one, cannot go into a
    /// <c>Location</c> header at all (Kestrel refuses it, a 500). A browser sends its own addresses
    /// percent-encoded, so a real return address never needs them.
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && url.All(c => c is > ' ' and < '\x7f');
}

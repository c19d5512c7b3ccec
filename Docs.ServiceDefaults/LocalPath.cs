namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Where a service may send a browser back to after a form or a sign-in: only a path on its own site,
/// so that a return address taken from a request never becomes an open redirect.
/// </summary>
public static class LocalPath
{
    /// <summary><paramref name="url"/> if it is a local path (<c>/…</c>, not <c>//host</c> nor <c>/\host</c>), else <c>/</c>.</summary>
    public static string OrRoot(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}

namespace Docs.Web.Ui;

/// <summary>
/// The editor's chunks and fonts have a content hash in their names (esbuild's <c>[hash]</c>), so a name always
/// means the same bytes: browsers may keep them for good. Static assets without the SDK's own fingerprint are
/// otherwise served <c>no-cache</c>; so is, in development, the entry module at its fingerprinted address.
/// </summary>
public static class EditorFiles
{
    private static readonly PathString[] Hashed = ["/editor/chunks", "/editor/assets"];

    /// <summary>The entry module's fingerprinted address (<c>editor.{fingerprint}.js</c>), as <c>Assets</c> gives it.</summary>
    private static bool IsFingerprintedEntry(PathString path) =>
        path.StartsWithSegments("/editor", out var rest) && rest.Value is { } name && name.StartsWith("/editor.", StringComparison.Ordinal)
        && name.EndsWith(".js", StringComparison.Ordinal) && name.Count(c => c == '.') == 2;

    public static IApplicationBuilder UseImmutableEditorFiles(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // MapStaticAssets answers no-cache in development, even at a fingerprinted address.
            if (Hashed.Any(prefix => context.Request.Path.StartsWithSegments(prefix)) || IsFingerprintedEntry(context.Request.Path))
            {
                context.Response.OnStarting(() =>
                {
                    if (context.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
                    {
                        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                    }
                    return Task.CompletedTask;
                });
            }
            return next();
        });
}

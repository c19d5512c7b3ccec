namespace Docs.Web.Ui;

/// <summary>
/// The editor's chunks and fonts have a content hash in their names (esbuild's <c>[hash]</c>), so a name always
/// means the same bytes: browsers may keep them for good. Static assets without the SDK's own fingerprint are
/// otherwise served <c>no-cache</c>.
/// </summary>
public static class EditorFiles
{
    private static readonly PathString[] Hashed = ["/editor/chunks", "/editor/assets"];

    public static IApplicationBuilder UseImmutableEditorFiles(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (Hashed.Any(prefix => context.Request.Path.StartsWithSegments(prefix)))
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

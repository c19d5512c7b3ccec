using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Docs.Media.Bench;

/// <summary>
/// The floor: Kestrel alone, doing the same work without the product — a multipart upload streamed to a file, a file
/// streamed back from disk — on a port of this process.
/// </summary>
public sealed class BarePeer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BarePeer(WebApplication app, string folder) => (_app, Folder) = (app, folder);

    public string Folder { get; }

    public Uri Url => new(_app.Urls.First());

    public static async Task<BarePeer> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("docs-media-bench-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/upload", async (HttpContext context) =>
        {
            var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(context.Request.ContentType).Boundary).Value!;
            var reader = new MultipartReader(boundary, context.Request.Body);
            var name = Guid.NewGuid().ToString("N");
            while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
            {
                await using var file = new FileStream(Path.Combine(folder, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
                await section.Body.CopyToAsync(file, context.RequestAborted);
            }
            return Results.Created($"/files/{name}", new { file = $"/files/{name}" });
        });
        app.MapGet("/files/{name}", (string name) => Results.File(Path.Combine(folder, name), "application/octet-stream", enableRangeProcessing: true));
        await app.StartAsync();
        return new BarePeer(app, folder);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}

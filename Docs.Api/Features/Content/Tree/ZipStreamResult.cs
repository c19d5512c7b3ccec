using System.IO.Compression;
using System.Net.Mime;
using Microsoft.Net.Http.Headers;

namespace Docs.Api.Features.Content.Tree;

/// <summary>
/// A zip written straight to the response as its entries are made (never the whole archive in memory):
/// the writer adds entries one after the other, each streamed into the archive.
/// </summary>
public sealed class ZipStreamResult(string fileName, Func<ZipArchive, CancellationToken, Task> write) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = MediaTypeNames.Application.Zip;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName }.ToString();
        var cancellationToken = httpContext.RequestAborted;
        await using var body = new SyncWriteBufferStream(response.Body);
        await using (var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            await write(zip, cancellationToken);
        }
        await body.DrainAsync(cancellationToken);
    }
}

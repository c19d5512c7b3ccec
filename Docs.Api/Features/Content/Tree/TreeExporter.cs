using Docs.Api.Features.Attachments;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Docs.Api.Features.Content.Pdf;
using Docs.Api.Features.Documents;
using Docs.Api.Infrastructure;
using Docs.Content.Blocks;
using Docs.Core.Blobs;
using Docs.Core.Data;
using Docs.Core.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Docs.Api.Features.Content.Tree;

/// <summary>
/// <c>export/?with_descendants=true</c>: the page and its sub-pages (not those in the trash) as a zip whose
/// folders follow the tree (<see cref="TreeLayout"/>), one file per page. Markdown and HTML pages link to
/// each other by relative paths (a link to <c>/docs/{id}</c> of a page in the export becomes the path of
/// its file) and show the documents' own attachments from a <c>media/</c> folder; DOCX and PDF pages embed
/// their pictures. Pages are read (through <see cref="DocumentBlocks"/>, log included), converted and
/// written one at a time, straight into the response.
/// Whoever reads a page reads its whole subtree (a role or a link setting on a document holds for every
/// document below it), so the pages are exactly the live subtree.
/// </summary>
public sealed partial class TreeExporter(DocsDbContext db, PageExporter pages, PdfRenderer pdf, ServedBlobs blobs, IOptions<ContentOptions> options,
    ILogger<TreeExporter> logger)
{
    private sealed record Page(Guid Id, string? Title, string Path, List<string> Attachments);

    public async Task<IResult> ExportAsync(CurrentDocument current, ExportFormat format, PaperSize paper, CancellationToken cancellationToken)
    {
        var root = current.Document;
        var max = options.Value.MaxTreePages;
        var below = await db.Documents.AsNoTracking().DescendantsOf(root.Path).Where(d => d.DeletedAt == null && d.AncestorsDeletedAt == null)
            .OrderBy(d => d.Path).Select(d => new Page(d.Id, d.Title, d.Path, d.Attachments)).Take(max).ToListAsync(cancellationToken);
        if (below.Count >= max)
        {
            return Problems.BadRequest($"This page has {max} sub-pages or more, more than an export holds (Content:MaxTreePages): export a smaller part of the tree.");
        }
        if (format == ExportFormat.Pdf)
        {
            try
            {
                await pdf.EnsureReadyAsync(cancellationToken);
            }
            catch (PdfUnavailableException ex)
            {
                return FormattedContentEndpoints.PdfUnavailable(ex);
            }
        }
        List<Page> tree = [new Page(root.Id, root.Title, root.Path, root.Attachments), .. below];
        var byPath = tree.ToDictionary(p => p.Path, p => p.Id, StringComparer.Ordinal);
        var extension = format.ToString().ToLowerInvariant();
        var layout = new TreeLayout(tree.Select(p => (p.Id, ParentOf(p, root.Path, byPath), p.Title)), extension);
        return new ZipStreamResult(ExportFileName.For(root.Title, "zip"), (zip, token) => WriteAsync(zip, tree, layout, format, paper, token));
    }

    private static Guid? ParentOf(Page page, string rootPath, Dictionary<string, Guid> byPath) =>
        page.Path == rootPath ? null : byPath.GetValueOrDefault(page.Path[..^Core.Data.Entities.Document.StepLength]);

    private async Task WriteAsync(ZipArchive zip, List<Page> tree, TreeLayout layout, ExportFormat format, PaperSize paper, CancellationToken cancellationToken)
    {
        var bundlesMedia = format is ExportFormat.Md or ExportFormat.Html;
        var mediaWritten = new HashSet<string>(StringComparer.Ordinal);
        foreach (var page in tree)
        {
            var (content, problem) = await DocumentBlocks.ReadAsync(db, page.Id, cancellationToken);
            if (content is null)
            {
                logger.LogWarning("Page {Id} left out of an export: {Problem}", page.Id, problem);
                continue;
            }
            var file = layout.FileOf(page.Id)!;
            var held = page.Attachments.ToHashSet(StringComparer.Ordinal);
            var media = new List<string>();
            var blocks = BlockUrls.Rewrite(content.Blocks ?? [],
                media: url =>
                {
                    if (!bundlesMedia || AttachedImages.KeyOf(url) is not { } key || !held.Contains(key))
                    {
                        return null;
                    }
                    media.Add(key);
                    return TreeLayout.Relative(file, $"{TreeLayout.MediaFolder}/{MediaName(key)}");
                },
                link: href => PageLinked(href) is { } id && layout.FileOf(id) is { } target ? TreeLayout.Relative(file, target) : null);
            var document = new Core.Data.Entities.Document { Id = page.Id, Title = page.Title, Path = page.Path, Attachments = page.Attachments };
            var exported = await pages.ExportAsync(document, blocks, format, paper, cancellationToken);
            var entry = zip.CreateEntry(file, bundlesMedia ? CompressionLevel.Fastest : CompressionLevel.NoCompression);
            await using (var stream = await entry.OpenAsync(cancellationToken))
            {
                await stream.WriteAsync(exported.Data, cancellationToken);
            }
            foreach (var key in media.Where(mediaWritten.Add))
            {
                await CopyBlobAsync(zip, key, cancellationToken);
            }
        }
    }

    /// <summary>An attachment into <c>media/</c>, streamed from the blob store (pictures and files are compressed already).</summary>
    private async Task CopyBlobAsync(ZipArchive zip, string key, CancellationToken cancellationToken)
    {
        if (await blobs.OpenReadAsync(key, cancellationToken) is not { } blob)
        {
            return;
        }
        await using (blob)
        {
            var entry = zip.CreateEntry($"{TreeLayout.MediaFolder}/{MediaName(key)}", CompressionLevel.NoCompression);
            await using var stream = await entry.OpenAsync(cancellationToken);
            await blob.CopyToAsync(stream, cancellationToken);
        }
    }

    /// <summary>An attachment's file name in <c>media/</c>: the last part of its key, unique already (<c>{uuid}.{ext}</c>).</summary>
    private static string MediaName(string key) => key[(key.LastIndexOf('/') + 1)..];

    /// <summary>The page a link names (<c>/docs/{id}</c>, relative or on any host), if it is one.</summary>
    private static Guid? PageLinked(string href)
    {
        var path = Uri.TryCreate(href, UriKind.Absolute, out var uri) ? uri.AbsolutePath : href.Split('?', '#')[0];
        var match = DocumentPath().Match(path);
        return match.Success && Guid.TryParse(match.Groups[1].Value, out var id) ? id : null;
    }

    [GeneratedRegex("^/docs/([0-9a-fA-F-]{36})/?$")]
    private static partial Regex DocumentPath();
}

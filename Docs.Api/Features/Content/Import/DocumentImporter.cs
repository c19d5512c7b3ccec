using System.Text;
using Docs.Api.Features.Attachments;
using Docs.Api.Features.Documents;
using Docs.Content.Blocks;
using Docs.Content.Docx.Import;
using Docs.Content.Html;
using Docs.Content.Import;
using Docs.Content.Markdown;
using Docs.Content.Yjs;
using Docs.Core.Access;
using Docs.Core.Attachments;
using Docs.Core.Blobs;
using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Docs.Core.Documents;
using Microsoft.Extensions.Options;

namespace Docs.Api.Features.Content.Import;

/// <summary>
/// Makes documents from an imported file: one page from Markdown, HTML (through the importer's allow-list:
/// scripts, handlers and unsafe links never pass) or DOCX, or a tree of pages from a zip of Markdown files.
/// Pictures inside a DOCX or a zip become the new document's attachments (in the blob store, their type
/// from their bytes and in <c>Media:AllowedTypes</c>, else left out); links between the zip's pages point
/// at the new pages. Remote addresses stay addresses: nothing is fetched.
/// </summary>
public sealed class DocumentImporter(DocsDbContext db, DocumentTree tree, IBlobStore blobs, AttachmentScans scans, IOptionsSnapshot<MediaOptions> media,
    TimeProvider time)
{
    /// <summary>The top document made, under <paramref name="parent"/> (or at the top), owned by the caller unless they own the parent.</summary>
    /// <exception cref="DocxImportException">The file cannot be read as what it claims to be, or is past the bounds.</exception>
    /// <exception cref="Docs.Content.ContentTooDeepException">It nests deeper than the model reads.</exception>
    public async Task<Document> ImportAsync(ImportedUpload upload, ImportKind kind, Document? parent, Guid userId, bool ownsParent,
        CancellationToken cancellationToken)
    {
        var title = string.IsNullOrWhiteSpace(upload.Title) ? Path.GetFileNameWithoutExtension(upload.FileName).Trim() : upload.Title.Trim();
        using var data = new MemoryStream(upload.Data, writable: false);
        ImportedTree imported;
        switch (kind)
        {
            case ImportKind.MarkdownZip:
                imported = MarkdownZipImporter.Read(data);
                if (imported.Pages.Count > 1)
                {
                    imported = imported with { Pages = [new ImportedPage(-1, title, [], imported.Pages)] };
                }
                break;
            case ImportKind.Docx:
                if (ZipBounds.Check(data) is { } refusal)
                {
                    throw new DocxImportException(refusal);
                }
                var docx = DocxImporter.Read(data);
                var docxTitle = string.IsNullOrWhiteSpace(upload.Title) && docx.Title is { Length: > 0 } named ? named : title;
                imported = new ImportedTree([new ImportedPage(0, docxTitle, docx.Blocks, [])],
                    docx.Pictures.ToDictionary(p => p.Url, p => p.Data));
                imported = imported with { Pages = [WithFileScheme(imported.Pages[0])] };
                break;
            default:
                var text = Encoding.UTF8.GetString(upload.Data);
                var blocks = kind == ImportKind.Html ? HtmlImporter.ToBlocks(text) : MarkdownImporter.ToBlocks(text);
                imported = new ImportedTree([new ImportedPage(0, title, blocks, [])], new Dictionary<string, byte[]>());
                break;
        }
        var created = await CreateAsync(imported, parent, userId, ownsParent, cancellationToken);
        scans.QueueTracked();
        return created;
    }

    /// <summary>A DOCX page's picture URLs as the file scheme the creation step resolves.</summary>
    private static ImportedPage WithFileScheme(ImportedPage page) =>
        page with { Blocks = BlockUrls.Rewrite(page.Blocks, url => url.StartsWith("docx-picture:", StringComparison.Ordinal) ? ImportedPage.FileScheme + url : null, _ => null) };

    private async Task<Document> CreateAsync(ImportedTree imported, Document? parent, Guid userId, bool ownsParent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _uploader = userId;
        var top = imported.Pages[0];
        var pages = top.SelfAndDescendants().ToList();
        var documents = pages.ToDictionary(p => p, p => new Document
        {
            Title = TitleOf(p.Title),
            Path = "", CreatorId = userId, CreatedAt = now, UpdatedAt = now,
        });
        var byIndex = pages.Where(p => p.Index >= 0).ToDictionary(p => p.Index, p => documents[p].Id);
        var parents = pages.SelectMany(p => p.Children.Select(c => (Child: c, Parent: p))).ToDictionary(x => x.Child, x => x.Parent);
        foreach (var page in pages)
        {
            var document = documents[page];
            var blocks = await ResolveAsync(page.Blocks, document, imported.Files, byIndex, cancellationToken);
            document.Content = BlockNoteYjs.Write(blocks);
            document.ContentUpdatedAt = now;
            var under = parents.TryGetValue(page, out var above) ? documents[above] : parent;
            if (page == top && !ownsParent)
            {
                db.DocumentAccesses.Add(new DocumentAccess { Document = document, UserId = userId, Role = Role.Owner, CreatedAt = now, UpdatedAt = now });
            }
            await tree.AddAsync(document, under, cancellationToken);
        }
        return documents[top];
    }

    /// <summary>A title from a file or folder name: no control character (PostgreSQL refuses NUL), as long as titles may be.</summary>
    private static string? TitleOf(string name)
    {
        var title = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        return title.Length == 0 ? null : title[..Math.Min(title.Length, DocumentRules.MaxTitleLength)].Trim();
    }

    /// <summary>The page's blocks with the import's files stored as the document's attachments and its page links pointing at the new pages.</summary>
    private async Task<IReadOnlyList<Block>> ResolveAsync(IReadOnlyList<Block> blocks, Document document, IReadOnlyDictionary<string, byte[]> files,
        Dictionary<int, Guid> pages, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, string?>(StringComparer.Ordinal);
        var wanted = new List<string>();
        BlockUrls.Rewrite(blocks, url =>
        {
            if (url.StartsWith(ImportedPage.FileScheme, StringComparison.Ordinal))
            {
                wanted.Add(url[ImportedPage.FileScheme.Length..]);
            }
            return null;
        }, _ => null);
        foreach (var name in wanted.Distinct(StringComparer.Ordinal))
        {
            stored[name] = files.TryGetValue(name, out var bytes) ? await StoreAsync(document, bytes, cancellationToken) : null;
        }
        return BlockUrls.Rewrite(blocks,
            url => url.StartsWith(ImportedPage.FileScheme, StringComparison.Ordinal) ? stored.GetValueOrDefault(url[ImportedPage.FileScheme.Length..]) ?? "" : null,
            href => href.StartsWith(ImportedPage.PageScheme, StringComparison.Ordinal)
                && int.TryParse(href.AsSpan(ImportedPage.PageScheme.Length), out var index) && pages.TryGetValue(index, out var id)
                ? $"/docs/{id}" : null);
    }

    // Who imports: the uploader of the files the import stores.
    private Guid? _uploader;

    /// <summary>A file of the import as an attachment of <paramref name="document"/>; null when its type is not one the site accepts.</summary>
    private async Task<string?> StoreAsync(Document document, byte[] bytes, CancellationToken cancellationToken)
    {
        var type = ContentSniffer.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, 4096)));
        if (!media.Value.Allows(type) || bytes.Length > media.Value.MaxUploadBytes)
        {
            return null;
        }
        var key = AttachmentKeys.New(document.Id, type);
        using var content = new MemoryStream(bytes, writable: false);
        await blobs.WriteAsync(key, content, type.MediaType, cancellationToken);
        scans.Track(key, _uploader); // saved with the document; scanned once the import is saved
        document.Attachments.Add(key);
        return AttachmentUrls.Of(key);
    }
}

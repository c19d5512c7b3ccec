using System.IO.Compression;
using System.Text;
using Docs.Content.Blocks;
using Docs.Content.Docx.Import;
using Docs.Content.Import;
using Docs.Content.Markdown;

namespace Docs.Content.Tests.Import;

/// <summary>A zip of Markdown files as a tree of pages, with its links and pictures named for the caller to resolve.</summary>
public sealed class MarkdownZipImportTests
{
    private static MemoryStream Zip(params (string Name, string Content)[] files)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var entry = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                entry.Write(content);
            }
        }
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void Folders_beside_pages_become_their_sub_pages_with_links_and_pictures_resolved()
    {
        var tree = MarkdownZipImporter.Read(Zip(
            ("Guide.md", "See [install](Guide/Install.md).\n\n![shot](Guide/shot.png)\n"),
            ("Guide/Install.md", "Back to [the guide](../Guide.md), or [elsewhere](https://example.org).\n"),
            ("Guide/shot.png", "png bytes"),
            ("Notes/Ideas.md", "Ideas.\n"),
            ("__MACOSX/Guide.md", "ignored"),
            ("../escape.md", "ignored")));

        Assert.Equal(["Guide", "Notes"], tree.Pages.Select(p => p.Title));
        var guide = tree.Pages[0];
        var install = Assert.Single(guide.Children);
        Assert.Equal("Install", install.Title);
        Assert.Equal($"See [install]({ImportedPage.PageScheme}{install.Index}).\n\n![shot]({ImportedPage.FileScheme}Guide/shot.png)\n",
            MarkdownExporter.ToMarkdown(guide.Blocks));
        Assert.Equal($"Back to [the guide]({ImportedPage.PageScheme}{guide.Index}), or [elsewhere](https://example.org).\n", MarkdownExporter.ToMarkdown(install.Blocks));
        Assert.Equal("png bytes", Encoding.UTF8.GetString(tree.Files["Guide/shot.png"]));
        // A folder without a page of its name is an empty page holding its pages.
        var notes = tree.Pages[1];
        Assert.Empty(notes.Blocks);
        Assert.Equal("Ideas", Assert.Single(notes.Children).Title);
    }

    [Fact]
    public void Too_deep_too_many_or_no_markdown_is_refused()
    {
        var deep = string.Join('/', Enumerable.Range(0, 30).Select(i => "d" + i)) + "/page.md";
        Assert.Contains("deep", Assert.Throws<DocxImportException>(() => MarkdownZipImporter.Read(Zip((deep, "x")))).Message, StringComparison.Ordinal);
        var many = Enumerable.Range(0, MarkdownZipImporter.MaxPages + 1).Select(i => ($"p{i}.md", "x")).ToArray();
        Assert.Contains("more than", Assert.Throws<DocxImportException>(() => MarkdownZipImporter.Read(Zip(many))).Message, StringComparison.Ordinal);
        Assert.Contains("no Markdown", Assert.Throws<DocxImportException>(() => MarkdownZipImporter.Read(Zip(("a.txt", "x")))).Message, StringComparison.Ordinal);
    }
}

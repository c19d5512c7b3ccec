using System.Diagnostics;
using System.IO.Compression;
using Docs.Content.Blocks;
using Docs.Content.Docx;
using Docs.Content.Docx.Import;
using Docs.Content.Markdown;
using static Docs.Content.Tests.TestBlocks;

namespace Docs.Content.Tests.Import;

/// <summary>The DOCX import: Word's structures back as blocks, pictures handed over, hostile packages refused in bounded time.</summary>
public sealed class DocxImportTests
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Fact]
    public void A_word_document_imports_its_headings_lists_tables_styles_links_and_pictures()
    {
        const string markdown = """
            ## Plan

            Some **bold**, *italic* and ~~struck~~ words with [a link](https://example.org/page).

            - first
              - nested
            - second

            1. one
            2. two

            > Quoted

            | Name | Role |
            | --- | --- |
            | Ann | lead |

            ![chart](/media/chart.png)
            """;
        var docx = DocxExporter.ToDocx(MarkdownImporter.ToBlocks(markdown), "Quarterly plan", url => url == "/media/chart.png" ? new DocxImage(Png, "image/png") : null);

        var imported = DocxImporter.Read(new MemoryStream(docx));

        Assert.Equal("Quarterly plan", imported.Title);
        var picture = Assert.Single(imported.Pictures);
        Assert.Equal(Png, picture.Data);
        // The picture's placeholder URL, once stored, is the address it had.
        var blocks = BlockUrls.Rewrite(imported.Blocks, url => url == picture.Url ? "/media/chart.png" : null, _ => null);
        Assert.Equal(MarkdownExporter.ToMarkdown(MarkdownImporter.ToBlocks(markdown + "\n")), MarkdownExporter.ToMarkdown(blocks));
        Assert.Equal(2, imported.Blocks.First(b => b.Type == BlockTypes.Heading).Props.GetInt("level"));
        var table = (TableContent)imported.Blocks.Single(b => b.Type == BlockTypes.Table).Content!;
        Assert.Equal(1, table.HeaderRows);
    }

    [Fact]
    public void A_file_that_is_not_a_word_document_is_refused_in_words()
    {
        var error = Assert.Throws<DocxImportException>(() => DocxImporter.Read(new MemoryStream("not a zip"u8.ToArray())));
        Assert.Contains("not a Word document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_bomb_and_a_zip_of_100000_entries_are_refused_quickly()
    {
        var bomb = new MemoryStream();
        using (var zip = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 300; i++)
            {
                entry.Write(zeros);
            }
        }
        Assert.True(bomb.Length < 2 * 1024 * 1024, $"the bomb is {bomb.Length} bytes");
        var clock = Stopwatch.StartNew();
        Assert.Contains("more than 200 MiB", ZipBounds.Check(new MemoryStream(bomb.ToArray())), StringComparison.Ordinal);

        var crowded = new MemoryStream();
        using (var zip = new ZipArchive(crowded, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < 100_000; i++)
            {
                zip.CreateEntry(i.ToString("x", System.Globalization.CultureInfo.InvariantCulture), CompressionLevel.NoCompression);
            }
        }
        Assert.Contains("100000 entries", ZipBounds.Check(new MemoryStream(crowded.ToArray())), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }
}

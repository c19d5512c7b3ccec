using System.IO.Compression;
using System.Net;
using System.Text;

namespace Docs.IntegrationTests.Api;

/// <summary>export/: PDF through the machine's Chromium, and a page with its sub-pages as a zip following the tree.</summary>
[Collection(StackCollection.Name)]
public sealed class ExportTests(StackFixture stack)
{
    /// <summary>A real 1×1 PNG (the browser must be able to draw it to embed it).</summary>
    private static readonly byte[] Pixel = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_pdf_has_the_text_the_outline_the_picture_page_numbers_and_the_paper_asked_for()
    {
        var alice = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Quarterly report");
        var picture = await AttachmentTests.UploadOkAsync(alice, id, Pixel, "pixel.png");
        await WriteMarkdownAsync(alice, id, $"# Results\n\nRevenue grew **twelve** percent.\n\n![chart]({picture})\n\n## Outlook\n\n| Region | Trend |\n| --- | --- |\n| North | up |\n");

        using var response = await alice.Api.GetAsync($"/api/v1.0/documents/{id}/export/?format=pdf&paper=letter");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Quarterly report.pdf", response.Content.Headers.ContentDisposition!.FileNameStar);
        var pdf = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync());
            var text = await ExternalTool.RunAsync("pdftotext", "-layout", pdf, "-");
            Assert.Contains("Quarterly report", text, StringComparison.Ordinal);
            Assert.Contains("Revenue grew twelve percent.", text, StringComparison.Ordinal);
            Assert.Contains("North", text, StringComparison.Ordinal);
            Assert.Matches(@"\b1\s*/\s*1\b", text); // the footer's page number
            Assert.Contains("Tagged:          yes", await ExternalTool.RunAsync("pdfinfo", pdf), StringComparison.Ordinal);
            Assert.Contains("(letter)", await ExternalTool.RunAsync("pdfinfo", pdf), StringComparison.Ordinal);
            // The headings are the PDF's bookmarks, and the picture is embedded (not fetched: the browser reaches nothing).
            var outline = await ExternalTool.RunAsync("pdftohtml", "-stdout", "-i", "-xml", pdf);
            Assert.Contains("<outline>", outline, StringComparison.Ordinal);
            Assert.Contains(">Outlook<", outline, StringComparison.Ordinal);
            var images = (await ExternalTool.RunAsync("pdfimages", "-list", pdf)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(images.Length > 2, "no image in the PDF:\n" + string.Join('\n', images));
        }
        finally
        {
            File.Delete(pdf);
        }

        using var a4 = await alice.Api.GetAsync($"/api/v1.0/documents/{id}/export/?format=pdf");
        var a4File = Path.GetTempFileName();
        await File.WriteAllBytesAsync(a4File, await a4.Content.ReadAsByteArrayAsync());
        Assert.Contains("(A4)", await ExternalTool.RunAsync("pdfinfo", a4File), StringComparison.Ordinal);
        File.Delete(a4File);

        using var badPaper = await alice.Api.GetAsync($"/api/v1.0/documents/{id}/export/?format=pdf&paper=a3");
        Assert.True((await Person.ProblemAsync(badPaper, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("paper", out _));
    }

    [Fact]
    public async Task A_page_with_its_sub_pages_is_a_zip_that_follows_the_tree_with_relative_links_and_media()
    {
        var alice = await stack.NewPersonAsync();
        var bob = await stack.NewPersonAsync();
        var root = await alice.CreateAsync("Handbook");
        var child = await alice.CreateAsync("Getting started", root);
        var grandchild = await alice.CreateAsync("Install", child);
        await alice.CreateAsync("Getting started", root);
        var trashed = await alice.CreateAsync("Old notes", root);
        Assert.Equal(HttpStatusCode.NoContent, await alice.StatusAsync(HttpMethod.Delete, $"/api/v1.0/documents/{trashed}/"));
        var picture = await AttachmentTests.UploadOkAsync(alice, grandchild, Pixel, "pixel.png");
        await WriteMarkdownAsync(alice, root, $"Start with [the guide](/docs/{child}) and [installing](https://docs.example.org/docs/{grandchild}/).\n");
        await WriteMarkdownAsync(alice, grandchild, $"Back to [the handbook](/docs/{root}).\n\n![screen]({picture})\n");

        using var response = await alice.Api.GetAsync($"/api/v1.0/documents/{root}/export/?format=md&with_descendants=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Handbook.zip", response.Content.Headers.ContentDisposition!.FileNameStar);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var mediaName = picture[(picture.LastIndexOf('/') + 1)..];
        Assert.Equal(
            new[] { "Handbook.md", "Handbook/Getting started.md", "Handbook/Getting started/Install.md", "Handbook/Getting started (2).md", $"media/{mediaName}" }
                .Order(StringComparer.Ordinal),
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        Assert.Equal("Start with [the guide](Handbook/Getting%20started.md) and [installing](Handbook/Getting%20started/Install.md).\n",
            Read(zip, "Handbook.md"));
        Assert.Equal($"Back to [the handbook](../../Handbook.md).\n\n![screen](../../media/{mediaName})\n", Read(zip, "Handbook/Getting started/Install.md"));
        using (var media = new MemoryStream())
        {
            await zip.GetEntry($"media/{mediaName}")!.Open().CopyToAsync(media);
            Assert.Equal(Pixel, media.ToArray());
        }

        // DOCX: one file per page, pictures inside; nobody else sees the tree.
        using var docx = await alice.Api.GetAsync($"/api/v1.0/documents/{root}/export/?format=docx&with_descendants=true");
        using var docxZip = new ZipArchive(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()));
        Assert.Equal(["Handbook.docx", "Handbook/Getting started (2).docx", "Handbook/Getting started.docx", "Handbook/Getting started/Install.docx"],
            docxZip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, await bob.StatusAsync(HttpMethod.Get, $"/api/v1.0/documents/{root}/export/?format=md&with_descendants=true"));
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Markdown made into the document's content through the API's own conversion.</summary>
    internal static async Task WriteMarkdownAsync(Person person, Guid id, string markdown)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1.0/convert/", UriKind.Relative))
        {
            Content = new StringContent(markdown, Encoding.UTF8, "text/markdown"),
        };
        request.Headers.Accept.ParseAdd("application/vnd.yjs.doc");
        using var converted = await person.Api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, converted.StatusCode);
        var update = await converted.Content.ReadAsByteArrayAsync();
        using var put = await person.SendAsync(HttpMethod.Put, $"/api/v1.0/documents/{id}/content/", new { content = Convert.ToBase64String(update) });
        await Person.ExpectAsync(put, HttpStatusCode.OK);
    }
}

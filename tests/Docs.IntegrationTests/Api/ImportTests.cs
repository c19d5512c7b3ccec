using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Docs.IntegrationTests.Api;

/// <summary>POST documents/ and documents/{id}/children/ with a file: Markdown, HTML, Word, a zip of Markdown as a tree; refusals as problems.</summary>
[Collection(StackCollection.Name)]
public sealed class ImportTests(StackFixture stack)
{
    private static readonly byte[] Pixel = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Markdown_html_and_word_files_become_documents_and_sub_pages()
    {
        var alice = await stack.NewPersonAsync();

        var fromMarkdown = await ImportOkAsync(alice, "/api/v1.0/documents/", Encoding.UTF8.GetBytes("# Notes\n\n- **one**\n"), "Meeting notes.md");
        Assert.Equal("Meeting notes", fromMarkdown.GetProperty("title").GetString());
        var id = fromMarkdown.GetProperty("id").GetGuid();
        Assert.Equal("# Notes\n\n- **one**\n", await MarkdownOfAsync(alice, id));

        // HTML through the allow-list: no script, no handler, no javascript: link survives.
        var html = "<h2 onclick=\"steal()\">Hi</h2><script>alert(1)</script><p><a href=\"javascript:alert(1)\">x</a> <a href=\"https://example.org\">ok</a></p>";
        var fromHtml = await ImportOkAsync(alice, $"/api/v1.0/documents/{id}/children/", Encoding.UTF8.GetBytes(html), "page.html");
        var child = fromHtml.GetProperty("id").GetGuid();
        Assert.Equal(2, fromHtml.GetProperty("depth").GetInt32());
        Assert.Equal("## Hi\n\nx [ok](https://example.org)\n", await MarkdownOfAsync(alice, child));

        // Word: the pictures become the document's attachments, served under /media/.
        var docx = await DocxAsync(alice);
        var fromWord = await ImportOkAsync(alice, "/api/v1.0/documents/", docx, "report.docx");
        var wordId = fromWord.GetProperty("id").GetGuid();
        Assert.Equal("Report for import", fromWord.GetProperty("title").GetString());
        var markdown = await MarkdownOfAsync(alice, wordId);
        Assert.StartsWith("## Summary\n\n- item\n", markdown, StringComparison.Ordinal);
        var media = markdown[(markdown.IndexOf("(/media/", StringComparison.Ordinal) + 1)..markdown.LastIndexOf(')')];
        Assert.StartsWith($"/media/{wordId}/attachments/", media, StringComparison.Ordinal);
        using var picture = await alice.Api.GetAsync(media);
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        Assert.Equal(Pixel, await picture.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_zip_of_markdown_files_becomes_a_tree_whose_links_point_at_the_new_pages()
    {
        var alice = await stack.NewPersonAsync();
        var zip = Zip(("Guide.md", Encoding.UTF8.GetBytes("Read [install](Guide/Install.md).\n\n![shot](Guide/shot.png)\n")),
            ("Guide/Install.md", Encoding.UTF8.GetBytes("Install it.\n")), ("Guide/shot.png", Pixel));

        var root = await ImportOkAsync(alice, "/api/v1.0/documents/", zip, "guide.zip");
        var rootId = root.GetProperty("id").GetGuid();
        Assert.Equal("Guide", root.GetProperty("title").GetString());
        var children = await alice.GetAsync($"/api/v1.0/documents/{rootId}/children/");
        var install = children.GetProperty("results")[0];
        Assert.Equal("Install", install.GetProperty("title").GetString());
        var markdown = await MarkdownOfAsync(alice, rootId);
        Assert.StartsWith($"Read [install](/docs/{install.GetProperty("id").GetGuid()}).\n\n![shot](/media/{rootId}/attachments/", markdown, StringComparison.Ordinal);
        Assert.Equal("Install it.\n", await MarkdownOfAsync(alice, install.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Bad_files_are_refused_with_clear_problems()
    {
        var alice = await stack.NewPersonAsync();
        var bob = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Private");

        using (var unknown = await ImportAsync(alice, "/api/v1.0/documents/", [1, 2, 3], "tool.exe"))
        {
            await Person.ProblemAsync(unknown, HttpStatusCode.UnsupportedMediaType);
        }
        using (var tooLarge = await ImportAsync(alice, "/api/v1.0/documents/", new byte[20 * 1024 * 1024 + 1], "big.md"))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        }
        using (var notWord = await ImportAsync(alice, "/api/v1.0/documents/", Zip(("a.txt", [1])), "fake.docx"))
        {
            var problem = await Person.ProblemAsync(notWord, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _));
        }
        using (var deep = await ImportAsync(alice, "/api/v1.0/documents/", Encoding.UTF8.GetBytes(new string('>', 100_000) + " deep"), "deep.md"))
        {
            await Person.ProblemAsync(deep, HttpStatusCode.BadRequest);
        }
        using (var noFile = await alice.Api.Http.PostAsync(new Uri("/api/v1.0/documents/", UriKind.Relative), new MultipartFormDataContent { { new StringContent("x"), "title" } }))
        {
            await Person.ProblemAsync(noFile, HttpStatusCode.BadRequest);
        }
        using (var hidden = await ImportAsync(bob, $"/api/v1.0/documents/{id}/children/", "x"u8.ToArray(), "a.md"))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }
        // JSON creation is still the JSON endpoint.
        Assert.Equal(HttpStatusCode.Created, await alice.StatusAsync(HttpMethod.Post, "/api/v1.0/documents/", new { title = "Plain" }));
    }

    private static async Task<string> MarkdownOfAsync(Person person, Guid id) =>
        (await person.GetAsync($"/api/v1.0/documents/{id}/formatted-content/?content_format=markdown")).GetProperty("content").GetString()!;

    /// <summary>A Word file exported by the API itself from a document with a picture (its own attachment).</summary>
    private static async Task<byte[]> DocxAsync(Person person)
    {
        var source = await person.CreateAsync("Report for import");
        var picture = await AttachmentTests.UploadOkAsync(person, source, Pixel, "pixel.png");
        await ExportTests.WriteMarkdownAsync(person, source, $"## Summary\n\n- item\n\n![pixel]({picture})\n");
        using var docx = await person.Api.GetAsync($"/api/v1.0/documents/{source}/export/?format=docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        return await docx.Content.ReadAsByteArrayAsync();
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] files)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(content);
            }
        }
        return stream.ToArray();
    }

    private static async Task<JsonElement> ImportOkAsync(Person person, string path, byte[] file, string fileName)
    {
        using var response = await ImportAsync(person, path, file, fileName);
        return await Person.ExpectAsync(response, HttpStatusCode.Created);
    }

    private static async Task<HttpResponseMessage> ImportAsync(Person person, string path, byte[] file, string fileName)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var form = new MultipartFormDataContent { { content, "file", fileName } };
        return await person.Api.Http.PostAsync(new Uri(path, UriKind.Relative), form);
    }
}

using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Docs.Testing;

namespace Docs.IntegrationTests.Api;

/// <summary>formatted-content/ and export/: a document written by BlockNote, read back converted by the API.</summary>
[Collection(StackCollection.Name)]
public sealed class FormattedContentTests(StackFixture stack)
{
    [Fact]
    public async Task A_document_written_by_BlockNote_reads_back_as_markdown_html_json_and_an_export()
    {
        var alice = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Meeting: notes");
        var documentPath = $"/api/v1.0/documents/{id}";

        // Nothing written yet: no content, in every format.
        var empty = await alice.GetAsync($"{documentPath}/formatted-content/?content_format=markdown");
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("content").ValueKind);

        // BlockNote's document, as an editor's update in the log (not yet folded into the snapshot).
        using var fixture = JsonDocument.Parse(NodeInterop.RunScript("blocknote-fixture.mjs"));
        var update = Convert.FromHexString(fixture.RootElement.GetProperty("update").GetString()!);
        using (var put = await alice.SendAsync(HttpMethod.Put, $"{documentPath}/content/", new { content = Convert.ToBase64String(update) }))
        {
            await Person.ExpectAsync(put, HttpStatusCode.OK);
        }

        var markdown = await alice.GetAsync($"{documentPath}/formatted-content/?content_format=markdown");
        Assert.Equal(id.ToString(), markdown.GetProperty("id").GetString());
        Assert.Equal("Meeting: notes", markdown.GetProperty("title").GetString());
        Assert.Equal("## Meeting notes\n\nPlain, **bold** and ***both***[a link](https://example.test)\n\n- first point\n  1. nested step\n- [x] done\n",
            markdown.GetProperty("content").GetString());

        var html = (await alice.GetAsync($"{documentPath}/formatted-content/?content_format=html")).GetProperty("content").GetString()!;
        Assert.StartsWith("<h2>Meeting notes</h2>", html, StringComparison.Ordinal);

        var json = (await alice.GetAsync($"{documentPath}/formatted-content/")).GetProperty("content");
        Assert.Equal("heading", json[0].GetProperty("type").GetString());
        Assert.Equal(2, json[0].GetProperty("props").GetProperty("level").GetInt32());

        using var export = await alice.Api.GetAsync($"{documentPath}/export/?format=md");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/markdown", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Meeting_ notes.md", export.Content.Headers.ContentDisposition!.FileNameStar ?? export.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(markdown.GetProperty("content").GetString(), await export.Content.ReadAsStringAsync());

        using var docx = await alice.Api.GetAsync($"{documentPath}/export/?format=docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType!.MediaType);
        using var package = new ZipArchive(await docx.Content.ReadAsStreamAsync());
        using var body = new StreamReader(package.GetEntry("word/document.xml")!.Open());
        var xml = await body.ReadToEndAsync();
        Assert.Contains("Meeting notes", xml, StringComparison.Ordinal);
        Assert.Contains("<w:pStyle w:val=\"Heading2\" />", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_turns_markdown_into_a_document_the_api_reads_back()
    {
        var alice = await stack.NewPersonAsync();
        const string markdown = "# Hello\n\n- **item**\n";

        using var toYjs = await ConvertAsync(alice.Api.Http, markdown, "text/markdown", "application/vnd.yjs.doc");
        Assert.Equal(HttpStatusCode.OK, toYjs.StatusCode);
        var update = await toYjs.Content.ReadAsByteArrayAsync();
        var doc = new Docs.Yjs.Doc();
        doc.ApplyUpdate(update);
        Assert.Contains("<heading", doc.GetXmlFragment("document-store").ToString(), StringComparison.Ordinal);

        using var toJson = await ConvertAsync(alice.Api.Http, markdown, "text/markdown", "application/json");
        using var blocks = JsonDocument.Parse(await toJson.Content.ReadAsStringAsync());
        Assert.Equal("heading", blocks.RootElement[0].GetProperty("type").GetString());

        // The update starts a document that reads back as the Markdown it came from.
        var id = await alice.CreateAsync("Converted");
        using (var put = await alice.SendAsync(HttpMethod.Put, $"/api/v1.0/documents/{id}/content/", new { content = Convert.ToBase64String(update) }))
        {
            await Person.ExpectAsync(put, HttpStatusCode.OK);
        }
        var read = await alice.GetAsync($"/api/v1.0/documents/{id}/formatted-content/?content_format=markdown");
        Assert.Equal(markdown, read.GetProperty("content").GetString());

        // HTML through the allow-list: the script is left behind.
        using var fromHtml = await ConvertAsync(alice.Api.Http, "<p>Hi <script>alert(1)</script><b>there</b></p>", "text/html", "text/markdown");
        Assert.Equal("Hi **there**\n", await fromHtml.Content.ReadAsStringAsync());

        using var unsupported = await ConvertAsync(alice.Api.Http, markdown, "text/plain", "application/json");
        await Person.ProblemAsync(unsupported, HttpStatusCode.UnsupportedMediaType);
        using var notJson = await ConvertAsync(alice.Api.Http, "[{\"type\": 3", "application/json", "application/json");
        await Person.ProblemAsync(notJson, HttpStatusCode.BadRequest);
        using var anonymous = new ApiClient(stack.App);
        using var refused = await ConvertAsync(anonymous.Http, markdown, "text/markdown", "application/json");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static Task<HttpResponseMessage> ConvertAsync(HttpClient http, string body, string contentType, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1.0/convert/", UriKind.Relative))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, contentType),
        };
        request.Headers.Accept.ParseAdd(accept);
        return http.SendAsync(request);
    }

    [Fact]
    public async Task Callers_who_cannot_see_the_document_get_404_and_bad_formats_a_problem()
    {
        var alice = await stack.NewPersonAsync();
        var bob = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Private");

        Assert.Equal(HttpStatusCode.NotFound, await bob.StatusAsync(HttpMethod.Get, $"/api/v1.0/documents/{id}/formatted-content/"));
        Assert.Equal(HttpStatusCode.NotFound, await bob.StatusAsync(HttpMethod.Get, $"/api/v1.0/documents/{id}/export/?format=html"));

        using var bad = await alice.SendAsync(HttpMethod.Get, $"/api/v1.0/documents/{id}/formatted-content/?content_format=rtf");
        Assert.True((await Person.ProblemAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("content_format", out _));
    }
}

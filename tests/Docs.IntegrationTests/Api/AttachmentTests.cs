using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Docs.IntegrationTests.Api;

/// <summary>attachment-upload/ and /media/{key}: who may upload, what is accepted, how it is served, and to whom.</summary>
[Collection(StackCollection.Name)]
public sealed class AttachmentTests(StackFixture stack)
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task An_editors_upload_is_served_back_byte_for_byte_with_ranges_validators_and_safe_headers()
    {
        var alice = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("With a picture");
        // Larger than any buffer on the way (multipart reader, copy buffers, the gateway's).
        var png = Png(1024 * 1024 + 321);

        var url = await UploadOkAsync(alice, id, png, "photo.png");
        Assert.Matches($"^/media/{id}/attachments/[0-9a-f-]{{36}}\\.png$", url);

        using var served = await alice.Api.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("private", served.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Header(served, "X-Content-Type-Options"));
        Assert.Equal("sandbox", Header(served, "Content-Security-Policy"));
        Assert.Equal("inline", served.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("bytes", served.Headers.AcceptRanges);
        var etag = served.Headers.ETag!;

        using var conditional = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        conditional.Headers.IfNoneMatch.Add(etag);
        using (var notModified = await alice.Api.Http.SendAsync(conditional))
        {
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        using var ranged = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        ranged.Headers.Range = new RangeHeaderValue(1_000_000, 1_000_099);
        using (var partial = await alice.Api.Http.SendAsync(ranged))
        {
            Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
            Assert.Equal(png.AsSpan(1_000_000, 100).ToArray(), await partial.Content.ReadAsByteArrayAsync());
            Assert.Equal($"bytes 1000000-1000099/{png.Length}", partial.Content.Headers.ContentRange?.ToString());
        }
    }

    [Fact]
    public async Task Readers_see_attachments_but_cannot_upload_and_strangers_learn_nothing()
    {
        var alice = await stack.NewPersonAsync();
        var reader = await stack.NewPersonAsync();
        var stranger = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Shared");
        await alice.GrantAsync(id, reader, "reader");
        var url = await UploadOkAsync(alice, id, Png(2000), "a.png");

        using (var refused = await UploadAsync(reader, id, Png(2000), "b.png"))
        {
            await Person.ProblemAsync(refused, HttpStatusCode.Forbidden);
        }
        using (var hidden = await UploadAsync(stranger, id, Png(2000), "c.png"))
        {
            await Person.ProblemAsync(hidden, HttpStatusCode.NotFound);
        }
        using (var read = await reader.Api.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
        using (var anonymous = await new ApiClient(stack.App).GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        }
        var guessed = $"/media/{id}/attachments/{Guid.NewGuid()}.png";
        foreach (var path in new[] { url, guessed, $"/media/{id}/attachments/../../etc/passwd", "/media/..%2F..%2Fetc%2Fpasswd" })
        {
            using var response = await stranger.Api.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        }
        using (var missing = await alice.Api.GetAsync(guessed))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        // In the trash, the document's attachments are served to nobody.
        Assert.Equal(HttpStatusCode.NoContent, await alice.StatusAsync(HttpMethod.Delete, $"/api/v1.0/documents/{id}/"));
        using (var trashed = await reader.Api.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.NotFound, trashed.StatusCode);
        }
    }

    [Fact]
    public async Task Past_the_limit_the_upload_is_refused_while_it_streams()
    {
        var alice = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Too large");
        var tooLarge = Png(10 * 1024 * 1024 + 1);

        // Announced by its length: refused before reading.
        using (var announced = await UploadAsync(alice, id, tooLarge, "big.png"))
        {
            Assert.Contains("limit", (await Person.ProblemAsync(announced, HttpStatusCode.RequestEntityTooLarge)).GetProperty("detail").GetString());
        }
        // Sent in chunks, its length unknown: refused as the bytes pass the limit.
        using (var chunked = await UploadAsync(alice, id, tooLarge, "big.png", chunked: true))
        {
            await Person.ProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge);
        }
        // Exactly at the limit: accepted.
        await UploadOkAsync(alice, id, Png(10 * 1024 * 1024), "limit.png", chunked: true);
    }

    [Fact]
    public async Task The_type_comes_from_the_bytes_not_from_the_name()
    {
        var alice = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Types");
        byte[] program = [(byte)'M', (byte)'Z', 0x90, 0x00, .. RandomNumberGenerator.GetBytes(4000)];
        var page = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");
        foreach (var disguised in new[] { program, page })
        {
            using var refused = await UploadAsync(alice, id, disguised, "innocent.png", "image/png");
            await Person.ProblemAsync(refused, HttpStatusCode.UnsupportedMediaType);
        }

        // A PNG named .txt is a PNG; text is served as a download.
        Assert.EndsWith(".png", await UploadOkAsync(alice, id, Png(100), "notes.txt", "text/plain"));
        var textUrl = await UploadOkAsync(alice, id, Encoding.UTF8.GetBytes("Plain notes, é à ü.\n"), "notes.txt");
        Assert.EndsWith(".txt", textUrl);
        using (var text = await alice.Api.GetAsync(textUrl))
        {
            Assert.Equal("attachment", text.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("text/plain", text.Content.Headers.ContentType?.MediaType);
        }

        // An SVG may carry script: it is accepted as an image but served sandboxed, so the script never runs on our origin.
        var svg = Encoding.UTF8.GetBytes("""<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>""");
        var svgUrl = await UploadOkAsync(alice, id, svg, "drawing.svg");
        using var served = await alice.Api.GetAsync(svgUrl);
        Assert.Equal("image/svg+xml", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("sandbox", Header(served, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(served, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task A_request_without_a_file_is_a_problem_naming_the_field()
    {
        var alice = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("No file");
        using var form = new MultipartFormDataContent { { new StringContent("hello"), "title" } };
        using var response = await alice.Api.Http.PostAsync(new Uri($"/api/v1.0/documents/{id}/attachment-upload/", UriKind.Relative), form);
        Assert.True((await Person.ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task Media_auth_answers_a_front_servers_sub_request_for_readers_only()
    {
        var alice = await stack.NewPersonAsync();
        var reader = await stack.NewPersonAsync();
        var stranger = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Behind a front server");
        await alice.GrantAsync(id, reader, "reader");
        var url = await UploadOkAsync(alice, id, Png(300), "a.png");

        async Task<HttpStatusCode> AskAsync(Person person, string? originalUrl)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1.0/documents/media-auth/", UriKind.Relative));
            if (originalUrl is not null)
            {
                request.Headers.Add("X-Original-URL", originalUrl);
            }
            using var response = await person.Api.Http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await AskAsync(reader, url));
        Assert.Equal(HttpStatusCode.OK, await AskAsync(alice, "https://docs.example.org" + url + "?download=1"));
        Assert.Equal(HttpStatusCode.Forbidden, await AskAsync(stranger, url));
        Assert.Equal(HttpStatusCode.Forbidden, await AskAsync(reader, $"/media/{id}/attachments/{Guid.NewGuid()}.png"));
        Assert.Equal(HttpStatusCode.Forbidden, await AskAsync(reader, "/api/v1.0/documents/"));
        Assert.Equal(HttpStatusCode.Forbidden, await AskAsync(reader, null));
    }

    [Fact]
    public async Task Finding_the_documents_that_hold_a_key_uses_the_attachments_index()
    {
        await using var connection = new NpgsqlConnection(stack.App.GetConnectionString("docsdb"));
        await connection.OpenAsync();
        // With few rows the planner may prefer a scan anyway: forbid it, and see that the index can answer.
        await using var command = new NpgsqlCommand(
            "SET enable_seqscan = off; EXPLAIN SELECT id FROM documents WHERE attachments @> ARRAY['k']::text[]", connection);
        var plan = new StringBuilder();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.AppendLine(reader.GetString(0));
            }
        }
        Assert.Contains("ix_documents_attachments", plan.ToString());
    }

    /// <summary>A PNG signature followed by random bytes: what the server checks is the signature.</summary>
    internal static byte[] Png(int length) => [.. PngSignature, .. RandomNumberGenerator.GetBytes(length - PngSignature.Length)];

    /// <summary>Uploads as <paramref name="person"/> and returns the file's /media/ URL.</summary>
    internal static async Task<string> UploadOkAsync(Person person, Guid document, byte[] bytes, string fileName, string contentType = "application/octet-stream", bool chunked = false)
    {
        using var response = await UploadAsync(person, document, bytes, fileName, contentType, chunked);
        return (await Person.ExpectAsync(response, HttpStatusCode.Created)).GetProperty("file").GetString()!;
    }

    private static async Task<HttpResponseMessage> UploadAsync(Person person, Guid document, byte[] bytes, string fileName,
        string contentType = "application/octet-stream", bool chunked = false)
    {
        HttpContent file = chunked ? new StreamContent(new UnknownLengthStream(bytes)) : new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var form = new MultipartFormDataContent { { file, "file", fileName } };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/v1.0/documents/{document}/attachment-upload/", UriKind.Relative)) { Content = form };
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }
        return await person.Api.Http.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;

    /// <summary>A body whose length the client cannot tell in advance (so it is sent in chunks).</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}

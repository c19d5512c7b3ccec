using System.Net;
using System.Text;
using System.Text.Json;
using Docs.IntegrationTests.Api;
using Npgsql;

namespace Docs.IntegrationTests.Blobs;

/// <summary>
/// Issue #20: with a malware scanner configured, a file being scanned is served to its uploader only, a clean one then to
/// every reader, and an unsafe one to nobody — by <c>/media/</c>, by media-auth, and to a duplicate's readers alike.
/// </summary>
[Collection(S3StackCollection.Name)]
public sealed class AttachmentScanTests(S3StackFixture stack)
{
    [Fact]
    public async Task A_file_is_served_to_its_uploader_only_while_scanned_then_to_readers_once_clean_and_never_once_unsafe()
    {
        var alice = await stack.NewPersonAsync();
        var bob = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Scanned");
        await alice.GrantAsync(id, bob, "reader");

        var held = await AttachmentTests.UploadOkAsync(alice, id, Encoding.UTF8.GetBytes($"notes {TestScanner.HoldMarker}\n"), "notes.txt");
        var infected = await AttachmentTests.UploadOkAsync(alice, id, Encoding.ASCII.GetBytes(TestScanner.Eicar), "eicar.txt");

        // Being scanned: the uploader sees it (the editor shows what was just put in), a reader is told nothing.
        Assert.Equal("processing", (await CheckAsync(alice, id, held)).Status);
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(alice, held));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(bob, held));
        Assert.Equal(("processing", null), await CheckAsync(bob, id, held));
        Assert.Equal(HttpStatusCode.Forbidden, await MediaAuthAsync(bob, held));
        // A duplicate made meanwhile (by a reader, who may) holds copies of both, under keys of its own, served to nobody yet.
        var copy = (await Person.ExpectAsync(await bob.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/duplicate/"), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var copiedUrls = (await AttachmentsOfAsync(copy)).Select(key => "/media/" + key).ToList();
        Assert.Equal(2, copiedUrls.Count);
        foreach (var copied in copiedUrls)
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(bob, copied));
        }
        stack.Scanner.Release();
        await UntilAsync(async () => (await CheckAsync(bob, id, held)).Status == "ready");
        Assert.Equal(("ready", held), await CheckAsync(bob, id, held));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(bob, held));
        Assert.Equal(HttpStatusCode.OK, await MediaAuthAsync(bob, held));
        // The copy of the clean file shares its verdict; the copy of the unsafe one is served to nobody.
        await UntilAsync(async () => await StatusOfAsync(bob, copiedUrls[0]) == HttpStatusCode.OK || await StatusOfAsync(bob, copiedUrls[1]) == HttpStatusCode.OK);
        var served = new List<string>();
        foreach (var copied in copiedUrls)
        {
            using var response = await bob.Api.GetAsync(copied);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                served.Add(await response.Content.ReadAsStringAsync());
            }
        }
        Assert.Equal([$"notes {TestScanner.HoldMarker}\n"], served);

        await UntilAsync(async () => (await CheckAsync(alice, id, infected)).Status != "processing");
        Assert.Equal(("unsafe", null), await CheckAsync(alice, id, infected));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(alice, infected)); // not even to its uploader
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(bob, infected));
        Assert.Equal(HttpStatusCode.Forbidden, await MediaAuthAsync(alice, infected));
    }

    [Fact]
    public async Task An_export_bundles_the_clean_pictures_and_never_an_unsafe_one()
    {
        var alice = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Exported");
        var clean = await AttachmentTests.UploadOkAsync(alice, id, AttachmentTests.Png(2000), "clean.png");
        byte[] infectedPng = [.. AttachmentTests.Png(500), .. Encoding.ASCII.GetBytes(TestScanner.Eicar)];
        var infected = await AttachmentTests.UploadOkAsync(alice, id, infectedPng, "infected.png");
        await AttachmentDuplicateTests.PutImageAsync(alice, id, clean, infected);
        await UntilAsync(async () => (await CheckAsync(alice, id, infected)).Status == "unsafe" && (await CheckAsync(alice, id, clean)).Status == "ready");

        using var export = await alice.Api.GetAsync($"/api/v1.0/documents/{id}/export/?format=md&with_descendants=true");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var zip = new System.IO.Compression.ZipArchive(await export.Content.ReadAsStreamAsync());
        var media = zip.Entries.Where(e => e.FullName.Contains("media/", StringComparison.Ordinal)).Select(e => e.Name).ToList();
        Assert.Equal([Path.GetFileName(clean)], media);
    }

    private async Task<string[]> AttachmentsOfAsync(Guid document)
    {
        await using var connection = new NpgsqlConnection(stack.App.GetConnectionString("docsdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT attachments FROM documents WHERE id = $1", connection) { Parameters = { new() { Value = document } } };
        return (string[])(await command.ExecuteScalarAsync())!;
    }

    internal static async Task<(string Status, string? File)> CheckAsync(Person person, Guid id, string url)
    {
        var answer = await person.GetAsync($"/api/v1.0/documents/{id}/media-check/?key={Uri.EscapeDataString(url["/media/".Length..])}");
        return (answer.GetProperty("status").GetString()!, answer.GetProperty("file").ValueKind == JsonValueKind.Null ? null : answer.GetProperty("file").GetString());
    }

    private static async Task<HttpStatusCode> StatusOfAsync(Person person, string url)
    {
        using var response = await person.Api.GetAsync(url);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> MediaAuthAsync(Person person, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1.0/documents/media-auth/", UriKind.Relative));
        request.Headers.Add("X-Original-URL", url);
        using var response = await person.Api.Http.SendAsync(request);
        return response.StatusCode;
    }

    internal static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
    }
}

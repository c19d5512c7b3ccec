using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Docs.Core.Blobs;
using Docs.IntegrationTests.Api;

namespace Docs.IntegrationTests.Blobs;

/// <summary>Attachments end to end with the S3 store: upload, download byte for byte, ranges, and media-auth's signed headers.</summary>
[Collection(S3StackCollection.Name)]
public sealed class S3AttachmentTests(S3StackFixture stack)
{
    [Fact]
    public async Task The_clean_up_deletes_an_old_orphan_from_the_bucket_and_keeps_a_referenced_blob_and_a_fresh_orphan()
    {
        var alice = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Holds one, in S3");
        var twoDaysAgo = DateTime.UtcNow.AddDays(-2);
        var referenced = (await AttachmentTests.UploadOkAsync(alice, id, AttachmentTests.Png(700), "kept.png"))["/media/".Length..];
        using var store = new S3BlobStore(stack.S3.Settings);
        var oldOrphan = $"{Guid.NewGuid()}/attachments/{Guid.NewGuid()}.png";
        var freshOrphan = $"{Guid.NewGuid()}/attachments/{Guid.NewGuid()}.png";
        foreach (var key in new[] { oldOrphan, freshOrphan })
        {
            await using var body = new MemoryStream(AttachmentTests.Png(100));
            await store.WriteAsync(key, body, "image/png", CancellationToken.None);
        }
        stack.S3.Backdate(referenced, twoDaysAgo);
        stack.S3.Backdate(oldOrphan, twoDaysAgo);

        await OrphanBlobTests.RunCleanUpAsync(stack);

        Assert.Null(await store.OpenReadAsync(oldOrphan, CancellationToken.None));
        await using (var kept = await store.OpenReadAsync(referenced, CancellationToken.None))
        {
            Assert.NotNull(kept);
        }
        await using (var fresh = await store.OpenReadAsync(freshOrphan, CancellationToken.None))
        {
            Assert.NotNull(fresh);
        }
    }

    [Fact]
    public async Task A_file_larger_than_the_redirect_threshold_comes_from_the_store_through_a_signed_url_to_readers_only()
    {
        var alice = await stack.NewPersonAsync();
        var stranger = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("A large file");
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n").Concat(RandomNumberGenerator.GetBytes((int)S3StackFixture.RedirectAbove + 1024)).ToArray();
        var url = await AttachmentTests.UploadOkAsync(alice, id, pdf, "report.pdf");
        await UntilScannedAsync(alice, id, url);

        using var response = await alice.Api.GetAsync(url); // the client follows the redirect, as a browser does

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = response.RequestMessage!.RequestUri!;
        Assert.Equal(new Uri(stack.S3.Settings.Endpoint).Authority, served.Authority); // from the store, not through the site
        Assert.Contains("X-Amz-Signature=", served.Query, StringComparison.Ordinal);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        // Someone who may not read the document gets no signed URL.
        using var refused = await stranger.Api.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    private static async Task UntilScannedAsync(Person person, Guid id, string url)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && (await person.GetAsync($"/api/v1.0/documents/{id}/media-check/?key={Uri.EscapeDataString(url["/media/".Length..])}"))
            .GetProperty("status").GetString() != "ready")
        {
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Uploads_go_to_the_bucket_and_come_back_whole_or_in_ranges()
    {
        var alice = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Kept in S3");
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. RandomNumberGenerator.GetBytes(3 * 1024 * 1024)];

        var url = await AttachmentTests.UploadOkAsync(alice, id, png, "photo.png");
        var key = url["/media/".Length..];
        // In the bucket, not in the folder the file store would use.
        using (var stored = await stack.S3.FetchSignedAsync(key))
        {
            Assert.Equal(png, await stored.Content.ReadAsByteArrayAsync());
        }
        Assert.False(File.Exists(Path.Combine(stack.BlobFolder, key)));

        using (var served = await alice.Api.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        }
        using var ranged = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        ranged.Headers.Range = new RangeHeaderValue(2_000_000, 2_000_999);
        using (var partial = await alice.Api.Http.SendAsync(ranged))
        {
            Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
            Assert.Equal(png.AsSpan(2_000_000, 1000).ToArray(), await partial.Content.ReadAsByteArrayAsync());
        }

        using var auth = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1.0/documents/media-auth/", UriKind.Relative));
        auth.Headers.Add("X-Original-URL", url);
        using var authorised = await alice.Api.Http.SendAsync(auth);
        Assert.Equal(HttpStatusCode.OK, authorised.StatusCode);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=", string.Join(",", authorised.Headers.GetValues("Authorization")));
        Assert.Single(authorised.Headers.GetValues("X-Amz-Date"));
    }
}

/// <summary>A second stack: never beside the main one (the machines have few cores; timing-sensitive tests run there).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class S3StackCollection : ICollectionFixture<S3StackFixture>
{
    public const string Name = "stack with S3";
}

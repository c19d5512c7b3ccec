using System.Security.Cryptography;
using Docs.Core.Blobs;

namespace Docs.IntegrationTests.Blobs;

/// <summary>Both blob stores, the local folder and S3 (against a real S3 protocol server), keep the same promises.</summary>
public sealed class BlobStoreTests(S3Server s3) : IClassFixture<S3Server>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("docs-blobs-").FullName;

    public static TheoryData<string> Stores => new() { "file", "s3" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_blob_larger_than_the_buffers_round_trips_byte_for_byte_and_reads_from_any_position(string kind)
    {
        var store = Store(kind);
        var key = $"{Guid.NewGuid()}/attachments/{Guid.NewGuid()}.bin";
        var bytes = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);

        // A stream that cannot seek nor tell its length, like a request body.
        await using (var body = new ForwardOnlyStream(bytes))
        {
            await store.WriteAsync(key, body, "application/octet-stream", CancellationToken.None);
        }

        await using (var read = (await store.OpenReadAsync(key, CancellationToken.None))!)
        {
            Assert.True(read.CanSeek);
            Assert.Equal(bytes.Length, read.Length);
            var copy = new MemoryStream();
            await read.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());

            read.Seek(1_000_000, SeekOrigin.Begin);
            var part = new byte[100];
            await read.ReadExactlyAsync(part);
            Assert.Equal(bytes.AsSpan(1_000_000, 100).ToArray(), part);
        }

        await store.DeleteAsync(key, CancellationToken.None);
        Assert.Null(await store.OpenReadAsync(key, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_failed_write_leaves_nothing_and_a_missing_key_reads_as_none(string kind)
    {
        var store = Store(kind);
        var key = $"{Guid.NewGuid()}/attachments/{Guid.NewGuid()}.bin";
        await Assert.ThrowsAsync<IOException>(() => store.WriteAsync(key, new FailingStream(), "application/octet-stream", CancellationToken.None));
        Assert.Null(await store.OpenReadAsync(key, CancellationToken.None));
        await store.DeleteAsync(key, CancellationToken.None); // nothing there: no error
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task The_listing_names_every_blob_page_after_page_with_when_it_was_written(string kind)
    {
        // Pages of two keys: five blobs take three pages.
        IBlobStore store = kind == "s3" ? new S3BlobStore(s3.Settings, pageSize: 2) : new FileBlobStore(_folder);
        var started = DateTimeOffset.UtcNow.AddMinutes(-1);
        var document = Guid.NewGuid();
        var keys = Enumerable.Range(0, 5).Select(_ => $"{document}/attachments/{Guid.NewGuid()}.bin").ToList();
        foreach (var key in keys)
        {
            await using var body = new MemoryStream(RandomNumberGenerator.GetBytes(10));
            await store.WriteAsync(key, body, "application/octet-stream", CancellationToken.None);
        }
        await store.DeleteAsync(keys[4], CancellationToken.None);

        var listed = new Dictionary<string, DateTimeOffset>();
        await foreach (var blob in store.ListAsync(CancellationToken.None))
        {
            Assert.True(listed.TryAdd(blob.Key, blob.LastModified), $"{blob.Key} listed twice");
        }

        Assert.Equal(keys[..4].Order(), listed.Keys.Where(k => k.StartsWith($"{document}/", StringComparison.Ordinal)).Order());
        Assert.All(keys[..4], key => Assert.InRange(listed[key], started, DateTimeOffset.UtcNow.AddMinutes(1)));
    }

    [Fact]
    public async Task A_front_server_fetches_an_object_with_the_signed_headers()
    {
        var store = new S3BlobStore(s3.Settings);
        var key = $"{Guid.NewGuid()}/attachments/{Guid.NewGuid()}.png";
        var bytes = RandomNumberGenerator.GetBytes(5000);
        await store.WriteAsync(key, new MemoryStream(bytes), "image/png", CancellationToken.None);
        using (var fetched = await s3.FetchSignedAsync(key))
        {
            Assert.True(fetched.IsSuccessStatusCode, $"{(int)fetched.StatusCode} {await fetched.Content.ReadAsStringAsync()}");
            Assert.Equal(bytes, await fetched.Content.ReadAsByteArrayAsync());
        }

        // s3rver checks who signed, not the V4 signature itself (a forged one passes): that check is left to real S3 services.
        Assert.Matches("^AWS4-HMAC-SHA256 Credential=S3RVER/[0-9]{8}/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$",
            S3RequestSigner.SignGet(s3.Settings, key, DateTimeOffset.UtcNow)["Authorization"]);
        Assert.DoesNotContain(s3.Settings.SecretKey, s3.Settings.ToString());
    }

    [Fact]
    public void The_connection_string_chooses_the_store()
    {
        Assert.IsType<FileBlobStore>(BlobStores.Create(new Uri(_folder).AbsoluteUri));
        using var s3Store = Assert.IsType<S3BlobStore>(BlobStores.Create(
            $"Endpoint={s3.Settings.Endpoint};Bucket=b;AccessKey=k;SecretKey=s;Region=eu-west-3"));
        Assert.Equal("b", s3Store.Bucket);
        Assert.Throws<FormatException>(() => BlobStores.Create("Endpoint=http://x;AccessKey=k;SecretKey=s"));
    }

    [Fact]
    public async Task The_folder_store_refuses_keys_that_leave_its_folder()
    {
        var store = new FileBlobStore(_folder);
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync("../outside.txt", CancellationToken.None));
    }

    private IBlobStore Store(string kind) => kind == "s3" ? new S3BlobStore(s3.Settings) : new FileBlobStore(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }

    /// <summary>Gives some bytes, then fails, as a dropped upload does.</summary>
    private sealed class FailingStream : Stream
    {
        private int _reads;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) =>
            _reads++ < 3 ? Math.Min(count, 1000) : throw new IOException("The connection dropped.");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read([], 0, buffer.Length));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

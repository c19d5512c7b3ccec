using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Docs.Core.Blobs;

/// <summary>
/// Blobs as objects of one bucket on any S3 API (AWS, MinIO, Garage, Cellar…): path-style addresses, and
/// checksums only where the operation requires them, which services other than AWS's may not compute.
/// </summary>
public sealed class S3BlobStore : IBlobStore, IDisposable
{
    private const int BufferSize = 81920;
    private readonly AmazonS3Client _client;
    private readonly string _bucket;

    private readonly int _pageSize;

    /// <param name="pageSize">Keys asked for per ListObjectsV2 page (S3's own maximum is 1,000).</param>
    public S3BlobStore(S3Settings settings, int pageSize = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        _pageSize = pageSize;
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _bucket = settings.Bucket;
        _client = new AmazonS3Client(new BasicAWSCredentials(settings.AccessKey, settings.SecretKey), new AmazonS3Config
        {
            ServiceURL = settings.Endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = settings.Region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
    }

    public S3Settings Settings { get; }

    public string Bucket => _bucket;

    /// <summary>
    /// An upload's length is only known at its end, and a PUT needs it first: the bytes go through a
    /// temporary file (deleted on close), never through memory.
    /// </summary>
    public async Task WriteAsync(string key, Stream content, string mediaType, CancellationToken cancellationToken)
    {
        var spool = Path.Combine(Path.GetTempPath(), $"docs-blob-{Guid.NewGuid():N}");
        await using var file = new FileStream(spool, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        await content.CopyToAsync(file, BufferSize, cancellationToken);
        file.Position = 0;
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = file,
            AutoCloseStream = false,
            ContentType = mediaType,
            // aws-chunked bodies are not understood everywhere (some S3 services store the chunk signatures
            // as content); the spooled file can be hashed whole instead.
            UseChunkEncoding = false,
        }, cancellationToken);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await _client.GetObjectMetadataAsync(_bucket, key, cancellationToken);
            return new S3ObjectStream(_client, _bucket, key, metadata.ContentLength);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// A URL that fetches the object for <paramref name="lifetime"/>, without credentials, answered with the given type
    /// and disposition (S3's response overrides): for large files, served by the store instead of through the site.
    /// </summary>
    public string PresignGet(string key, TimeSpan lifetime, string contentType, string? contentDisposition)
    {
        var request = new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow.Add(lifetime),
            Protocol = new Uri(Settings.Endpoint).Scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS,
        };
        request.ResponseHeaderOverrides.ContentType = contentType;
        request.ResponseHeaderOverrides.CacheControl = "private";
        if (contentDisposition is not null)
        {
            request.ResponseHeaderOverrides.ContentDisposition = contentDisposition;
        }
        return _client.GetPreSignedURL(request);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await _client.DeleteObjectAsync(_bucket, key, cancellationToken);

    /// <summary>ListObjectsV2, a page at a time.</summary>
    public async IAsyncEnumerable<StoredBlob> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = _bucket, MaxKeys = _pageSize };
        ListObjectsV2Response page;
        do
        {
            page = await _client.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                yield return new StoredBlob(item.Key, item.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.MaxValue);
            }
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);
    }

    public void Dispose() => _client.Dispose();
}

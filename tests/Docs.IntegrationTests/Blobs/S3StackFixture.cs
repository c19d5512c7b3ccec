namespace Docs.IntegrationTests.Blobs;

/// <summary>
/// The whole stack keeping its attachments in S3 (a real S3 protocol server, s3rver) and scanning every upload with a
/// malware scanner (<see cref="TestScanner"/>), for <see cref="S3AttachmentTests"/> and <see cref="AttachmentScanTests"/>.
/// </summary>
public sealed class S3StackFixture : StackFixture
{
    public S3Server S3 { get; } = new();

    public TestScanner Scanner { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> MoreSettings() =>
    [
        new("Services:api:Media:ScanUrl", Scanner.Url.AbsoluteUri),
        new("Services:worker:Media:ScanUrl", Scanner.Url.AbsoluteUri),
        new("Services:api:Media:RedirectAbove", RedirectAbove.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    /// <summary>Files larger than this are redirected to the store (Media:RedirectAbove).</summary>
    public const long RedirectAbove = 5 * 1024 * 1024;

    protected override async Task<string> BlobStoreAsync()
    {
        await S3.InitializeAsync();
        var s3 = S3.Settings;
        return $"Endpoint={s3.Endpoint};Bucket={s3.Bucket};AccessKey={s3.AccessKey};SecretKey={s3.SecretKey};Region={s3.Region}";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await S3.DisposeAsync();
        Scanner.Dispose();
    }
}

using System.Globalization;
using Amazon.Runtime.Internal.Auth;

namespace Docs.Core.Blobs;

/// <summary>
/// Signature V4 headers for one GET of one object, for a front web server that fetches media from S3
/// itself once Docs.Api has authorised the request (the reference's <c>media-auth</c> sub-request).
/// The payload is not signed (a GET has none), the host is the endpoint's, the address path-style.
/// </summary>
public static class S3RequestSigner
{
    private const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    public static IReadOnlyDictionary<string, string> SignGet(S3Settings settings, string key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var endpoint = new Uri(settings.Endpoint);
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var path = "/" + Uri.EscapeDataString(settings.Bucket) + "/" + string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        const string signedHeaders = "host;x-amz-content-sha256;x-amz-date";
        var canonicalRequest = string.Join('\n',
            "GET", path, "",
            $"host:{endpoint.Authority}", $"x-amz-content-sha256:{UnsignedPayload}", $"x-amz-date:{amzDate}", "",
            signedHeaders, UnsignedPayload);
        // The signing itself (key derivation, string to sign) is the SDK's; the request is described here.
        var signing = AWS4Signer.ComputeSignature(settings.AccessKey, settings.SecretKey, settings.Region, now.UtcDateTime, "s3", signedHeaders, canonicalRequest);
        return new Dictionary<string, string>
        {
            ["Authorization"] = signing.ForAuthorizationHeader,
            ["X-Amz-Date"] = amzDate,
            ["X-Amz-Content-SHA256"] = UnsignedPayload,
        };
    }
}

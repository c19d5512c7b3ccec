using Docs.Core.Blobs;
using Docs.Testing;

namespace Docs.IntegrationTests.Blobs;

/// <summary>A real S3 protocol server (npm <c>s3rver</c>) with one bucket, for as long as the test class runs.</summary>
public sealed class S3Server : IAsyncLifetime
{
    public const string Bucket = "docs-test";

    private readonly string _directory = Directory.CreateTempSubdirectory("docs-s3rver-").FullName;
    private RunningScript? _server;

    public S3Settings Settings { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // s3rver's ListObjectsV2 continuation tokens are DES-encrypted, a cipher OpenSSL 3 only has in its legacy provider:
        // without it, any listing longer than a page is a 500.
        _server = NodeInterop.StartScript("s3-server.mjs", ["--openssl-legacy-provider"], [_directory, Bucket]);
        var endpoint = await _server.AskAsync("endpoint", TimeSpan.FromSeconds(30));
        // s3rver accepts its default key pair: the one its documentation gives.
        Settings = new S3Settings(endpoint, Bucket, "S3RVER", "S3RVER", "us-east-1");
    }

    /// <summary>Fetches an object as a front web server would, with <see cref="S3RequestSigner"/>'s headers.</summary>
    public async Task<HttpResponseMessage> FetchSignedAsync(string key)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Settings.Endpoint}/{Bucket}/{key}"));
        foreach (var (name, value) in S3RequestSigner.SignGet(Settings, key, DateTimeOffset.UtcNow))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>Makes the object look last written at <paramref name="written"/> (s3rver tells an object's file's time).</summary>
    public void Backdate(string key, DateTime written) =>
        File.SetLastWriteTimeUtc(Path.Combine([_directory, Bucket, .. key.Split('/')[..^1], $"{key.Split('/')[^1]}._S3rver_object"]), written);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }
}

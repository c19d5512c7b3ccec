using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Docs.Hosting.Services;
using Microsoft.Extensions.Configuration;

namespace Docs.Hosting.Publishing;

/// <summary>
/// Where browsers reach an external endpoint once published: <c>Publish:Urls:{resource}</c>, else
/// <c>Publish:BaseUrl</c> for the entry point and <c>{scheme}://{resource}.{base host}</c> for the others.
/// </summary>
public static class PublicUrls
{
    public const string DefaultBaseUrl = "https://docs.example.com";

    public static Uri Of(IConfiguration configuration, EndpointReference endpoint) =>
        Of(configuration, endpoint.Resource.Name, endpoint.Resource.HasAnnotationOfType<EntryPointAnnotation>());

    public static Uri Of(IConfiguration configuration, string resource, bool isEntryPoint)
    {
        var configured = configuration[$"Publish:Urls:{resource}"];
        var baseUrl = Parse(configuration["Publish:BaseUrl"] ?? DefaultBaseUrl, "Publish:BaseUrl");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Parse(configured, $"Publish:Urls:{resource}");
        }
        return isEntryPoint ? baseUrl : new Uri($"{baseUrl.Scheme}://{resource}.{baseUrl.Host}");
    }

    private static Uri Parse(string value, string key) =>
        Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) && url.AbsolutePath == "/"
            ? url
            : throw new DistributedApplicationException($"{key} must be an http(s) URL without a path, such as https://docs.example.com; got '{value}'.");

    /// <summary>The URL as services are given it: no trailing slash.</summary>
    public static string Text(Uri url) => url.GetLeftPart(UriPartial.Authority);
}

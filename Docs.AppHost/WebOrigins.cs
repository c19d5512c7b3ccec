
namespace Docs.AppHost;

/// <summary>
/// The origins people open the site at, which the provider's redirect URIs and the collaboration
/// server's origin check must accept. Running, the site is on this machine's loopback, reachable as
/// <c>http://localhost:{port}</c> and <c>http://127.0.0.1:{port}</c>; published, at its one public URL.
/// </summary>
internal static class WebOrigins
{
    public static IReadOnlyList<ReferenceExpression> Of(IResourceBuilder<ProjectResource> web, bool running)
    {
        var endpoint = web.GetEndpoint("http");
        if (!running)
        {
            return [ReferenceExpression.Create($"{endpoint}")];
        }
        var port = endpoint.Property(EndpointProperty.Port);
        return [ReferenceExpression.Create($"http://localhost:{port}"), ReferenceExpression.Create($"http://127.0.0.1:{port}")];
    }
}

using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace Docs.Web.Gateway;

/// <summary>
/// The browser's only origin also fronts the services (YARP): <c>/api/v1.0/**</c> and <c>/media/**</c> go to
/// Docs.Api with the session's access token attached here (the browser never holds a token), and
/// <c>/collaboration/ws/**</c> (Hocuspocus) and <c>/collaboration/yws/**</c> (plain y-websocket) go to the
/// Docs.Collab instances (WebSocket). Upstream addresses come from
/// service discovery's configuration (<c>services:api:http:0</c>, <c>services:collab:http:0</c>,
/// <c>services:collab-2:http:0</c> …).
/// </summary>
public static partial class GatewayExtensions
{
    private const string ApiCluster = ResourceNames.Api;
    private const string CollabCluster = ResourceNames.Collab;

    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        var routes = new[]
        {
            Route("api", "/api/v1.0/{**rest}", ApiCluster),
            // Docs.Api enforces its own upload limit (Media:MaxUploadBytes, with a problem): not this server's default 30 MB.
            Route("attachment-upload", "/api/v1.0/documents/{id}/attachment-upload/", ApiCluster) with { MaxRequestBodySize = -1 },
            Route("media", "/media/{**rest}", ApiCluster),
            Route("collaboration", "/collaboration/ws/{**rest}", CollabCluster),
            Route("collaboration-yws", "/collaboration/yws/{**rest}", CollabCluster),
        };
        var clusters = new[]
        {
            Cluster(ApiCluster, Destinations(builder.Configuration, name => name == ApiCluster), healthChecked: false),
            // Every instance serves every document (they share updates through Redis): spread the sockets, skip the dead.
            Cluster(CollabCluster, Destinations(builder.Configuration, name => CollabName().IsMatch(name)), healthChecked: true),
        };
        builder.Services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
            .AddTransforms(context =>
            {
                // The session cookie is this origin's business: upstreams get the access token instead.
                context.AddRequestHeaderRemove("Cookie");
                if (context.Cluster?.ClusterId == ApiCluster)
                {
                    context.AddRequestTransform(AttachAccessTokenAsync);
                }
            });
        return builder;
    }

    /// <summary>The proxied routes, with antiforgery on every state-changing call made with the session cookie.</summary>
    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder routes)
    {
        routes.MapReverseProxy(proxy => proxy.Use(RequireAntiforgeryAsync));
        return routes;
    }

    private static async ValueTask AttachAccessTokenAsync(RequestTransformContext context)
    {
        if (context.HttpContext.User.Identity?.IsAuthenticated != true)
        {
            return; // anonymous, or a script with its own bearer token: passed as it came
        }
        var token = await context.HttpContext.GetTokenAsync("access_token");
        context.ProxyRequest.Headers.Remove("Authorization");
        if (!string.IsNullOrEmpty(token))
        {
            context.ProxyRequest.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }
    }

    /// <summary>
    /// A cookie rides along on any request the browser makes, including ones another site triggers: a
    /// state-changing call that the session authenticates must prove it comes from our pages
    /// (the <c>X-XSRF-TOKEN</c> header, which another origin cannot read or set). Only the header: the
    /// antiforgery service would otherwise read a form body for its token, and what is read here is no
    /// longer there for YARP to forward (an empty body under the original Content-Length).
    /// </summary>
    private static async Task RequireAntiforgeryAsync(HttpContext context, Func<Task> next)
    {
        var method = context.Request.Method;
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
        if (!safe && context.User.Identity?.IsAuthenticated == true
            && context.GetReverseProxyFeature().Route.Config.ClusterId == ApiCluster)
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            var header = context.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.HeaderName!;
            if (!context.Request.Headers.ContainsKey(header) || !await antiforgery.IsRequestValidAsync(context))
            {
                await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Request",
                    detail: "State-changing requests from the browser need the antiforgery token in the X-XSRF-TOKEN header.")
                    .ExecuteAsync(context);
                return;
            }
        }
        await next();
    }

    private static RouteConfig Route(string id, string path, string cluster) => new()
    {
        RouteId = id,
        ClusterId = cluster,
        Match = new RouteMatch { Path = path },
    };

    private static ClusterConfig Cluster(string id, IReadOnlyDictionary<string, DestinationConfig> destinations, bool healthChecked) => new()
    {
        ClusterId = id,
        Destinations = destinations,
        LoadBalancingPolicy = "PowerOfTwoChoices",
        HealthCheck = healthChecked
            ? new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig { Enabled = true, Interval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromSeconds(2), Path = "/alive", Policy = "ConsecutiveFailures" },
                AvailableDestinationsPolicy = "HealthyOrPanic",
            }
            : null,
    };

    /// <summary>Each service's first address (https before http), as the AppHost or the deployment gives them.</summary>
    private static Dictionary<string, DestinationConfig> Destinations(IConfiguration configuration, Func<string, bool> serviceName)
    {
        var destinations = new Dictionary<string, DestinationConfig>(StringComparer.Ordinal);
        foreach (var service in configuration.GetSection("services").GetChildren().Where(s => serviceName(s.Key)))
        {
            var address = service["https:0"] ?? service["http:0"];
            if (!string.IsNullOrWhiteSpace(address))
            {
                destinations[service.Key] = new DestinationConfig { Address = address };
            }
        }
        if (destinations.Count == 0)
        {
            throw new InvalidOperationException("The gateway has no upstream: set services__api__http__0 and services__collab__http__0 to the services' addresses.");
        }
        return destinations;
    }

    [GeneratedRegex("^collab(-[0-9]+)?$")]
    private static partial Regex CollabName();
}

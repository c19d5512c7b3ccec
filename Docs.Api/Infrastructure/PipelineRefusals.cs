using Microsoft.AspNetCore.Authorization;

namespace Docs.Api.Infrastructure;

/// <summary>
/// The refusals the pipeline answers before an endpoint runs, listed among each endpoint's responses in the
/// OpenAPI document: 401 where a signed-in caller is required, 429 on writes (every write counts against the
/// caller's address budget, most also against a per-user one: <see cref="RateLimits"/>).
/// </summary>
public static class PipelineRefusals
{
    public static RouteGroupBuilder DescribePipelineRefusals(this RouteGroupBuilder api)
    {
        // Finally: after each endpoint's own conventions, which add what it requires.
        ((IEndpointConventionBuilder)api).Finally(endpoint =>
        {
            var metadata = endpoint.Metadata;
            if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                Describe(endpoint, StatusCodes.Status401Unauthorized);
            }
            if (metadata.OfType<IHttpMethodMetadata>().Any(m => m.HttpMethods.Any(IsWrite)))
            {
                Describe(endpoint, StatusCodes.Status429TooManyRequests);
            }
        });
        return api;
    }

    private static bool IsWrite(string method) =>
        !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method);

    private static void Describe(EndpointBuilder endpoint, int status) =>
        endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
}

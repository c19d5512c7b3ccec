using System.Globalization;
using System.Threading.RateLimiting;
using Docs.Api.Authentication;
using Microsoft.AspNetCore.RateLimiting;

namespace Docs.Api.Infrastructure;

/// <summary>
/// Write throttles, per signed-in user (or per address for anonymous callers), with the reference's
/// values per minute: documents 80, accesses 50, invitations 60, ask-for-access 30 (section
/// <c>RateLimits</c> overrides them). Besides, every address has a global budget of writes per minute.
/// Refusals are 429 problems with Retry-After.
/// </summary>
public static class RateLimits
{
    public const string Documents = "documents";
    public const string Accesses = "accesses";
    public const string Invitations = "invitations";
    public const string AskForAccess = "ask-for-access";

    private static readonly Dictionary<string, int> Defaults = new()
    {
        [Documents] = 80,
        [Accesses] = 50,
        [Invitations] = 60,
        [AskForAccess] = 30,
    };

    public static IServiceCollection AddWriteRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("RateLimits");
        var perAddress = section.GetValue("WritesPerAddress", 600);
        services.AddRateLimiter(options =>
        {
            foreach (var (policy, perMinute) in Defaults)
            {
                var limit = section.GetValue(policy, perMinute);
                options.AddPolicy(policy, context => RateLimitPartition.GetSlidingWindowLimiter(
                    $"{policy}:{Caller(context)}", _ => Window(limit)));
            }
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("reads")
                    : RateLimitPartition.GetSlidingWindowLimiter("address:" + context.Connection.RemoteIpAddress, _ => Window(perAddress)));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                // Sliding windows free permits segment by segment: without a precise figure, one segment.
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var exact) ? exact : Segment;
                response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var problems = rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too Many Requests", Detail = "Request was throttled: slow down and retry later." },
                });
            };
        });
        return services;
    }

    private static string Caller(HttpContext context) =>
        context.User.GetUserId() is { } userId ? "user:" + userId : "address:" + context.Connection.RemoteIpAddress;

    private const int SegmentsPerMinute = 6;
    private static readonly TimeSpan Segment = TimeSpan.FromMinutes(1) / SegmentsPerMinute;

    private static SlidingWindowRateLimiterOptions Window(int perMinute) => new()
    {
        PermitLimit = perMinute,
        Window = TimeSpan.FromMinutes(1),
        SegmentsPerWindow = SegmentsPerMinute,
        QueueLimit = 0,
    };
}

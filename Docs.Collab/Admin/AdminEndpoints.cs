using System.Security.Cryptography;
using System.Text;
using Docs.Collab.Connections;
using Microsoft.Extensions.Options;

namespace Docs.Collab.Admin;

/// <summary>
/// <c>/collaboration/api/…</c>, for Docs.Api and operators, guarded by the collaboration secret in the
/// Authorization header (as the reference y-provider's API).
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapCollaborationAdmin(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/collaboration/api").AddEndpointFilter(async (context, next) =>
        {
            var secret = context.HttpContext.RequestServices.GetRequiredService<IOptions<CollabOptions>>().Value.ServerSecret;
            var given = context.HttpContext.Request.Headers.Authorization.ToString();
            if (given.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                given = given[7..];
            }
            return string.IsNullOrEmpty(secret) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(secret))
                ? Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "The collaboration secret is required.")
                : await next(context);
        });
        admin.MapPost("/reset-connections/", async (ConnectionRegistry connections, Guid room, Guid? user) =>
            Results.Ok(new { closed = await connections.ResetAsync(room, user, "reset-connection") }));
        admin.MapGet("/get-connections/", (ConnectionRegistry connections, Guid room) =>
            Results.Ok(connections.Of(room).Select(c => new
            {
                user_id = c.Grant.UserId,
                can_write = c.Grant.CanWrite,
                connected_at = c.ConnectedAt,
            })));
        return routes;
    }
}

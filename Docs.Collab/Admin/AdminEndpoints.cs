using System.Security.Cryptography;
using System.Text;
using Docs.Collab.Connections;
using Docs.Collab.Persistence;
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
        // A document whose stored state cannot be decoded (refused 'document-unreadable'): rebuilt from its last good state.
        admin.MapPost("/restore/", async (DocumentRestore restore, ConnectionRegistry connections, Guid room, CancellationToken cancellationToken) =>
        {
            var result = await restore.RestoreAsync(room, cancellationToken);
            if (result is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such document.");
            }
            if (result.VersionId is null && result.RestoredFrom != "snapshot")
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                    detail: "Neither the snapshot nor any version of the document can be decoded.");
            }
            // Clients still on it (loaded before the damage) reconnect and read the restored state.
            await connections.ResetAsync(room, null, "restored");
            return Results.Ok(new
            {
                restored_from = result.RestoredFrom,
                version_id = result.VersionId,
                kept_updates = result.KeptUpdates,
                dropped_updates = result.DroppedUpdates,
            });
        });
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

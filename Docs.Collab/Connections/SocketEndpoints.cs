using Docs.Collab.Documents;
using Docs.Collab.Fanout;
using Docs.Collab.Persistence;
using Docs.Collab.Telemetry;
using Docs.Core.Collaboration;
using Microsoft.Extensions.Options;

namespace Docs.Collab.Connections;

public static class SocketEndpoints
{
    /// <summary><c>/collaboration/ws/</c>: the Hocuspocus protocol. Refusals at opening are close codes, so clients see why.</summary>
    public static IEndpointRouteBuilder MapCollaborationSockets(this IEndpointRouteBuilder routes)
    {
        routes.Map("/collaboration/ws/{**rest}", async (HttpContext context, ConnectionGate gate, ConnectionRegistry connections,
            DocumentRegistry documents, UpdateLog log, RedisFanout fanout, CollaborationTicket tickets, CollabMetrics metrics,
            IOptions<CollabOptions> options, IHostApplicationLifetime lifetime, ILoggerFactory loggers) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                return Results.Problem(statusCode: StatusCodes.Status426UpgradeRequired, title: "Upgrade Required", detail: "This endpoint speaks WebSocket.");
            }
            var address = context.Connection.RemoteIpAddress?.ToString();
            var websocket = await context.WebSockets.AcceptWebSocketAsync();
            var logger = loggers.CreateLogger<ClientSocket>();
            using var client = new ClientSocket(websocket, address, documents, log, fanout, tickets, metrics, options.Value, logger);
            if (!gate.IsOriginAllowed(context.Request.Headers.Origin))
            {
                logger.LogWarning("Refused a socket from {Address}: origin {Origin} is not allowed", address, context.Request.Headers.Origin.ToString());
                client.Close(CloseCodes.Forbidden, "Forbidden: origin not allowed");
            }
            else if (!gate.TryOpen(address))
            {
                logger.LogWarning("Refused a socket from {Address}: too many new connections", address);
                client.Close(CloseCodes.TooManyConnections, "Too many connections from this address");
            }
            connections.Add(client);
            try
            {
                await client.RunAsync(lifetime.ApplicationStopping);
            }
            finally
            {
                connections.Remove(client);
            }
            return Results.Empty;
        });
        return routes;
    }
}

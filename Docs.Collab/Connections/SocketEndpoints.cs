using Docs.Collab.Documents;
using Docs.Collab.Telemetry;
using Docs.Core.Collaboration;
using Microsoft.Extensions.Options;

namespace Docs.Collab.Connections;

public static class SocketEndpoints
{
    /// <summary>
    /// <c>/collaboration/ws/</c> (Hocuspocus) and <c>/collaboration/yws/{document}</c> (y-websocket).
    /// Refusals at opening are close codes, so clients see why.
    /// </summary>
    public static IEndpointRouteBuilder MapCollaborationSockets(this IEndpointRouteBuilder routes)
    {
        routes.Map("/collaboration/ws/{**rest}", (HttpContext context, SocketServices services) =>
            RunAsync(context, services, (socket, direct, address) => new HocuspocusSocket(socket, direct, address, services.Documents, services.Editor, services.Tickets,
                services.Metrics, services.Options.Value, services.Loggers.CreateLogger<HocuspocusSocket>()), open: null));

        routes.Map("/collaboration/yws/{document}", (HttpContext context, SocketServices services, string document, string? ticket) =>
            RunAsync(context, services, (socket, direct, address) => new YWebsocketSocket(socket, direct, address, services.Documents, services.Editor,
                services.Metrics, services.Options.Value, services.Loggers.CreateLogger<YWebsocketSocket>()),
                open: async client =>
                {
                    var grant = await services.Tickets.ValidateAsync(ticket);
                    return Guid.TryParse(document, out var id) && await ((YWebsocketSocket)client).OpenAsync(id, grant, context.RequestAborted);
                }));
        return routes;
    }

    private static async Task<IResult> RunAsync(HttpContext context, SocketServices services, Func<System.Net.WebSockets.WebSocket, DirectFrameWriter?, string?, SocketBase> create,
        Func<SocketBase, Task<bool>>? open)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return Results.Problem(statusCode: StatusCodes.Status426UpgradeRequired, title: "Upgrade Required", detail: "This endpoint speaks WebSocket.");
        }
        var address = context.Connection.RemoteIpAddress?.ToString();
        var options = services.Options.Value;
        var direct = options.DirectWrites ? DirectFrameWriter.For(context) : null;
        // Keep-alive pongs: SocketBase sends them itself beside its direct writes; otherwise ASP.NET Core's WebSocket does.
        var accept = new WebSocketAcceptContext { KeepAliveInterval = direct is null ? options.KeepAliveInterval : TimeSpan.Zero };
        using var client = create(await context.WebSockets.AcceptWebSocketAsync(accept), direct, address);
        var logger = services.Loggers.CreateLogger<SocketBase>();
        if (!services.Gate.IsOriginAllowed(context.Request.Headers.Origin))
        {
            logger.LogWarning("Refused a socket from {Address}: origin {Origin} is not allowed", address, context.Request.Headers.Origin.ToString());
            client.Close(CloseCodes.Forbidden, "Forbidden: origin not allowed");
        }
        else if (!services.Gate.TryOpen(address))
        {
            logger.LogWarning("Refused a socket from {Address}: too many new connections", address);
            client.Close(CloseCodes.TooManyConnections, "Too many connections from this address");
        }
        else if (open is not null && !await open(client))
        {
            logger.LogInformation("Refused a y-websocket socket from {Address}: no valid ticket for the document", address);
        }
        services.Connections.Add(client);
        try
        {
            await client.RunAsync(services.Lifetime.ApplicationStopping);
        }
        finally
        {
            services.Connections.Remove(client);
        }
        return Results.Empty;
    }
}

/// <summary>What a socket needs, in one parameter.</summary>
public sealed record SocketServices(
    ConnectionGate Gate,
    ConnectionRegistry Connections,
    DocumentRegistry Documents,
    DocumentEditor Editor,
    CollaborationTicket Tickets,
    CollabMetrics Metrics,
    IOptions<CollabOptions> Options,
    IHostApplicationLifetime Lifetime,
    ILoggerFactory Loggers);

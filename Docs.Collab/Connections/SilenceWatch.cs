namespace Docs.Collab.Connections;

/// <summary>
/// One timer for every socket: every few seconds, sockets silent for longer than the timeout (or
/// without an authenticated document by then) are closed with 4408. A timer per message would cost
/// more than the messages. Quiet sockets get their keep-alive here too.
/// </summary>
public sealed class SilenceWatch(ConnectionRegistry connections, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var socket in connections.All)
            {
                socket.CloseIfSilent();
                socket.KeepAliveIfQuiet();
            }
        }
    }
}

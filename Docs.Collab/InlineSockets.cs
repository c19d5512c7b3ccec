using System.Globalization;

namespace Docs.Collab;

/// <summary>
/// The work per frame is tiny and never blocks: socket completions (clients, PostgreSQL, Redis) run inline
/// on the socket engine's threads, as in Node's event loop, instead of hopping through the thread pool for
/// every frame in and out, which otherwise costs more than the work. What may take long moves to the
/// thread pool first (see <see cref="WorkOffSocketThreads"/>).
/// </summary>
public static class InlineSockets
{
    /// <summary>
    /// Runs socket completions inline, on one socket engine thread per four cores, at least one (the runtime's
    /// default with inline completions is one per core): on a small machine, one event loop, like Node's, leaves
    /// the other cores to the fan-out of crowded documents, PostgreSQL and the rest, and measured less CPU and a
    /// lower p99 (bench/README.md). An operator's own thread count wins. The runtime reads these once, before
    /// the first socket is made: call this first.
    /// </summary>
    public static void ConfigureSocketEngine()
    {
        Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
        if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT") is null)
        {
            Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT",
                Math.Max(1, Environment.ProcessorCount / 4).ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Kestrel's own socket work runs inline too, on those threads.</summary>
    public static IWebHostBuilder UseInlineSocketScheduling(this IWebHostBuilder webHost) =>
        webHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Docs.Hosting.Infrastructure;

/// <summary>
/// Finds free loopback ports for resources to listen on, never the same one twice in a process.
/// </summary>
/// <remarks>
/// A port is chosen now and bound later by a child process, seconds later for the last resources.
/// Ports from the kernel's ephemeral range (what binding port 0 gives) can be taken in between by any
/// outgoing connection, e.g. a service's first connection to PostgreSQL. Ports below that range are
/// only ever taken by an explicit bind, so they are chosen from there.
/// </remarks>
internal static class PortAllocator
{
    private const int Attempts = 200;
    private static readonly HashSet<int> Given = [];
    private static readonly Lock Gate = new();
    private static readonly (int Low, int High) Range = ListeningRange();

    /// <summary>Keeps a configured port out of the random choices (it is bound later, by its own resource).</summary>
    public static void Reserve(int port)
    {
        lock (Gate)
        {
            Given.Add(port);
        }
    }

    public static int Allocate()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var port = Random.Shared.Next(Range.Low, Range.High);
                if (!Given.Contains(port) && IsFree(port))
                {
                    Given.Add(port);
                    return port;
                }
            }
            // A crowded range: let the kernel choose.
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
    }

    /// <summary>Up to 10,000 ports just below the ephemeral range (<c>net.ipv4.ip_local_port_range</c>).</summary>
    private static (int Low, int High) ListeningRange()
    {
        var high = Math.Max(EphemeralLow(), 2048);
        return (Math.Max(1024, high - 10_000), high);
    }

    private static int EphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range");
            return int.Parse(range.Split((char[])['\t', ' '], 2)[0], CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return 32768; // Linux's default
        }
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

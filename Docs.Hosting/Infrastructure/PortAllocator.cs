using System.Net;
using System.Net.Sockets;

namespace Docs.Hosting.Infrastructure;

/// <summary>Finds free loopback ports, never the same one twice in a run.</summary>
internal sealed class PortAllocator
{
    private readonly HashSet<int> _given = [];
    private readonly Lock _gate = new();

    public int Allocate()
    {
        lock (_gate)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (_given.Add(port))
                {
                    return port;
                }
            }
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

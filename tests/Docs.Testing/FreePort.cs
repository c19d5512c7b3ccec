using System.Net;
using System.Net.Sockets;

namespace Docs.Testing;

/// <summary>A port for a test or benchmark to hand to a server it starts (or to squat on): one the system just gave out.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

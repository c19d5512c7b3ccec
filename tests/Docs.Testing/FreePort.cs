using Docs.Hosting.Infrastructure;

namespace Docs.Testing;

/// <summary>A port for a test or benchmark to hand to a server it starts: the AppHost's own choice, out of reach of outgoing connections.</summary>
public static class FreePort
{
    public static int Next() => PortAllocator.Allocate();
}

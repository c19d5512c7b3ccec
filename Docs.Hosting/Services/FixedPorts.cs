using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Docs.Hosting.Services;

/// <summary>
/// The ports people type (the site's 8080, the provider's 8083) are checked before anything starts: one
/// in use ends the start with the setting to change, rather than a resource that never comes up.
/// </summary>
public static class FixedPorts
{
    public static IDistributedApplicationBuilder ChecksFixedPortsBeforeStart(this IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsRunMode || builder.Configuration.GetValue("DcpPublisher:RandomizePorts", false))
        {
            return builder;
        }
        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            foreach (var resource in start.Model.Resources)
            {
                foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>().Where(endpoint => endpoint.Port is not null))
                {
                    if (!IsFree(endpoint.Port!.Value))
                    {
                        throw new DistributedApplicationException(
                            $"Port {endpoint.Port} for '{resource.Name}' is in use. Stop what uses it, or choose another: --{resource.Name}:Port=<port> (or the environment variable {resource.Name}__Port).");
                    }
                }
            }
            return Task.CompletedTask;
        });
        return builder;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

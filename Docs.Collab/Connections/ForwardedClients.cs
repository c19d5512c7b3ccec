using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Docs.Collab.Connections;

/// <summary>
/// The client's own address behind a proxy (the gateway, an ingress): <c>X-Forwarded-For</c> is believed only
/// when it comes from a configured proxy (<see cref="CollabOptions.TrustedProxies"/>), walking back through
/// trusted hops to the first address that is not one. Everyone else's header is ignored, so no client can pick
/// the address its per-address budgets are counted under.
/// </summary>
public static class ForwardedClients
{
    /// <summary>Without configuration: the loopback addresses, where the gateway runs beside Collab in development.</summary>
    private static readonly string[] Loopback = ["127.0.0.1", "::1"];

    public static IServiceCollection AddForwardedClients(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            forwarded.ForwardLimit = null; // every trusted hop, however many
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            var proxies = configuration.GetSection($"{CollabOptions.SectionName}:{nameof(CollabOptions.TrustedProxies)}").Get<string[]>();
            foreach (var proxy in proxies is { Length: > 0 } ? proxies : Loopback)
            {
                if (System.Net.IPNetwork.TryParse(proxy, out var network))
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
                else if (IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
                else
                {
                    throw new InvalidOperationException($"{CollabOptions.SectionName}:{nameof(CollabOptions.TrustedProxies)}: '{proxy}' is neither an address nor a network (CIDR).");
                }
            }
        });
}

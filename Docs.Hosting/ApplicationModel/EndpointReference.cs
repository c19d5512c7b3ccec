namespace Docs.Hosting;

/// <summary>
/// An HTTP endpoint of a resource. The port is allocated when the application starts, unless fixed in
/// the model (and the options do not ask for random ports, as tests do).
/// </summary>
public sealed class EndpointReference(Resource owner, int? fixedPort)
{
    public Resource Owner { get; } = owner;

    public int? FixedPort { get; internal set; } = fixedPort;

    /// <summary>The host that browsers use for a fixed public port; loopback otherwise.</summary>
    public string Host { get; internal set; } = "127.0.0.1";

    public int Port => AllocatedPort ?? throw new InvalidOperationException($"The endpoint of '{Owner.Name}' has no port yet; it is allocated at start.");

    internal int? AllocatedPort { get; set; }

    public Uri Url => new($"http://{Host}:{Port}");

    public string UrlString => $"http://{Host}:{Port}";
}

namespace Docs.Hosting;

/// <summary>
/// An endpoint of a resource. Running, the port is allocated at start unless fixed in the model (and the
/// options do not ask for random ports, as tests do); published, the service listens on
/// <see cref="TargetPort"/> and others reach it by the resource's name.
/// </summary>
public sealed class EndpointReference(Resource owner, string name, int targetPort, int? fixedPort = null)
{
    public Resource Owner { get; } = owner;

    /// <summary>The binding's name in the manifest: <c>http</c>, or <c>tcp</c> for databases and caches.</summary>
    public string Name { get; } = name;

    public string Scheme => Name == "http" ? "http" : "tcp";

    /// <summary>The port the service listens on inside its container.</summary>
    public int TargetPort { get; } = targetPort;

    public int? FixedPort { get; internal set; } = fixedPort;

    /// <summary>Reached from outside the application (a browser): published behind the public URL.</summary>
    public bool IsExternal { get; internal set; }

    /// <summary>The host that browsers use for a fixed public port; loopback otherwise.</summary>
    public string Host { get; internal set; } = "127.0.0.1";

    public int Port => AllocatedPort ?? throw new InvalidOperationException($"The endpoint of '{Owner.Name}' has no port yet; it is allocated at start.");

    internal int? AllocatedPort { get; set; }

    public Uri Url => new($"http://{Host}:{Port}");

    public string UrlString => $"http://{Host}:{Port}";

    /// <summary>One part of the endpoint (host or port) for a <see cref="ReferenceExpression"/>.</summary>
    public EndpointPart Property(EndpointProperty property) => new(this, property);
}

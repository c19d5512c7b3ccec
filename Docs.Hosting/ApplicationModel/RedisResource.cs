namespace Docs.Hosting;

/// <summary>
/// A Redis server: managed (redis-server from the machine's installation, append-only file under the data
/// directory, password required) or external (<c>ConnectionStrings:{name}</c> configured).
/// </summary>
public sealed class RedisResource(string name, ParameterResource password) : Resource(name), IResourceWithConnectionString
{
    public ParameterResource Password { get; } = password;

    public EndpointReference Endpoint => _endpoint ??= new EndpointReference(this, "tcp", 6379);
    private EndpointReference? _endpoint;

    public string? ExternalConnectionString { get; internal set; }

    public bool IsManaged => ExternalConnectionString is null;

    public string ConnectionString => ConnectionStringExpression.Resolve();

    public ReferenceExpression ConnectionStringExpression => ExternalConnectionString is { } external
        ? ReferenceExpression.Literal(external)
        : ReferenceExpression.Create($"{Endpoint.Property(EndpointProperty.Host)}:{Endpoint.Property(EndpointProperty.Port)},password={Password}");

    /// <summary>The image that runs it when published.</summary>
    public const string Image = "docker.io/library/redis:7.4";
}

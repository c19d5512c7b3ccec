namespace Docs.Hosting;

/// <summary>
/// A Redis server: managed (redis-server from the machine's installation, append-only file under the data
/// directory, password required) or external (<c>ConnectionStrings:{name}</c> configured).
/// </summary>
public sealed class RedisResource(string name, ParameterResource password) : Resource(name), IResourceWithConnectionString
{
    public ParameterResource Password { get; } = password;

    public EndpointReference Endpoint => _endpoint ??= new EndpointReference(this, fixedPort: null);
    private EndpointReference? _endpoint;

    public string? ExternalConnectionString { get; internal set; }

    public bool IsManaged => ExternalConnectionString is null;

    public string ConnectionString => ExternalConnectionString ?? $"127.0.0.1:{Endpoint.Port},password={Password.Value}";
}

namespace Docs.Hosting;

/// <summary>
/// A PostgreSQL server: managed (initdb + postgres from the machine's installation, data under the
/// data directory) or external (every database given by a configured connection string).
/// </summary>
public sealed class PostgresServerResource(string name, ParameterResource password) : Resource(name), IResourceWithConnectionString
{
    public ParameterResource Password { get; } = password;

    public const string UserName = "postgres";

    public EndpointReference Endpoint => _endpoint ??= new EndpointReference(this, fixedPort: null);
    private EndpointReference? _endpoint;

    public List<PostgresDatabaseResource> Databases { get; } = [];

    /// <summary>False when every database is external: nothing is started.</summary>
    public bool IsManaged => Databases.Count == 0 || Databases.Any(database => database.ExternalConnectionString is null);

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Endpoint.Port};Username={UserName};Password={Password.Value}";
}

/// <summary>A database on a PostgreSQL server, created when the server first becomes healthy.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server) : Resource(name), IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Server { get; } = server;

    /// <summary>Set when configuration names an existing server (<c>ConnectionStrings:{name}</c>).</summary>
    public string? ExternalConnectionString { get; internal set; }

    public string ConnectionString => ExternalConnectionString ?? $"{Server.ConnectionString};Database={DatabaseName}";
}

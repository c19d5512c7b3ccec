namespace Docs.Hosting;

/// <summary>
/// A PostgreSQL server: managed (initdb + postgres from the machine's installation, data under the
/// data directory) or external (every database given by a configured connection string).
/// </summary>
public sealed class PostgresServerResource(string name, ParameterResource password) : Resource(name), IResourceWithConnectionString
{
    public ParameterResource Password { get; } = password;

    public const string UserName = "postgres";

    public EndpointReference Endpoint => _endpoint ??= new EndpointReference(this, "tcp", 5432);
    private EndpointReference? _endpoint;

    public List<PostgresDatabaseResource> Databases { get; } = [];

    /// <summary>False when every database is external: nothing is started.</summary>
    public bool IsManaged => Databases.Count == 0 || Databases.Any(database => database.ExternalConnectionString is null);

    public string ConnectionString => ConnectionStringExpression.Resolve();

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username={UserName};Password={Password}");

    /// <summary>The image that runs it when published.</summary>
    public const string Image = "docker.io/library/postgres:16";
}

/// <summary>A database on a PostgreSQL server, created when the server first becomes healthy.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server) : Resource(name), IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Server { get; } = server;

    /// <summary>Set when configuration names an existing server (<c>ConnectionStrings:{name}</c>).</summary>
    public string? ExternalConnectionString { get; internal set; }

    public string ConnectionString => ConnectionStringExpression.Resolve();

    public ReferenceExpression ConnectionStringExpression => ExternalConnectionString is { } external
        ? ReferenceExpression.Literal(external)
        : ReferenceExpression.Create($"{Server};Database={DatabaseName}");
}

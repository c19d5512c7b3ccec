namespace Docs.Hosting;

public static class InfrastructureExtensions
{
    /// <summary>
    /// A PostgreSQL server. Managed by the AppHost unless every database it holds has a configured
    /// connection string (<c>ConnectionStrings:{database}</c>).
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name)
    {
        var password = builder.AddParameter($"{name}-password", secret: true, generated: true);
        return builder.AddResource(new PostgresServerResource(name, password.Resource));
    }

    /// <summary>A database on the server, created when the server is first healthy.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource)
        {
            ExternalConnectionString = NullIfEmpty(server.ApplicationBuilder.Configuration[$"ConnectionStrings:{name}"]),
        };
        server.Resource.Databases.Add(database);
        if (database.ExternalConnectionString is null)
        {
            database.WaitsFor.Add(server.Resource);
        }
        return server.ApplicationBuilder.AddResource(database);
    }

    /// <summary>A Redis server, managed unless <c>ConnectionStrings:{name}</c> is configured.</summary>
    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name)
    {
        var password = builder.AddParameter($"{name}-password", secret: true, generated: true);
        var redis = new RedisResource(name, password.Resource)
        {
            ExternalConnectionString = NullIfEmpty(builder.Configuration[$"ConnectionStrings:{name}"]),
        };
        return builder.AddResource(redis);
    }

    /// <summary>
    /// A parameter: <c>Parameters:{name}</c> from configuration, or for <paramref name="generated"/>
    /// secrets, a random value created once and kept in the data directory.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this IDistributedApplicationBuilder builder, string name, bool secret = false, bool generated = false)
    {
        Func<string>? factory = generated ? () => Secrets.Generate(32) : null;
        return builder.AddResource(new ParameterResource(name, secret, factory));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

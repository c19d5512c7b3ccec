using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Postgres;
using Microsoft.Extensions.Configuration;

namespace Docs.Hosting.Infrastructure;

/// <summary>
/// PostgreSQL for the application, in the mode of <see cref="InfrastructureModes"/>. A database whose
/// <c>ConnectionStrings:{name}</c> is configured uses that server and starts none; the server itself is
/// added only when some database needs it.
/// </summary>
public sealed class PostgresServer(IDistributedApplicationBuilder builder, string name, InfrastructureMode mode)
{
    private IResourceBuilder<LocalPostgresResource>? _local;
    private IResourceBuilder<PostgresServerResource>? _container;

    /// <summary>The container, when published or in containers mode (Keycloak needs its host, port and password).</summary>
    public IResourceBuilder<PostgresServerResource> Container => _container ??= AddContainer();

    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string resourceName, string databaseName)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(resourceName)))
        {
            return builder.AddConnectionString(resourceName);
        }
        if (mode == InfrastructureMode.Containers)
        {
            return AsConnectionString(Container.AddDatabase(resourceName, databaseName).Resource);
        }
        _local ??= builder.AddLocalPostgres(name, resourceName);
        return AsConnectionString(_local.AddDatabase(resourceName, databaseName).Resource);
    }

    private IResourceBuilder<IResourceWithConnectionString> AsConnectionString(IResourceWithConnectionString resource) =>
        builder.CreateResourceBuilder(resource);

    private IResourceBuilder<PostgresServerResource> AddContainer()
    {
        var server = builder.AddPostgres(name).WithDataVolume();
        if (builder.Configuration.GetValue("Infrastructure:Tools", false))
        {
            server.WithPgAdmin();
        }
        return server;
    }
}

public static class Caches
{
    /// <summary>Redis in the application's mode, or the configured <c>ConnectionStrings:{name}</c>.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddRedisServer(this IDistributedApplicationBuilder builder, string name, InfrastructureMode mode)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)))
        {
            return builder.AddConnectionString(name);
        }
        if (mode == InfrastructureMode.Local)
        {
            return builder.CreateResourceBuilder<IResourceWithConnectionString>(builder.AddLocalRedis(name).Resource);
        }
        var redis = builder.AddRedis(name).WithDataVolume();
        if (builder.Configuration.GetValue("Infrastructure:Tools", false))
        {
            redis.WithRedisInsight();
        }
        return builder.CreateResourceBuilder<IResourceWithConnectionString>(redis.Resource);
    }
}

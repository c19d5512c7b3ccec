using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Aspire's PostgreSQL and Redis client integrations (health checks, retries, traces and metrics come
/// from them), with the settings Docs adds: the tunings of <c>Npgsql:{connection}</c> and a Redis client
/// that starts while Redis is still coming up.
/// </summary>
public static class ClientIntegrations
{
    /// <summary>A pooled <typeparamref name="TContext"/> on <c>ConnectionStrings:{connectionName}</c>.</summary>
    public static IHostApplicationBuilder AddDocsDbContext<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        Require(builder.Configuration, connectionName);
        builder.AddNpgsqlDbContext<TContext>(connectionName, settings => settings.ConnectionString = Tuned(builder.Configuration, connectionName, settings.ConnectionString));
        return builder;
    }

    /// <summary>An <see cref="NpgsqlDataSource"/> of its own on the same database (Collab's update log).</summary>
    public static IHostApplicationBuilder AddDocsDataSource(this IHostApplicationBuilder builder, string connectionName, Action<NpgsqlDataSourceBuilder>? configure = null)
    {
        Require(builder.Configuration, connectionName);
        builder.AddNpgsqlDataSource(connectionName, settings => settings.ConnectionString = Tuned(builder.Configuration, connectionName, settings.ConnectionString), configure);
        return builder;
    }

    /// <summary>The shared Redis multiplexer on <c>ConnectionStrings:{connectionName}</c>.</summary>
    public static IHostApplicationBuilder AddDocsRedis(this IHostApplicationBuilder builder, string connectionName = Docs.ResourceNames.Redis)
    {
        Require(builder.Configuration, connectionName);
        // Start even while Redis is still coming up or briefly away; the multiplexer reconnects.
        builder.AddRedisClient(connectionName, configureOptions: options => options.AbortOnConnectFail = false);
        return builder;
    }

    /// <summary>
    /// Stops start-up when the connection string is missing, saying where it is expected to come from
    /// (Aspire's clients would only say so at their first use).
    /// </summary>
    private static void Require(IConfiguration configuration, string name)
    {
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(name)))
        {
            throw new InvalidOperationException(
                $"Connection string '{name}' is missing. Set 'ConnectionStrings:{name}' in configuration " +
                $"(environment variable ConnectionStrings__{name}); the AppHost sets it for services that reference '{name}'.");
        }
    }

    private static string? Tuned(IConfiguration configuration, string connectionName, string? connectionString)
    {
        var tuning = configuration.GetSection($"Npgsql:{connectionName}");
        if (connectionString is null || !tuning.Exists())
        {
            return connectionString;
        }
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        // Many concurrent requests share connections and their writes: fewer round trips and system calls under load.
        settings.Multiplexing = tuning.GetValue("Multiplexing", settings.Multiplexing);
        // Statements run often are prepared on the server: parsed and planned once per connection, not per call.
        settings.MaxAutoPrepare = tuning.GetValue("MaxAutoPrepare", settings.MaxAutoPrepare);
        return settings.ConnectionString;
    }
}

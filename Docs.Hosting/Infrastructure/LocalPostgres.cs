using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Docs.Hosting.Infrastructure;

/// <summary>
/// A PostgreSQL server run from the machine's installation as an executable under DCP, for machines
/// without a container engine: initdb on first use (password authentication, data under
/// <c>{data}/{name}</c>), TCP on loopback only. As root, it runs as an unprivileged account (PostgreSQL refuses root).
/// </summary>
public sealed class LocalPostgresResource(string name, string command, string dataDirectory, ParameterResource password)
    : ExecutableResource(name, command, dataDirectory), IResourceWithConnectionString
{
    public const string UserName = "postgres";
    internal const string EndpointName = "tcp";

    public string DataDirectory => WorkingDirectory;

    public ParameterResource Password { get; } = password;

    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username={UserName};Password={Password}");
}

/// <summary>A database of a <see cref="LocalPostgresResource"/>, created when the server is first healthy.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    public LocalPostgresResource Parent { get; } = parent;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}

public static class LocalPostgresExtensions
{
    /// <param name="firstDatabase">The database that needs the server, named in the message if PostgreSQL is missing.</param>
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name, string firstDatabase)
    {
        var bin = Prerequisites.OrReport(builder, () => Prerequisites.FindPostgresBinDirectory(builder.Configuration, firstDatabase), "/nonexistent");
        var osUser = Prerequisites.OrReport(builder, () => Prerequisites.PostgresOsUser(builder.Configuration), null);
        var password = builder.AddGeneratedSecret($"{name}-password");
        var data = Path.Combine(builder.DataDirectory(), name);
        var postgres = Path.Combine(bin, "postgres");
        var server = new LocalPostgresResource(name, osUser is null ? postgres : "setpriv", data, password.Resource);
        var healthCheck = $"{name}-accepts-queries";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck,
            _ => new QueryHealthCheck(server, database: null), failureStatus: null, tags: null));

        var ephemeral = builder.IsEphemeral();
        return builder.AddResource(server)
            .WithEndpoint(name: LocalPostgresResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                if (osUser is not null)
                {
                    foreach (var argument in PostgresDataDirectory.AsUser(osUser).Skip(1).Append(postgres))
                    {
                        context.Args.Add(argument);
                    }
                }
                context.Args.Add("-D");
                context.Args.Add(data);
                context.Args.Add("-p");
                context.Args.Add(server.Endpoint.Property(EndpointProperty.TargetPort));
                foreach (var setting in Settings(ephemeral))
                {
                    context.Args.Add("-c");
                    context.Args.Add(setting);
                }
            })
            .WithHealthCheck(healthCheck)
            .OnBeforeResourceStarted(async (resource, _, cancellationToken) =>
            {
                await PostgresDataDirectory.PrepareAsync(bin, data, osUser, await resource.Password.GetValueAsync(cancellationToken) ?? "", ephemeral, cancellationToken);
            });
    }

    private static IEnumerable<string> Settings(bool ephemeral)
    {
        yield return "listen_addresses=127.0.0.1";
        yield return "unix_socket_directories=";
        yield return "max_connections=200";
        if (ephemeral)
        {
            // Throw-away test data: durability buys nothing and costs seconds.
            yield return "fsync=off";
            yield return "synchronous_commit=off";
            yield return "full_page_writes=off";
        }
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(this IResourceBuilder<LocalPostgresResource> server, string name, string databaseName)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName, server.Resource);
        var healthCheck = $"{name}-exists";
        server.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheck,
            _ => new QueryHealthCheck(server.Resource, databaseName), failureStatus: null, tags: null));
        // A database has no process of its own: it runs once its server is ready, and is healthy once it exists.
        server.OnResourceReady((_, ready, _) => ready.Services.GetRequiredService<ResourceNotificationService>()
            .PublishUpdateAsync(database, snapshot => snapshot with { State = KnownResourceStates.Running, StartTimeStamp = DateTime.UtcNow }));
        return server.ApplicationBuilder.AddResource(database)
            .WithHealthCheck(healthCheck)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.NotStarted,
                Properties = [new("postgres.database", databaseName)],
            });
    }

    /// <summary>
    /// Healthy once the server answers a query with the real protocol (DCP's proxy port accepts
    /// connections before the server is up); for a database, once it exists (created here if missing).
    /// </summary>
    private sealed class QueryHealthCheck(LocalPostgresResource server, string? database) : IHealthCheck
    {
        private bool _created;

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken);
                await using var connection = new NpgsqlConnection(connectionString + ";Database=postgres;Pooling=false;Timeout=3");
                await connection.OpenAsync(cancellationToken);
                if (database is not null && !_created)
                {
                    await CreateIfMissingAsync(connection, database, cancellationToken);
                    _created = true;
                }
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidPassword)
            {
                return HealthCheckResult.Unhealthy(
                    $"PostgreSQL refused the password kept in parameters.json: the data in {server.DataDirectory} was created with another one. " +
                    "Restore that file, or delete the data directory to start afresh.", ex);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL does not answer yet.", ex);
            }
        }

        private static async Task CreateIfMissingAsync(NpgsqlConnection connection, string database, CancellationToken cancellationToken)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.Add(new NpgsqlParameter { Value = database });
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
                await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted} ENCODING 'UTF8'", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}

using Npgsql;

namespace Docs.Hosting.Orchestration;

/// <summary>
/// A database: on a managed server, created if missing once the server is healthy; external, healthy
/// when a real connection with the configured connection string succeeds.
/// </summary>
internal sealed class PostgresDatabaseRunner(PostgresDatabaseResource database) : ResourceRunner(database)
{
    private bool _created;

    public override async Task<ManagedProcess?> StartAsync(RunContext context, ResourceLog log, CancellationToken cancellationToken)
    {
        if (database.ExternalConnectionString is not null)
        {
            log.Write($"external: using the configured ConnectionStrings:{database.Name}");
            return null;
        }
        await using var connection = new NpgsqlConnection(database.Server.ConnectionString + ";Database=postgres;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = database.DatabaseName });
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            var quoted = "\"" + database.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted} ENCODING 'UTF8'", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            log.Write($"created database {database.DatabaseName}");
        }
        _created = true;
        return null;
    }

    public override async Task<bool> IsHealthyAsync(RunContext context, CancellationToken cancellationToken)
    {
        if (database.ExternalConnectionString is null)
        {
            return _created;
        }
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(database.ExternalConnectionString) { Pooling = false, Timeout = 3 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }
}

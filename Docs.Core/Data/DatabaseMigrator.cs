using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Docs.Core.Data;

/// <summary>
/// Applies the migrations at start-up under a PostgreSQL advisory lock, so that several API instances
/// starting together migrate once and the others wait, then find nothing to do.
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>The advisory lock key: "docs" in ASCII, shared by every instance.</summary>
    private const long LockKey = 0x646f6373;

    public static async Task MigrateAsync(DocsDbContext db, CancellationToken cancellationToken = default)
    {
        // The session lock lives on a connection of its own: with multiplexing on, the context's commands
        // may each go out on a different physical connection, and an unlock must reach the one that locked.
        var lockConnectionString = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Multiplexing = false, Pooling = false };
        await using var connection = new NpgsqlConnection(lockConnectionString.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            // The history table first: on a new database, EF's migration lock reads it before creating it
            // and logs that as an error ("fail: … __EFMigrationsHistory") although nothing is wrong.
            await db.Database.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}

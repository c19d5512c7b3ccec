using Docs.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Docs.IntegrationTests;

/// <summary>Docs.Api owns the schema: it migrates at start, once, even with several instances.</summary>
[Collection(StackCollection.Name)]
public sealed class SchemaTests(StackFixture stack)
{
    [Fact]
    public async Task The_api_created_every_table_at_start()
    {
        await using var connection = new NpgsqlConnection(stack.App.GetConnectionString("docsdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection);
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Superset(
            new HashSet<string> { "users", "documents", "document_accesses", "invitations", "document_ask_for_accesses", "document_favorites", "link_traces", "__EFMigrationsHistory" },
            tables.ToHashSet());
    }

    [Fact]
    public async Task Instances_migrating_together_migrate_once()
    {
        var database = "docs_migrate_" + Guid.NewGuid().ToString("N")[..8];
        var server = new NpgsqlConnectionStringBuilder(stack.App.GetConnectionString("docsdb"));
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }
        server.Database = database;
        // Multiplexed, as the API runs: the migration lock must still be taken and released on one connection.
        var options = new DbContextOptionsBuilder<DocsDbContext>().UseNpgsql(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Multiplexing = true }.ConnectionString).Options;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var db = new DocsDbContext(options);
            await DatabaseMigrator.MigrateAsync(db);
        }));

        await using var check = new DocsDbContext(options);
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(check.Database.GetMigrations(), await check.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await check.Documents.CountAsync());
    }
}

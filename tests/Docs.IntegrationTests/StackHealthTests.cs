using System.Net;
using System.Text.Json;
using Npgsql;

namespace Docs.IntegrationTests;

[Collection(StackCollection.Name)]
public sealed class StackHealthTests(StackFixture stack)
{
    public static TheoryData<string> Services => new() { "identity", "api", "collab", "worker", "web" };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_service_reports_every_check_healthy(string service)
    {
        using var client = stack.App.CreateHttpClient(service);

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Development shows each check, so a service that skipped its database or Redis check would show here.
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        Assert.True(report.RootElement.GetProperty("checks").TryGetProperty("self", out _));
    }

    [Theory]
    [InlineData("api", nameof(Docs.Core.Data.DocsDbContext))]
    [InlineData("collab", "PostgreSql")] // Collab reaches PostgreSQL through its update log's data source only
    [InlineData("worker", nameof(Docs.Core.Data.DocsDbContext))]
    public async Task Services_that_reference_the_database_and_redis_check_both(string service, string databaseCheck)
    {
        using var client = stack.App.CreateHttpClient(service);

        using var report = JsonDocument.Parse(await client.GetStringAsync("/health"));

        // Aspire's client integrations name their checks after the client: the DbContext or data source, StackExchange.Redis.
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty(databaseCheck).GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("StackExchange.Redis").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Alive_runs_only_the_live_checks()
    {
        using var client = stack.App.CreateHttpClient("api");

        using var report = JsonDocument.Parse(await client.GetStringAsync("/alive"));

        var names = report.RootElement.GetProperty("checks").EnumerateObject().Select(check => check.Name).ToList();
        Assert.Equal(["self"], names);
    }

    [Fact]
    public async Task The_database_resource_is_a_fresh_database_named_docs()
    {
        await using var connection = new NpgsqlConnection(stack.App.GetConnectionString("docsdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);

        Assert.Equal("docs", await command.ExecuteScalarAsync());
    }

    [Fact]
    public void Every_resource_is_healthy_and_ports_are_random()
    {
        foreach (var resource in stack.App.ResourceNames)
        {
            Assert.True(stack.App.IsHealthy(resource), $"{resource} is not healthy");
        }
        // The model fixes the web port at 8080; tests must not collide with a developer's running stack.
        Assert.NotEqual(8080, stack.App.GetEndpoint("web").Port);
    }

    [Fact]
    public async Task The_web_front_serves_its_page()
    {
        using var client = stack.App.CreateHttpClient("web");

        var page = await client.GetStringAsync("/");

        Assert.Contains("<title>Docs</title>", page, StringComparison.Ordinal);
    }
}

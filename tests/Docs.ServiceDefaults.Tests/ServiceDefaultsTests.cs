using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace Docs.ServiceDefaults.Tests;

public sealed class ServiceDefaultsTests
{
    [Fact]
    public void A_missing_database_connection_string_stops_start_up_naming_the_variable()
    {
        var builder = WebApplication.CreateBuilder();

        var failure = Assert.Throws<InvalidOperationException>(() => builder.AddDocsDbContext<SampleDbContext>("docsdb"));

        Assert.Contains("'docsdb' is missing", failure.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__docsdb", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_redis_connection_string_stops_start_up_naming_the_variable()
    {
        var builder = WebApplication.CreateBuilder();

        var failure = Assert.Throws<InvalidOperationException>(() => builder.AddDocsRedis("redis"));

        Assert.Contains("ConnectionStrings__redis", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_endpoints_are_mapped_in_production_without_details()
    {
        await using var app = await StartAsync(Environments.Production);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var health = await client.GetAsync("/health");
        var alive = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Health_endpoints_show_each_check_in_development()
    {
        await using var app = await StartAsync(Environments.Development);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var body = await client.GetStringAsync("/health");

        Assert.Contains("\"self\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_makes_health_unhealthy_but_not_alive()
    {
        await using var app = await StartAsync(Environments.Development, builder =>
        {
            // Nothing listens on port 1: the check must report it, not throw.
            builder.Configuration["ConnectionStrings:docsdb"] = "Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x;Timeout=2";
            builder.AddDocsDbContext<SampleDbContext>("docsdb");
        });
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var health = await client.GetAsync("/health");
        var alive = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        // Aspire's EF client names its check after the context; it answers within the 5-s check timeout.
        using var report = System.Text.Json.JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", report.RootElement.GetProperty("checks").GetProperty(nameof(SampleDbContext)).GetProperty("status").GetString());
        Assert.True(report.RootElement.GetProperty("duration_ms").GetDouble() < 15_000);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Requests_are_traced_but_health_probes_are_not()
    {
        var exported = new List<Activity>();
        await using var app = await StartAsync(Environments.Production, builder =>
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(exported)));
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        await client.GetAsync("/health");
        await client.GetAsync("/alive");
        await client.GetAsync("/work");
        await app.StopAsync();

        var paths = exported.Where(a => a.Kind == ActivityKind.Server).Select(a => a.GetTagItem("url.path")).ToList();
        Assert.Contains("/work", paths);
        Assert.DoesNotContain("/health", paths);
        Assert.DoesNotContain("/alive", paths);
    }

    [Fact]
    public async Task Http_clients_find_services_by_name_and_retry_transient_failures()
    {
        var calls = 0;
        await using var backend = await StartAsync(Environments.Production, configureApp: app =>
            app.MapGet("/flaky", () => Interlocked.Increment(ref calls) < 3 ? Results.StatusCode(503) : Results.Text("finally")));
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["services:api:http:0"] = backend.Urls.First();
        builder.AddServiceDefaults();
        builder.Services.AddHttpClient("api", client => client.BaseAddress = new Uri("http://api"));
        using var app = builder.Build();
        using var client = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient("api");

        var body = await client.GetStringAsync("/flaky");

        Assert.Equal("finally", body);
        Assert.Equal(3, calls);
    }

    private static async Task<WebApplication> StartAsync(string environment, Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? configureApp = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/work", () => "done");
        configureApp?.Invoke(app);
        await app.StartAsync();
        return app;
    }

    private sealed class SampleDbContext(DbContextOptions<SampleDbContext> options) : DbContext(options);
}

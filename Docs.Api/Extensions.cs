using System.Text.Json;
using System.Text.Json.Serialization;
using Docs.Api.Features.Documents;
using Docs.Api.Infrastructure;
using Docs.Core.Access;
using Docs.Core.Collaboration;
using Docs.Core.Data;
using Docs.Core.Documents;
using Hangfire;
using Hangfire.PostgreSql;
using Scalar.AspNetCore;

namespace Docs.Api;

public static class Extensions
{
    /// <summary>The API's own services: access rules, the tree, tickets, notifications, the job queue, throttles.</summary>
    public static IHostApplicationBuilder AddDocsApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<DocumentAccessResolver>();
        builder.Services.AddScoped<DocumentTree>();
        builder.Services.AddScoped<DocumentGate>();
        builder.Services.AddScoped<CurrentDocument>();
        builder.Services.AddScoped<DocumentResponses>();
        builder.Services.AddSingleton<CollaborationNotifier>();
        builder.Services.AddSingleton(services => new CollaborationTicket(
            builder.Configuration["Collaboration:ServerSecret"] ?? "", services.GetRequiredService<TimeProvider>()));
        builder.Services.AddWriteRateLimits(builder.Configuration);

        // The API only enqueues; Docs.Worker runs the jobs.
        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.DocsDatabase)!;
        builder.Services.AddHangfire(hangfire => hangfire
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(storage => storage.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, EnableLongPolling = true, QueuePollInterval = TimeSpan.FromSeconds(5) }));
        return builder;
    }

    /// <summary>JSON as the reference API spells it (snake_case names and enum values), problem details, and the OpenAPI document of it.</summary>
    public static IHostApplicationBuilder AddApiDocumentAndJson(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        return builder;
    }

    /// <summary>The API owns the schema: it migrates before serving (safe with several instances starting at once).</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<DocsDbContext>());
    }

    /// <summary><c>/openapi/v1.json</c>, and its reader at <c>/scalar</c> in development.</summary>
    public static WebApplication MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference("/scalar");
        }
        return app;
    }

    /// <summary>
    /// With <c>Bench:ConstantEndpoint</c>, the baseline of bench/api.sh: the cheapest answer this process can give,
    /// through the same pipeline.
    /// </summary>
    public static WebApplication MapBenchBaseline(this WebApplication app)
    {
        if (app.Configuration.GetValue("Bench:ConstantEndpoint", false))
        {
            app.MapGet("/bench/constant", () => Results.Ok(new { ok = true })).ExcludeFromDescription();
        }
        return app;
    }
}

using Docs.Api.Features.Documents;
using Docs.Api.Infrastructure;
using Docs.Core.Access;
using Docs.Core.Collaboration;
using Docs.Core.Documents;
using Hangfire;
using Hangfire.PostgreSql;

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
}

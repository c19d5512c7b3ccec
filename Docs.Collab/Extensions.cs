using Docs.Collab.Connections;
using Docs.Collab.Documents;
using Docs.Collab.Fanout;
using Docs.Collab.Persistence;
using Docs.Collab.Telemetry;
using Docs.Core.Collaboration;
using Npgsql;

namespace Docs.Collab;

public static class Extensions
{
    public static IHostApplicationBuilder AddCollaboration(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<CollabOptions>(builder.Configuration.GetSection(CollabOptions.SectionName));
        builder.Services.AddForwardedClients(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        // The update log's own data source. A span per group commit would flood a trace collector (hundreds
        // a second, and every one alike); loads and compactions are still traced, and the log's commits are
        // measured (CollabMetrics).
        builder.AddDocsDataSource(ResourceNames.DocsDatabase, database =>
            database.ConfigureTracing(tracing => tracing.ConfigureCommandFilter(command => command.CommandText != UpdateLog.AppendSql)));
        builder.Services.AddSingleton<CollabMetrics>();
        // Registered first so that it stops last, after the log has committed what it held.
        builder.Services.AddSingleton<EditTimes>();
        builder.Services.AddHostedService(services => services.GetRequiredService<EditTimes>());
        builder.Services.AddSingleton<UpdateLog>();
        builder.Services.AddSingleton<DocumentRestore>();
        builder.Services.AddHostedService(services => services.GetRequiredService<UpdateLog>());
        builder.Services.AddSingleton<RedisFanout>();
        builder.Services.AddSingleton<DocumentRegistry>();
        builder.Services.AddSingleton<ConnectionRegistry>();
        builder.Services.AddSingleton<ConnectionGate>();
        builder.Services.AddSingleton<DocumentEditor>();
        builder.Services.AddSingleton<SocketServices>();
        builder.Services.AddHostedService<ControlListener>();
        builder.Services.AddHostedService<SilenceWatch>();
        builder.Services.AddHostedService<Memory.ReleaseAfterFlood>();
        builder.Services.AddSingleton(services => new CollaborationTicket(
            builder.Configuration["Collaboration:ServerSecret"] ?? "", services.GetRequiredService<TimeProvider>()));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(CollabMetrics.MeterName));
        return builder;
    }
}

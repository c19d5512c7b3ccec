using Docs.Core.Attachments;
using Docs.Core.Blobs;
using Docs.Core.Data;
using Docs.Core.Documents;
using Docs.Core.Jobs;
using Docs.Worker.Blobs;
using Docs.Worker.Mail;
using Docs.Worker.Scan;
using Docs.Worker.Search;
using Docs.Worker.Trash;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Docs.Worker;

public static class Extensions
{
    /// <summary>Hangfire's server on PostgreSQL, the jobs, mail, and bearer authentication for the dashboard.</summary>
    public static IHostApplicationBuilder AddDocsWorker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<MailOptions>(builder.Configuration.GetSection(MailOptions.SectionName));
        builder.Services.AddSingleton<MailSender>();
        builder.Services.AddScoped<IMailJobs, MailJobs>();
        builder.Services.AddSingleton<AttachmentCopies>();
        builder.Services.AddScoped<DocumentTree>();
        builder.Services.AddScoped<ITrashPurgeJob, TrashPurgeJob>();
        builder.Services.AddOptions<OrphanBlobOptions>().Bind(builder.Configuration.GetSection(OrphanBlobOptions.Section));
        builder.Services.AddScoped<IOrphanBlobsJob, OrphanBlobsJob>();
        builder.Services.AddOptions<ScanOptions>().Bind(builder.Configuration.GetSection(ScanOptions.Section));
        builder.Services.AddHttpClient<IAttachmentScanJob, AttachmentScanJob>(http => http.Timeout = TimeSpan.FromMinutes(5));
        builder.Services.AddScoped<SearchIndexing>();
        builder.Services.AddScoped<ISearchRebuildJob, SearchRebuildJob>();
        builder.Services.AddHostedService<SearchIndexer>();
        // The same store as Docs.Api's (ConnectionStrings:blobs): the purge deletes attachments nobody holds any more.
        builder.Services.AddSingleton(BlobStores.Create(builder.Configuration.GetConnectionString(ResourceNames.Blobs)));

        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.DocsDatabase)!;
        builder.Services.AddHangfire(hangfire => hangfire
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(storage => storage.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, EnableLongPolling = true, QueuePollInterval = TimeSpan.FromSeconds(5) })
            // Failed jobs retry with Hangfire's growing delays (seconds, then minutes, then hours).
            .UseFilter(new AutomaticRetryAttribute { Attempts = 10 }));
        builder.Services.AddHangfireServer(server =>
        {
            server.WorkerCount = builder.Configuration.GetValue("Worker:Concurrency", Math.Max(2, Environment.ProcessorCount));
            server.SchedulePollingInterval = TimeSpan.FromSeconds(5);
        });

        var authority = builder.Configuration["Identity:Authority"];
        var authentication = builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme);
        if (!string.IsNullOrWhiteSpace(authority))
        {
            authentication.AddJwtBearer(options =>
            {
                options.Authority = authority;
                options.Audience = builder.Configuration["Identity:Audience"] ?? "docs-api";
                options.RequireHttpsMetadata = builder.Configuration.GetValue("Identity:RequireHttpsMetadata", true);
                options.MapInboundClaims = false;
            });
        }
        return builder;
    }
}

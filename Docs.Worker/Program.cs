using Docs;
using Docs.Core.Data;
using Docs.Core.Jobs;
using Docs.Worker;
using Docs.Worker.Dashboard;
using Hangfire;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDocsDbContext<DocsDbContext>(ResourceNames.DocsDatabase);
builder.AddDocsRedis();
builder.AddDocsWorker();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AsyncAuthorization = [new StaffOnlyDashboardFilter()] });

app.Services.GetRequiredService<IRecurringJobManager>()
    .AddOrUpdate<ITrashPurgeJob>("purge-trash", job => job.PurgeAsync(CancellationToken.None), Cron.Hourly());
app.Services.GetRequiredService<IRecurringJobManager>()
    .AddOrUpdate<IOrphanBlobsJob>("delete-orphan-blobs", job => job.CleanAsync(CancellationToken.None), Cron.Daily());
// Never on its own: staff trigger it from the dashboard or with POST documents/search/rebuild/.
app.Services.GetRequiredService<IRecurringJobManager>()
    .AddOrUpdate<ISearchRebuildJob>("rebuild-search-index", job => job.RebuildAsync(CancellationToken.None), Cron.Never());

await app.RunAsync();

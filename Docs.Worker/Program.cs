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

await app.RunAsync();

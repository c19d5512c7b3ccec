using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Docs.Hosting.Services;

/// <summary>
/// What a developer needs once everything is up, printed when the site and every other service are
/// healthy: the site's URL, the dashboard's URL with its login token, and the resources' own lines
/// (accounts, where mail goes).
/// </summary>
public static class StartupSummary
{
    public static IResourceBuilder<ProjectResource> PrintsSummaryWhenReady(this IResourceBuilder<ProjectResource> site)
    {
        var builder = site.ApplicationBuilder;
        if (!builder.ExecutionContext.IsRunMode)
        {
            return site;
        }
        return site.OnResourceReady(async (resource, ready, cancellationToken) =>
        {
            var model = ready.Services.GetRequiredService<DistributedApplicationModel>();
            var notifications = ready.Services.GetRequiredService<ResourceNotificationService>();
            // The site does not wait for the services it calls to start: the summary does.
            // (Not the site itself: waiting for it to be healthy waits for this very handler.)
            foreach (var service in model.Resources.OfType<ProjectResource>().Where(service => service != resource))
            {
                await notifications.WaitForResourceHealthyAsync(service.Name, cancellationToken);
            }
            var dashboard = !ready.Services.GetRequiredService<DistributedApplicationOptions>().DisableDashboard;
            Console.WriteLine(Text(resource, model, builder.Configuration, dashboard));
        });
    }

    internal static string Text(ProjectResource site, DistributedApplicationModel model, IConfiguration configuration, bool withDashboard)
    {
        var lines = new List<string> { "", $"  Docs is running: {site.GetEndpoint("http").Url}" };
        var dashboard = configuration["ASPNETCORE_URLS"]?.Split(';').FirstOrDefault();
        if (withDashboard && !string.IsNullOrEmpty(dashboard) && !configuration.GetValue("ASPIRE_DASHBOARD_DISABLED", false))
        {
            var token = configuration["AppHost:BrowserToken"];
            lines.Add($"  Dashboard        {dashboard.TrimEnd('/')}{(string.IsNullOrEmpty(token) ? "" : $"/login?t={token}")}");
        }
        lines.AddRange(model.Resources.SelectMany(resource => resource.Annotations.OfType<SummaryAnnotation>()).Select(summary => "  " + summary.Line()));
        lines.Add("  Ctrl+C stops everything.");
        lines.Add("");
        return string.Join('\n', lines);
    }
}

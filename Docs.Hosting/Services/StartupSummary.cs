using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Docs.Hosting.Services;

/// <summary>
/// What a developer needs once everything is up, printed when the site is healthy: its URL, the
/// dashboard's URL with its login token, and the resources' own lines (accounts, where mail goes).
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
        return site.OnResourceReady((resource, ready, _) =>
        {
            var model = (DistributedApplicationModel)ready.Services.GetService(typeof(DistributedApplicationModel))!;
            Console.WriteLine(Text(resource, model, builder.Configuration));
            return Task.CompletedTask;
        });
    }

    internal static string Text(ProjectResource site, DistributedApplicationModel model, IConfiguration configuration)
    {
        var lines = new List<string> { "", $"  Docs is running: {site.GetEndpoint("http").Url}" };
        var dashboard = configuration["ASPNETCORE_URLS"]?.Split(';').FirstOrDefault();
        if (!string.IsNullOrEmpty(dashboard) && !configuration.GetValue("ASPIRE_DASHBOARD_DISABLED", false))
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

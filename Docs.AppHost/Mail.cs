using Docs.Hosting;
using Docs.Hosting.Services;
using Microsoft.Extensions.Configuration;

namespace Docs.AppHost;

internal static class MailExtensions
{
    /// <summary>
    /// Without <c>Mail:SmtpHost</c> the worker writes each message as an .eml file under the data
    /// directory, and the summary says where; with it, the SMTP settings of <c>Mail:*</c> pass through.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithMailPickup(this IResourceBuilder<ProjectResource> worker, IDistributedApplicationBuilder builder)
    {
        var mail = builder.Configuration.GetSection("Mail");
        foreach (var (key, value) in mail.AsEnumerable(makePathsRelative: true))
        {
            if (value is not null)
            {
                worker.WithSetting($"Mail__{key.Replace(":", "__", StringComparison.Ordinal)}", value);
            }
        }
        if (string.IsNullOrWhiteSpace(mail["SmtpHost"]) && builder.ExecutionContext.IsPublishMode)
        {
            // A container's only writable place; deployments set Mail:SmtpHost (README, Deploy).
            worker.WithEnvironment("Mail__PickupDirectory", "/tmp/mail");
        }
        else if (string.IsNullOrWhiteSpace(mail["SmtpHost"]))
        {
            var pickup = Path.Combine(builder.DataDirectory(), "mail");
            worker.WithEnvironment("Mail__PickupDirectory", pickup)
                .WithSummary(() => $"Mail      {pickup} (.eml files; set Mail:SmtpHost to send)");
        }
        return worker;
    }
}

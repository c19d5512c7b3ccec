using Docs.Api.Features.Documents;
using Docs.Api.Features.Collaboration;

namespace Docs.Api.Features.Config;

/// <summary><c>config/</c>: what a client needs to know about this installation, for anyone.</summary>
public static class ConfigEndpoints
{
    private static readonly string[][] Languages = [["en-us", "English"], ["fr-fr", "Français"]];

    public static RouteGroupBuilder MapConfigEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/config/", (IHostEnvironment environment) => Results.Ok(new
        {
            environment = environment.EnvironmentName,
            languages = Languages,
            default_language = "en-us",
            collaboration_ws_url = "/collaboration/ws/",
            collaboration_ticket_lifetime_seconds = (int)Docs.Core.Collaboration.CollaborationTicket.MaxLifetime.TotalSeconds,
            trashbin_cutoff_days = (int)DocumentGate.TrashCutoff.TotalDays,
            content_max_bytes = ContentEndpoints.MaxContentBytes,
            page_size = Infrastructure.PageRequest.DefaultSize,
            max_page_size = Infrastructure.PageRequest.MaxSize,
        })).WithTags("Config").AllowAnonymous();
        return api;
    }
}

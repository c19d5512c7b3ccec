using Docs.Api.Features.Collaboration;
using Docs.Api.Infrastructure;
using Docs.Core.Collaboration;
using Docs.Core.Documents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Docs.Api.Features.Config;

public sealed record ConfigResponse(
    string Environment,
    string[][] Languages,
    string DefaultLanguage,
    string CollaborationWsUrl,
    int CollaborationTicketLifetimeSeconds,
    int TrashbinCutoffDays,
    int ContentMaxBytes,
    int PageSize,
    int MaxPageSize);

/// <summary><c>config/</c>: what a client needs to know about this installation, for anyone.</summary>
public static class ConfigEndpoints
{
    private static readonly string[][] Languages = [["en-us", "English"], ["fr-fr", "Français"]];

    public static RouteGroupBuilder MapConfigEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/config/", GetConfig).WithTags("Config").AllowAnonymous()
            .WithName("GetConfig").WithSummary("What a client needs to know about this installation.");
        return api;
    }

    private static Ok<ConfigResponse> GetConfig(IHostEnvironment environment) => TypedResults.Ok(new ConfigResponse(
        environment.EnvironmentName,
        Languages,
        DefaultLanguage: "en-us",
        CollaborationWsUrl: "/collaboration/ws/",
        CollaborationTicketLifetimeSeconds: (int)CollaborationTicket.MaxLifetime.TotalSeconds,
        TrashbinCutoffDays: (int)TrashRetention.Period.TotalDays,
        ContentMaxBytes: CollaborationEndpoints.MaxContentBytes,
        PageSize: PageRequest.DefaultSize,
        MaxPageSize: PageRequest.MaxSize));
}

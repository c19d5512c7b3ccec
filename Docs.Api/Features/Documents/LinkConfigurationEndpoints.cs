using Docs.Api.Infrastructure;
using Docs.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Docs.Api.Features.Documents;

public sealed record LinkConfigurationResponse(string LinkReach, string LinkRole);

/// <summary><c>documents/{id}/link-configuration/</c>: who the document's link opens it to, and with which role.</summary>
public static class LinkConfigurationEndpoints
{
    public static RouteGroupBuilder MapLinkConfigurationEndpoints(this RouteGroupBuilder api)
    {
        api.MapPut("/documents/{id:guid}/link-configuration/", ConfigureAsync).WithTags("Documents").RequireAuthorization()
            .RequireRateLimiting(RateLimits.Documents).RequireDocument(a => a.LinkConfiguration, tracked: true)
            .WithName("ConfigureLink").WithSummary("Sets the document's link reach and link role.");
        return api;
    }

    private static async Task<Ok<LinkConfigurationResponse>> ConfigureAsync(HttpContext context, CurrentDocument current, DocsDbContext db,
        CollaborationNotifier collaboration, TimeProvider time, LinkConfigurationRequest request)
    {
        var setting = request.Setting;
        var document = current.Document;
        document.LinkReach = setting.Reach;
        document.LinkRole = setting.Role;
        document.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(context.RequestAborted);
        await collaboration.PermissionsChangedAsync(current.Id);
        return TypedResults.Ok(new LinkConfigurationResponse(EnumNames.Of(setting.Reach), EnumNames.Of(setting.Role)));
    }
}

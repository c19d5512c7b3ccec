using Docs.Api.Features.Documents;
using Docs.Api.Infrastructure;
using Docs.Core.Access;
using Docs.Core.Data;
using Docs.Core.Documents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Features.Accesses;

/// <summary><c>documents/{id}/leave/</c>: a member gives up their own accesses.</summary>
public static class LeaveEndpoints
{
    public static RouteGroupBuilder MapLeaveEndpoints(this RouteGroupBuilder api)
    {
        api.MapDelete("/documents/{id:guid}/leave/", LeaveAsync).WithTags("Documents").RequireAuthorization()
            .RequireRateLimiting(RateLimits.Accesses).RequireDocument(a => a.Retrieve)
            .WithName("LeaveDocument").WithSummary("Removes the caller's own accesses on a document and its sub-pages.");
        return api;
    }

    /// <summary>
    /// Removes the caller's own accesses on the document and its sub-pages (as the reference does: leaving a
    /// page leaves what it contains); refused when that would leave the document without an owner.
    /// </summary>
    private static async Task<Results<NoContent, BadRequestProblem>> LeaveAsync(HttpContext context, CurrentDocument current, DocsDbContext db,
        CollaborationNotifier collaboration)
    {
        var subtree = current.Document.Path;
        var mine = await db.DocumentAccesses
            .Where(a => a.UserId == current.UserId && a.Document!.Path.StartsWith(subtree))
            .ToListAsync(context.RequestAborted);
        if (mine.Count == 0)
        {
            return Problems.BadRequest("You have no access of your own on this document or its sub-pages.");
        }
        if (mine.Any(a => a.Role == Role.Owner))
        {
            // Sub-pages inherit the document's owners: it is enough that one remains on the document or above it.
            var leaving = mine.Select(a => a.Id).ToList();
            var chain = TreePath.SelfAndAncestors(subtree);
            if (!await db.DocumentAccesses.AnyAsync(a => a.Role == Role.Owner && !leaving.Contains(a.Id) && chain.Contains(a.Document!.Path), context.RequestAborted))
            {
                return Problems.BadRequest("You are the last owner of this document: make someone else owner first.");
            }
        }
        db.DocumentAccesses.RemoveRange(mine);
        await db.SaveChangesAsync(context.RequestAborted);
        foreach (var documentId in mine.Select(a => a.DocumentId).Distinct())
        {
            await collaboration.PermissionsChangedAsync(documentId, current.UserId);
        }
        return TypedResults.NoContent();
    }
}

using Docs.Api.Authentication;
using Docs.Api.Infrastructure;
using Docs.Core.Access;
using Docs.Core.Data;
using Docs.Core.Documents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Features.Documents;

/// <summary>Soft delete to the trash, restore within the cut-off, and the trash bin of what the caller owns.</summary>
public static class TrashEndpoints
{
    public static RouteGroupBuilder MapTrashEndpoints(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/documents").WithTags("Trash").RequireAuthorization();
        documents.MapDelete("/{id:guid}/", DeleteAsync).RequireRateLimiting(RateLimits.Documents).RequireDocument(a => a.Destroy)
            .WithName("DeleteDocument").WithSummary("Puts a document and its subtree in the trash.");
        documents.MapPost("/{id:guid}/restore/", RestoreAsync).RequireRateLimiting(RateLimits.Documents).RequireDocument(a => a.Restore)
            .WithName("RestoreDocument").WithSummary("Takes a document and its subtree out of the trash, within the retention period.");
        documents.MapGet("/trashbin/", TrashbinAsync).AcceptsPaging()
            .WithName("ListTrash").WithSummary("The documents in the trash that the caller owns, most recently deleted first.");
        return api;
    }

    private static async Task<Results<NoContent, BadRequestProblem>> DeleteAsync(HttpContext context, CurrentDocument current, DocumentTree tree,
        CollaborationNotifier collaboration, TimeProvider time)
    {
        var found = current.Found;
        var id = current.Id;
        if (found.Document.DeletedAt is not null || found.Document.AncestorsDeletedAt is not null)
        {
            return Problems.BadRequest("This document is already in the trash.");
        }
        await tree.TrashAsync(found.Document, time.GetUtcNow(), context.RequestAborted);
        await collaboration.PermissionsChangedAsync(id);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<DocumentResponse>, BadRequestProblem>> RestoreAsync(HttpContext context, CurrentDocument current, DocsDbContext db,
        DocumentTree tree, DocumentResponses responses, CollaborationNotifier collaboration)
    {
        var id = current.Id;
        var document = current.Document;
        if (document.DeletedAt is null)
        {
            return Problems.BadRequest(document.AncestorsDeletedAt is null
                ? "This document is not in the trash."
                : "A parent of this document is in the trash: restore that one.");
        }
        if (document.AncestorsDeletedAt is not null)
        {
            return Problems.BadRequest("A parent of this document is in the trash: restore that one first.");
        }
        await tree.RestoreAsync(document, context.RequestAborted);
        await collaboration.PermissionsChangedAsync(id);
        var restored = await db.Documents.AsNoTracking().SingleAsync(d => d.Id == id, context.RequestAborted);
        return TypedResults.Ok(await responses.DescribeAsync(restored, current.UserId, context.RequestAborted));
    }

    /// <summary>Documents put in the trash within the retention period that the caller owns.</summary>
    private static async Task<Results<Ok<Page<DocumentResponse>>, NotFoundProblem, FieldsProblem>> TrashbinAsync(HttpContext context, DocsDbContext db,
        DocumentResponses responses, TimeProvider time)
    {
        var page = PageRequest.Of(context.Request);
        var userId = context.User.GetUserId()!.Value;
        var since = TrashRetention.Cutoff(time.GetUtcNow());
        var owned = db.DocumentAccesses.Where(a => a.UserId == userId && a.Role == Role.Owner).Select(a => a.Document!.Path);
        var query = db.Documents.AsNoTracking()
            .Where(d => d.DeletedAt != null && d.DeletedAt > since && owned.Any(p => d.Path.StartsWith(p)))
            .OrderByDescending(d => d.DeletedAt).ThenBy(d => d.Id);
        return await page.ToResultAsync(query, context.Request, items => responses.DescribeAsync(items, userId, context.RequestAborted));
    }
}

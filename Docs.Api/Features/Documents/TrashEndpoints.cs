using Docs.Api.Authentication;
using Docs.Api.Infrastructure;
using Docs.Core.Access;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Features.Documents;

/// <summary>Soft delete to the trash, restore within the cut-off, and the trash bin of what the caller owns.</summary>
public static class TrashEndpoints
{
    public static RouteGroupBuilder MapTrashEndpoints(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/documents").WithTags("Trash").RequireAuthorization();
        documents.MapDelete("/{id:guid}/", DeleteAsync).RequireRateLimiting(RateLimits.Documents);
        documents.MapPost("/{id:guid}/restore/", RestoreAsync).RequireRateLimiting(RateLimits.Documents);
        documents.MapGet("/trashbin/", TrashbinAsync);
        return api;
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, DocumentGate gate, CollaborationNotifier collaboration, Guid id)
    {
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.Destroy, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        if (found.Document.DeletedAt is not null || found.Document.AncestorsDeletedAt is not null)
        {
            return Problems.BadRequest("This document is already in the trash.");
        }
        var now = gate.Now;
        var path = found.Document.Path;
        var strategy = gate.Db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await gate.Db.Database.BeginTransactionAsync(context.RequestAborted);
            await gate.Db.Documents.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.DeletedAt, now), context.RequestAborted);
            await gate.Db.Documents.Where(d => d.Path.StartsWith(path) && d.Path != path && d.AncestorsDeletedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.AncestorsDeletedAt, now), context.RequestAborted);
            await transaction.CommitAsync(context.RequestAborted);
        });
        await collaboration.PermissionsChangedAsync(id);
        return Results.NoContent();
    }

    private static async Task<IResult> RestoreAsync(HttpContext context, DocumentGate gate, CollaborationNotifier collaboration, Guid id)
    {
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.Restore, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        var document = found.Document;
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
        var path = document.Path;
        var strategy = gate.Db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await gate.Db.Database.BeginTransactionAsync(context.RequestAborted);
            await gate.Db.Documents.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.DeletedAt, (DateTimeOffset?)null), context.RequestAborted);
            // Descendants stay trashed if another trashed ancestor (below this one) still holds them.
            await gate.Db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE documents d SET ancestors_deleted_at = (
                    SELECT min(a.deleted_at) FROM documents a
                    WHERE a.deleted_at IS NOT NULL AND a.path LIKE {path + "%"} AND d.path LIKE a.path || '%' AND a.path <> d.path)
                WHERE d.path LIKE {path + "%"} AND d.path <> {path}
                """, context.RequestAborted);
            await transaction.CommitAsync(context.RequestAborted);
        });
        await collaboration.PermissionsChangedAsync(id);
        var restored = await gate.Db.Documents.AsNoTracking().SingleAsync(d => d.Id == id, context.RequestAborted);
        return Results.Ok(await gate.DescribeAsync(restored, found.UserId, context.RequestAborted));
    }

    /// <summary>Documents put in the trash less than 30 days ago that the caller owns.</summary>
    private static async Task<IResult> TrashbinAsync(HttpContext context, DocumentGate gate)
    {
        if (!PageRequest.TryParse(context.Request, out var page, out var errors))
        {
            return Problems.Validation(errors);
        }
        var userId = context.User.GetUserId()!.Value;
        var since = gate.Now - DocumentGate.TrashCutoff;
        var owned = gate.Db.DocumentAccesses.Where(a => a.UserId == userId && a.Role == Role.Owner).Select(a => a.Document!.Path);
        var query = gate.Db.Documents.AsNoTracking()
            .Where(d => d.DeletedAt != null && d.DeletedAt > since && owned.Any(p => d.Path.StartsWith(p)))
            .OrderByDescending(d => d.DeletedAt).ThenBy(d => d.Id);
        return await page.ToResultAsync(query, context.Request, items => gate.DescribeAsync(items, userId, context.RequestAborted));
    }
}

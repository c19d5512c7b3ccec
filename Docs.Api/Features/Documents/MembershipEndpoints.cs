using Docs.Api.Authentication;
using Docs.Api.Features.Accesses;
using Docs.Api.Infrastructure;
using Docs.Core.Access;
using Docs.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Features.Documents;

/// <summary>Pins (favorites), leaving a document, and its link configuration.</summary>
public static class MembershipEndpoints
{
    public static RouteGroupBuilder MapMembershipEndpoints(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/documents").WithTags("Documents").RequireAuthorization();
        documents.MapPost("/{id:guid}/favorite/", AddFavoriteAsync).RequireRateLimiting(RateLimits.Documents);
        documents.MapDelete("/{id:guid}/favorite/", RemoveFavoriteAsync).RequireRateLimiting(RateLimits.Documents);
        documents.MapGet("/favorite_list/", ListFavoritesAsync);
        documents.MapDelete("/{id:guid}/leave/", LeaveAsync).RequireRateLimiting(RateLimits.Accesses);
        documents.MapPut("/{id:guid}/link-configuration/", ConfigureLinkAsync).RequireRateLimiting(RateLimits.Documents);
        return api;
    }

    private static async Task<IResult> AddFavoriteAsync(HttpContext context, DocumentGate gate, Guid id)
    {
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.Favorite, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        var added = await gate.Db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO document_favorites (id, document_id, user_id, created_at) VALUES ({Guid.CreateVersion7()}, {id}, {found.UserId}, {gate.Now}) ON CONFLICT DO NOTHING",
            context.RequestAborted);
        return added > 0 ? Results.Created($"/api/v1.0/documents/{id}/favorite/", null) : Results.Ok();
    }

    private static async Task<IResult> RemoveFavoriteAsync(HttpContext context, DocumentGate gate, Guid id)
    {
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.Favorite, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        var removed = await gate.Db.DocumentFavorites.Where(f => f.DocumentId == id && f.UserId == found.UserId).ExecuteDeleteAsync(context.RequestAborted);
        return removed > 0 ? Results.NoContent() : Problems.BadRequest("This document is not pinned.");
    }

    private static async Task<IResult> ListFavoritesAsync(HttpContext context, DocumentGate gate)
    {
        if (!PageRequest.TryParse(context.Request, out var page, out var errors))
        {
            return Problems.Validation(errors);
        }
        var userId = context.User.GetUserId()!.Value;
        var favorites = gate.Db.DocumentFavorites.Where(f => f.UserId == userId).Select(f => f.DocumentId);
        var query = gate.Db.Documents.AsNoTracking()
            .Where(d => favorites.Contains(d.Id) && d.DeletedAt == null && d.AncestorsDeletedAt == null)
            .OrderByDescending(d => d.UpdatedAt).ThenBy(d => d.Id);
        // Pins of documents the caller can no longer see are not shown.
        return await page.ToResultAsync<Docs.Core.Data.Entities.Document, DocumentResponse>(query, context.Request, async items =>
            (await gate.DescribeAsync(items, userId, context.RequestAborted)).Where(d => d.Abilities.Retrieve).ToList());
    }

    /// <summary>
    /// Removes the caller's own accesses on the document and its sub-pages (as the reference does: leaving a
    /// page leaves what it contains); refused when that would leave the document without an owner.
    /// </summary>
    private static async Task<IResult> LeaveAsync(HttpContext context, DocumentGate gate, CollaborationNotifier collaboration, Guid id)
    {
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.Retrieve, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        var subtree = found.Document.Path;
        var mine = await gate.Db.DocumentAccesses
            .Where(a => a.UserId == found.UserId && a.Document!.Path.StartsWith(subtree))
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
            if (!await gate.Db.DocumentAccesses.AnyAsync(a => a.Role == Role.Owner && !leaving.Contains(a.Id) && chain.Contains(a.Document!.Path), context.RequestAborted))
            {
                return Problems.BadRequest("You are the last owner of this document: make someone else owner first.");
            }
        }
        gate.Db.DocumentAccesses.RemoveRange(mine);
        await gate.Db.SaveChangesAsync(context.RequestAborted);
        foreach (var documentId in mine.Select(a => a.DocumentId).Distinct())
        {
            await collaboration.PermissionsChangedAsync(documentId, found.UserId);
        }
        return Results.NoContent();
    }

    private static async Task<IResult> ConfigureLinkAsync(HttpContext context, DocumentGate gate, CollaborationNotifier collaboration, Guid id,
        LinkConfigurationRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EnumNames.TryParse<LinkReach>(request.LinkReach, out var reach))
        {
            errors["link_reach"] = ["One of restricted, authenticated, public."];
        }
        if (!EnumNames.TryParse<LinkRole>(request.LinkRole, out var role))
        {
            errors["link_role"] = ["One of reader, commenter, editor."];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.LinkConfiguration, context.RequestAborted, tracked: true);
        if (found is null)
        {
            return refusal!;
        }
        found.Document.LinkReach = reach;
        found.Document.LinkRole = role;
        found.Document.UpdatedAt = gate.Now;
        await gate.Db.SaveChangesAsync(context.RequestAborted);
        await collaboration.PermissionsChangedAsync(id);
        return Results.Ok(new { link_reach = EnumNames.Of(reach), link_role = EnumNames.Of(role) });
    }
}

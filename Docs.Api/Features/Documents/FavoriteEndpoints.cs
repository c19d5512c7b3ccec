using Docs.Api.Authentication;
using Docs.Api.Infrastructure;
using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Features.Documents;

/// <summary>Pins (favorites): <c>documents/{id}/favorite/</c> and the caller's <c>documents/favorite_list/</c>.</summary>
public static class FavoriteEndpoints
{
    public static RouteGroupBuilder MapFavoriteEndpoints(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/documents").WithTags("Documents").RequireAuthorization();
        documents.MapPost("/{id:guid}/favorite/", AddAsync).RequireRateLimiting(RateLimits.Documents).RequireDocument(a => a.Favorite)
            .WithName("AddFavorite").WithSummary("Pins a document for the caller (200 if it already was).");
        documents.MapDelete("/{id:guid}/favorite/", RemoveAsync).RequireRateLimiting(RateLimits.Documents).RequireDocument(a => a.Favorite)
            .WithName("RemoveFavorite").WithSummary("Unpins a document.");
        documents.MapGet("/favorite_list/", ListAsync).AcceptsPaging()
            .WithName("ListFavorites").WithSummary("The documents the caller pinned and can still see.");
        return api;
    }

    private static async Task<Results<Created, Ok>> AddAsync(HttpContext context, CurrentDocument current, DocsDbContext db, TimeProvider time)
    {
        var added = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO document_favorites (id, document_id, user_id, created_at) VALUES ({Guid.CreateVersion7()}, {current.Id}, {current.UserId}, {time.GetUtcNow()}) ON CONFLICT DO NOTHING",
            context.RequestAborted);
        return added > 0 ? TypedResults.Created($"/api/v1.0/documents/{current.Id}/favorite/") : TypedResults.Ok();
    }

    private static async Task<Results<NoContent, BadRequestProblem>> RemoveAsync(HttpContext context, CurrentDocument current, DocsDbContext db)
    {
        var removed = await db.DocumentFavorites.Where(f => f.DocumentId == current.Id && f.UserId == current.UserId).ExecuteDeleteAsync(context.RequestAborted);
        return removed > 0 ? TypedResults.NoContent() : Problems.BadRequest("This document is not pinned.");
    }

    private static async Task<Results<Ok<Page<DocumentResponse>>, NotFoundProblem, FieldsProblem>> ListAsync(HttpContext context, DocsDbContext db,
        DocumentResponses responses)
    {
        var page = PageRequest.Of(context.Request);
        var userId = context.User.GetUserId()!.Value;
        var favorites = db.DocumentFavorites.Where(f => f.UserId == userId).Select(f => f.DocumentId);
        var query = db.Documents.AsNoTracking()
            .Where(d => favorites.Contains(d.Id) && d.DeletedAt == null && d.AncestorsDeletedAt == null)
            .OrderByDescending(d => d.UpdatedAt).ThenBy(d => d.Id);
        // Pins of documents the caller can no longer see are not shown.
        return await page.ToResultAsync<Document, DocumentResponse>(query, context.Request, async items =>
            (await responses.DescribeAsync(items, userId, context.RequestAborted)).Where(d => d.Abilities.Retrieve).ToList());
    }
}

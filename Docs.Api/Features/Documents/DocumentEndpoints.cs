using Docs.Api.Authentication;
using Docs.Api.Infrastructure;
using Docs.Core.Access;
using Docs.Core.Data.Entities;
using Docs.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Features.Documents;

/// <summary><c>documents/</c>: lists, create, retrieve, update, children.</summary>
public static class DocumentEndpoints
{
    private static readonly string[] Orderings = ["created_at", "updated_at", "title", "path"];

    public static RouteGroupBuilder MapDocumentEndpoints(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/documents").WithTags("Documents");
        documents.MapGet("/", ListAsync).RequireAuthorization();
        documents.MapPost("/", CreateAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Documents);
        documents.MapGet("/all/", ListAllAsync).RequireAuthorization();
        documents.MapGet("/{id:guid}/", RetrieveAsync);
        documents.MapPut("/{id:guid}/", UpdateAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Documents);
        documents.MapPatch("/{id:guid}/", UpdateAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Documents);
        documents.MapGet("/{id:guid}/children/", ListChildrenAsync);
        documents.MapPost("/{id:guid}/children/", CreateChildAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Documents);
        return api;
    }

    /// <summary>The top documents the caller reaches (by an access or a visited link): those with no reached ancestor.</summary>
    private static async Task<IResult> ListAsync(HttpContext context, DocumentGate gate, string? title, bool? is_creator_me, bool? is_favorite, string? ordering)
    {
        if (!PageRequest.TryParse(context.Request, out var page, out var errors))
        {
            return Problems.Validation(errors);
        }
        var userId = context.User.GetUserId()!.Value;
        var tops = await ReachedTopPathsAsync(gate, userId, context.RequestAborted);
        var query = gate.Db.Documents.AsNoTracking().Where(d => tops.Contains(d.Path) && d.DeletedAt == null && d.AncestorsDeletedAt == null);
        return await FilterOrderAndPageAsync(context, gate, query, userId, page, title, is_creator_me, is_favorite, ordering);
    }

    /// <summary>Every document the caller reaches, the reached ones and all their descendants.</summary>
    private static async Task<IResult> ListAllAsync(HttpContext context, DocumentGate gate, string? title, bool? is_creator_me, bool? is_favorite, string? ordering)
    {
        if (!PageRequest.TryParse(context.Request, out var page, out var errors))
        {
            return Problems.Validation(errors);
        }
        var userId = context.User.GetUserId()!.Value;
        var tops = await ReachedTopPathsAsync(gate, userId, context.RequestAborted);
#pragma warning disable CA1310 // translated to SQL (LIKE on the "C" collation), never run in .NET
        var query = gate.Db.Documents.AsNoTracking().Where(d => d.DeletedAt == null && d.AncestorsDeletedAt == null
            && tops.Any(top => d.Path.StartsWith(top)));
#pragma warning restore CA1310
        return await FilterOrderAndPageAsync(context, gate, query, userId, page, title, is_creator_me, is_favorite, ordering ?? "path");
    }

    /// <summary>
    /// The paths the caller reaches by an access or a link trace, without those inside another: a short
    /// list (one indexed query), so the lists then look documents up by path.
    /// </summary>
    private static async Task<List<string>> ReachedTopPathsAsync(DocumentGate gate, Guid userId, CancellationToken cancellationToken)
    {
        var db = gate.Db;
        var reached = await db.DocumentAccesses.Where(a => a.UserId == userId).Select(a => a.Document!.Path)
            .Union(db.LinkTraces.Where(t => t.UserId == userId).Join(db.Documents, t => t.DocumentId, d => d.Id, (_, d) => d.Path))
            .ToListAsync(cancellationToken);
        reached.Sort(StringComparer.Ordinal);
        var tops = new List<string>();
        foreach (var path in reached)
        {
            // Sorted, so an ancestor comes right before its subtree.
            if (tops.Count == 0 || !TreePath.IsInSubtreeOf(path, tops[^1]))
            {
                tops.Add(path);
            }
        }
        return tops;
    }

    internal static async Task<IResult> FilterOrderAndPageAsync(HttpContext context, DocumentGate gate, IQueryable<Document> query, Guid userId,
        PageRequest page, string? title, bool? isCreatorMe, bool? isFavorite, string? ordering)
    {
        if (!string.IsNullOrWhiteSpace(title))
        {
            var pattern = LikePattern.Containing(title.Trim());
            query = query.Where(d => EF.Functions.ILike(d.Title ?? "", pattern));
        }
        if (isCreatorMe is { } creatorMe)
        {
            query = creatorMe ? query.Where(d => d.CreatorId == userId) : query.Where(d => d.CreatorId != userId);
        }
        if (isFavorite is { } favorite)
        {
            var favorites = gate.Db.DocumentFavorites.Where(f => f.UserId == userId).Select(f => f.DocumentId);
            query = favorite ? query.Where(d => favorites.Contains(d.Id)) : query.Where(d => !favorites.Contains(d.Id));
        }
        var order = ordering ?? "-updated_at";
        var descending = order.StartsWith('-');
        var field = order.TrimStart('-');
        if (!Orderings.Contains(field))
        {
            return Problems.Validation("ordering", $"One of {string.Join(", ", Orderings)}, with '-' for descending.");
        }
        query = (field, descending) switch
        {
            ("created_at", false) => query.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id),
            ("created_at", true) => query.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id),
            ("updated_at", false) => query.OrderBy(d => d.UpdatedAt).ThenBy(d => d.Id),
            ("updated_at", true) => query.OrderByDescending(d => d.UpdatedAt).ThenBy(d => d.Id),
            ("title", false) => query.OrderBy(d => d.Title).ThenBy(d => d.Id),
            ("title", true) => query.OrderByDescending(d => d.Title).ThenBy(d => d.Id),
            ("path", false) => query.OrderBy(d => d.Path),
            _ => query.OrderByDescending(d => d.Path),
        };
        return await page.ToResultAsync(query, context.Request, items => gate.DescribeAsync(items, userId, context.RequestAborted));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, DocumentGate gate, DocumentTree tree, CreateDocumentRequest request)
    {
        var errors = DocumentRules.Validate(request.Title);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var userId = context.User.GetUserId()!.Value;
        var now = gate.Now;
        var document = new Document { Title = request.Title?.Trim(), Path = "", CreatorId = userId, CreatedAt = now, UpdatedAt = now };
        gate.Db.DocumentAccesses.Add(new DocumentAccess { Document = document, UserId = userId, Role = Role.Owner, CreatedAt = now, UpdatedAt = now });
        await tree.AddAsync(document, parent: null, context.RequestAborted);
        return Results.Created($"/api/v1.0/documents/{document.Id}/", await gate.DescribeAsync(document, userId, context.RequestAborted));
    }

    private static async Task<IResult> RetrieveAsync(HttpContext context, DocumentGate gate, Guid id)
    {
        var found = await gate.FindAsync(id, context.User, context.RequestAborted);
        if (found is null)
        {
            return Problems.NotFound();
        }
        // Opened through its link by someone without an access of their own: remember it, so it shows in their lists.
        if (found.UserId is { } userId && !found.Access.Context.IsMember && found.Document.DeletedAt is null)
        {
            await gate.Db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO link_traces (id, document_id, user_id, created_at) VALUES ({Guid.CreateVersion7()}, {id}, {userId}, {gate.Now}) ON CONFLICT DO NOTHING",
                context.RequestAborted);
        }
        return Results.Ok(await gate.DescribeAsync(found, context.RequestAborted));
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, DocumentGate gate, Guid id, UpdateDocumentRequest request)
    {
        var errors = DocumentRules.Validate(request.Title, request.Excerpt);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.Update, context.RequestAborted, tracked: true);
        if (found is null)
        {
            return refusal!;
        }
        var document = found.Document;
        if (request.Title is not null)
        {
            document.Title = request.Title.Trim();
        }
        if (request.Excerpt is not null)
        {
            document.Excerpt = request.Excerpt;
        }
        document.UpdatedAt = gate.Now;
        await gate.Db.SaveChangesAsync(context.RequestAborted);
        return Results.Ok(await gate.DescribeAsync(document, found.UserId, context.RequestAborted));
    }

    private static async Task<IResult> ListChildrenAsync(HttpContext context, DocumentGate gate, Guid id)
    {
        if (!PageRequest.TryParse(context.Request, out var page, out var errors))
        {
            return Problems.Validation(errors);
        }
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.ChildrenList, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        var parent = found.Document;
        var query = gate.Db.Documents.AsNoTracking()
            .Where(d => d.Depth == parent.Depth + 1 && d.Path.StartsWith(parent.Path) && d.DeletedAt == null)
            .OrderBy(d => d.Path);
        return await page.ToResultAsync(query, context.Request, items => gate.DescribeAsync(items, found.UserId, context.RequestAborted));
    }

    private static async Task<IResult> CreateChildAsync(HttpContext context, DocumentGate gate, DocumentTree tree, Guid id, CreateDocumentRequest request)
    {
        var errors = DocumentRules.Validate(request.Title);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.ChildrenCreate, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        var userId = found.UserId!.Value;
        var now = gate.Now;
        var child = new Document { Title = request.Title?.Trim(), Path = "", CreatorId = userId, CreatedAt = now, UpdatedAt = now };
        // The creator owns what they create, unless they own it already through an ancestor.
        if (found.Access.EffectiveRole != Role.Owner)
        {
            gate.Db.DocumentAccesses.Add(new DocumentAccess { Document = child, UserId = userId, Role = Role.Owner, CreatedAt = now, UpdatedAt = now });
        }
        await tree.AddAsync(child, found.Document, context.RequestAborted);
        return Results.Created($"/api/v1.0/documents/{child.Id}/", await gate.DescribeAsync(child, userId, context.RequestAborted));
    }
}

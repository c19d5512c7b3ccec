using Docs.Api.Authentication;
using Docs.Api.Infrastructure;
using Docs.Core.Access;
using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Docs.Core.Documents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Features.Documents;

/// <summary><c>documents/</c>: lists, create, retrieve, update, children.</summary>
public static class DocumentEndpoints
{
    private static readonly string[] Orderings = ["created_at", "updated_at", "title", "path"];

    public static RouteGroupBuilder MapDocumentEndpoints(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/documents").WithTags("Documents");
        documents.MapGet("/", ListAsync).RequireAuthorization().AcceptsPaging()
            .WithName("ListDocuments").WithSummary("The top documents the caller reaches, by an access or a visited link.");
        documents.MapPost("/", CreateAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Documents)
            .WithName("CreateDocument").WithSummary("Creates a document at the top level, owned by the caller.");
        documents.MapGet("/all/", ListAllAsync).RequireAuthorization().AcceptsPaging()
            .WithName("ListAllDocuments").WithSummary("Every document the caller reaches, with all their descendants.");
        documents.MapGet("/{id:guid}/", RetrieveAsync).RequireDocument(a => a.Retrieve)
            .WithName("GetDocument").WithSummary("A document, with the caller's abilities on it.");
        documents.MapPut("/{id:guid}/", UpdateAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Documents)
            .RequireDocument(a => a.Update, tracked: true)
            .WithName("ReplaceDocument").WithSummary("Changes a document's title and excerpt (absent fields are kept).");
        documents.MapPatch("/{id:guid}/", UpdateAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Documents)
            .RequireDocument(a => a.Update, tracked: true)
            .WithName("UpdateDocument").WithSummary("Changes a document's title or excerpt.");
        documents.MapGet("/{id:guid}/children/", ListChildrenAsync).AcceptsPaging().RequireDocument(a => a.ChildrenList)
            .WithName("ListChildren").WithSummary("A document's children (not those in the trash), in tree order.");
        documents.MapPost("/{id:guid}/children/", CreateChildAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Documents)
            .RequireDocument(a => a.ChildrenCreate)
            .WithName("CreateChild").WithSummary("Creates a document as the last child of another.");
        return api;
    }

    /// <summary>The top documents the caller reaches (by an access or a visited link): those with no reached ancestor.</summary>
    private static async Task<Results<Ok<Page<DocumentResponse>>, NotFoundProblem, FieldsProblem>> ListAsync(HttpContext context, DocsDbContext db,
        DocumentResponses responses, string? title, bool? is_creator_me, bool? is_favorite, string? ordering)
    {
        var page = PageRequest.Of(context.Request);
        var userId = context.User.GetUserId()!.Value;
        var tops = await ReachedTopPathsAsync(db, userId, context.RequestAborted);
        var query = db.Documents.AsNoTracking().Where(d => tops.Contains(d.Path) && d.DeletedAt == null && d.AncestorsDeletedAt == null);
        return await FilterOrderAndPageAsync(context, db, responses, query, userId, page, title, is_creator_me, is_favorite, ordering);
    }

    /// <summary>Every document the caller reaches, the reached ones and all their descendants.</summary>
    private static async Task<Results<Ok<Page<DocumentResponse>>, NotFoundProblem, FieldsProblem>> ListAllAsync(HttpContext context, DocsDbContext db,
        DocumentResponses responses, string? title, bool? is_creator_me, bool? is_favorite, string? ordering)
    {
        var page = PageRequest.Of(context.Request);
        var userId = context.User.GetUserId()!.Value;
        var tops = await ReachedTopPathsAsync(db, userId, context.RequestAborted);
#pragma warning disable CA1310 // translated to SQL (LIKE on the "C" collation), never run in .NET
        var query = db.Documents.AsNoTracking().Where(d => d.DeletedAt == null && d.AncestorsDeletedAt == null
            && tops.Any(top => d.Path.StartsWith(top)));
#pragma warning restore CA1310
        return await FilterOrderAndPageAsync(context, db, responses, query, userId, page, title, is_creator_me, is_favorite, ordering ?? "path");
    }

    /// <summary>
    /// The paths the caller reaches by an access or a link trace, without those inside another: a short
    /// list (one indexed query), so the lists then look documents up by path.
    /// </summary>
    private static async Task<List<string>> ReachedTopPathsAsync(DocsDbContext db, Guid userId, CancellationToken cancellationToken)
    {
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

    private static async Task<Results<Ok<Page<DocumentResponse>>, NotFoundProblem, FieldsProblem>> FilterOrderAndPageAsync(HttpContext context,
        DocsDbContext db, DocumentResponses responses, IQueryable<Document> query, Guid userId, PageRequest page, string? title, bool? isCreatorMe,
        bool? isFavorite, string? ordering)
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
            var favorites = db.DocumentFavorites.Where(f => f.UserId == userId).Select(f => f.DocumentId);
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
        return await page.ToResultAsync(query, context.Request, items => responses.DescribeAsync(items, userId, context.RequestAborted));
    }

    private static async Task<Created<DocumentResponse>> CreateAsync(HttpContext context, DocsDbContext db, DocumentTree tree, DocumentResponses responses,
        TimeProvider time, CreateDocumentRequest request)
    {
        var userId = context.User.GetUserId()!.Value;
        var now = time.GetUtcNow();
        var document = new Document { Title = request.Title?.Trim(), Path = "", CreatorId = userId, CreatedAt = now, UpdatedAt = now };
        db.DocumentAccesses.Add(new DocumentAccess { Document = document, UserId = userId, Role = Role.Owner, CreatedAt = now, UpdatedAt = now });
        await tree.AddAsync(document, parent: null, context.RequestAborted);
        return TypedResults.Created($"/api/v1.0/documents/{document.Id}/", await responses.DescribeAsync(document, userId, context.RequestAborted));
    }

    private static async Task<Ok<DocumentResponse>> RetrieveAsync(HttpContext context, CurrentDocument current, DocsDbContext db, DocumentResponses responses,
        TimeProvider time)
    {
        // Opened through its link by someone without an access of their own: remember it, so it shows in their lists.
        if (current.UserId is { } userId && !current.Access.Context.IsMember && current.Document.DeletedAt is null)
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO link_traces (id, document_id, user_id, created_at) VALUES ({Guid.CreateVersion7()}, {current.Id}, {userId}, {time.GetUtcNow()}) ON CONFLICT DO NOTHING",
                context.RequestAborted);
        }
        return TypedResults.Ok(await responses.DescribeAsync(current.Found, context.RequestAborted));
    }

    private static async Task<Ok<DocumentResponse>> UpdateAsync(HttpContext context, CurrentDocument current, DocsDbContext db, DocumentResponses responses,
        TimeProvider time, UpdateDocumentRequest request)
    {
        var document = current.Document;
        if (request.Title is not null)
        {
            document.Title = request.Title.Trim();
        }
        if (request.Excerpt is not null)
        {
            document.Excerpt = request.Excerpt;
        }
        document.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(context.RequestAborted);
        return TypedResults.Ok(await responses.DescribeAsync(document, current.UserId, context.RequestAborted));
    }

    private static async Task<Results<Ok<Page<DocumentResponse>>, NotFoundProblem, FieldsProblem>> ListChildrenAsync(HttpContext context,
        CurrentDocument current, DocsDbContext db, DocumentResponses responses)
    {
        var page = PageRequest.Of(context.Request);
        var query = db.Documents.AsNoTracking().ChildrenOf(current.Document.Path).Where(d => d.DeletedAt == null).OrderBy(d => d.Path);
        return await page.ToResultAsync(query, context.Request, items => responses.DescribeAsync(items, current.UserId, context.RequestAborted));
    }

    private static async Task<Created<DocumentResponse>> CreateChildAsync(HttpContext context, CurrentDocument current, DocsDbContext db, DocumentTree tree,
        DocumentResponses responses, TimeProvider time, CreateDocumentRequest request)
    {
        var userId = current.UserId!.Value;
        var now = time.GetUtcNow();
        var child = new Document { Title = request.Title?.Trim(), Path = "", CreatorId = userId, CreatedAt = now, UpdatedAt = now };
        // The creator owns what they create, unless they own it already through an ancestor.
        if (current.Access.EffectiveRole != Role.Owner)
        {
            db.DocumentAccesses.Add(new DocumentAccess { Document = child, UserId = userId, Role = Role.Owner, CreatedAt = now, UpdatedAt = now });
        }
        await tree.AddAsync(child, current.Document, context.RequestAborted);
        return TypedResults.Created($"/api/v1.0/documents/{child.Id}/", await responses.DescribeAsync(child, userId, context.RequestAborted));
    }
}

using Docs.Api.Authentication;
using Docs.Api.Features.Documents;
using Docs.Api.Infrastructure;
using Docs.Core.Data;
using Docs.Core.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Features.Search;

/// <summary><c>documents/search/</c>: full-text search over the documents the caller can read; and the index's rebuild, for staff.</summary>
public static class SearchEndpoints
{
    public static RouteGroupBuilder MapSearchEndpoints(this RouteGroupBuilder api)
    {
        var search = api.MapGroup("/documents/search").WithTags("Search").RequireAuthorization();
        search.MapGet("/", SearchAsync).AcceptsPaging()
            .WithName("SearchDocuments")
            .WithSummary("Documents the caller can read whose title or text matches q (\"phrases\", -excluded, the last word as a prefix), best first.");
        search.MapPost("/rebuild/", RebuildAsync)
            .WithName("RebuildSearchIndex").WithSummary("Re-indexes every document (staff only): a job of Docs.Worker.");
        return api;
    }

    private static async Task<Results<Ok<Page<SearchResult>>, NotFoundProblem, FieldsProblem>> SearchAsync(HttpContext context, SearchQuery search,
        DocumentGate gate, string? q, Guid? within, bool? is_creator_me, bool? is_favorite)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return Problems.Validation("q", "The words to look for.");
        }
        if (q.Length > SearchTerms.MaxLength)
        {
            return Problems.Validation("q", $"At most {SearchTerms.MaxLength} characters.");
        }
        string? withinPath = null;
        if (within is { } withinId)
        {
            // A sub-tree the caller cannot see does not exist for them.
            if (await gate.FindAsync(withinId, context.User, context.RequestAborted) is not { } root || root.Document.DeletedAt is not null)
            {
                return Problems.NotFound();
            }
            withinPath = root.Document.Path;
        }
        var page = PageRequest.Of(context.Request);
        var request = new SearchRequest(context.User.GetUserId()!.Value, SearchTerms.Parse(q), withinPath, is_creator_me, is_favorite,
            (page.Number - 1) * page.Size, page.Size);
        var found = await search.RunAsync(request, context.RequestAborted);
        if (page.Number > 1 && found.Results.Count == 0)
        {
            return Problems.NotFound("Invalid page.");
        }
        return TypedResults.Ok(page.Describe(found.Count, found.Results, context.Request));
    }

    private static async Task<Results<Accepted, ForbiddenProblem>> RebuildAsync(HttpContext context, DocsDbContext db, IBackgroundJobClient jobs)
    {
        var userId = context.User.GetUserId()!.Value;
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.IsStaff && u.IsActive, context.RequestAborted))
        {
            return Problems.Forbidden();
        }
        jobs.Enqueue<ISearchRebuildJob>(job => job.RebuildAsync(CancellationToken.None));
        return TypedResults.Accepted((string?)null);
    }
}

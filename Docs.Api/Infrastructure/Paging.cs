using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Infrastructure;

/// <summary>Page-number pagination as the reference API has it: <c>{count, next, previous, results}</c>.</summary>
public sealed record Page<T>(int Count, Uri? Next, Uri? Previous, IReadOnlyList<T> Results);

/// <summary><c>?page=</c> (from 1) and <c>?page_size=</c> (20 by default, 200 at most).</summary>
public readonly record struct PageRequest(int Number, int Size)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 200;

    public static bool TryParse(HttpRequest request, out PageRequest page, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var number = 1;
        var size = DefaultSize;
        if (request.Query.TryGetValue("page", out var pageValue) && (!int.TryParse(pageValue, out number) || number < 1))
        {
            errors["page"] = ["A page number from 1."];
        }
        if (request.Query.TryGetValue("page_size", out var sizeValue) && (!int.TryParse(sizeValue, out size) || size < 1 || size > MaxSize))
        {
            errors["page_size"] = [$"A page size from 1 to {MaxSize}."];
        }
        page = new PageRequest(number, size);
        return errors.Count == 0;
    }

    /// <summary>The page of an endpoint marked <see cref="Paging.AcceptsPaging"/>, whose values <see cref="BadInput.RefuseBadInput"/> checked.</summary>
    public static PageRequest Of(HttpRequest request) =>
        TryParse(request, out var page, out _) ? page : throw new InvalidOperationException("Paging values unchecked: the endpoint lacks AcceptsPaging.");

    /// <summary>
    /// One page of <paramref name="query"/> (already ordered), mapped with <paramref name="map"/>; 404 past the last page.
    /// The answer's type is that of every list endpoint, whose parameters may also be refused (400).
    /// </summary>
    public async Task<Results<Ok<Page<TOut>>, NotFoundProblem, FieldsProblem>> ToResultAsync<T, TOut>(IQueryable<T> query, HttpRequest request,
        Func<List<T>, Task<IReadOnlyList<TOut>>> map)
    {
        var count = await query.CountAsync(request.HttpContext.RequestAborted);
        if (Number > 1 && (long)(Number - 1) * Size >= count)
        {
            return Problems.NotFound("Invalid page.");
        }
        var items = await query.Skip((Number - 1) * Size).Take(Size).ToListAsync(request.HttpContext.RequestAborted);
        return TypedResults.Ok(Describe(count, await map(items), request));
    }

    /// <summary>This page of a list of <paramref name="count"/> items, with the links to the pages beside it.</summary>
    public Page<T> Describe<T>(int count, IReadOnlyList<T> results, HttpRequest request)
    {
        var next = (long)Number * Size < count ? Link(request, Number + 1) : null;
        var previous = Number > 1 ? Link(request, Number - 1) : null;
        return new Page<T>(count, next, previous, results);
    }

    private static Uri Link(HttpRequest request, int number)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query["page"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var path = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
        return new Uri(QueryHelpers.AddQueryString(path, query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))));
    }
}

/// <summary>Endpoints that answer a page of a list.</summary>
public static class Paging
{
    /// <summary>
    /// Declares that the endpoint reads <c>?page=</c> and <c>?page_size=</c>: <see cref="BadInput.RefuseBadInput"/> refuses
    /// bad values (400) before the endpoint and its own filters run, as it does for the body.
    /// </summary>
    public static RouteHandlerBuilder AcceptsPaging(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(PagingMetadata.Instance);
}

internal sealed class PagingMetadata
{
    public static readonly PagingMetadata Instance = new();
}

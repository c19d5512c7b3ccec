using Docs.Api.Infrastructure;
using Docs.Core.Access;

namespace Docs.Api.Features.Documents;

/// <summary>
/// The document a request on <c>documents/{id}/…</c> is about, as <see cref="DocumentAccessFilter.RequireDocument{TBuilder}"/>
/// found it for the caller: endpoints behind that filter take it as a parameter.
/// </summary>
public sealed class CurrentDocument
{
    private DocumentInContext? _found;

    public DocumentInContext Found => _found ?? throw new InvalidOperationException("No document: the endpoint lacks RequireDocument.");

    public Core.Data.Entities.Document Document => Found.Document;

    public Guid Id => Found.Document.Id;

    public ResolvedAccess Access => Found.Access;

    public DocumentAbilities Abilities => Found.Access.Abilities;

    /// <summary>The caller, or null for an anonymous visitor.</summary>
    public Guid? UserId => Found.UserId;

    internal void Set(DocumentInContext found) => _found = found;
}

public static class DocumentAccessFilter
{
    /// <summary>
    /// Lets the request through only if the caller can see the document named by the route's <c>{id}</c> (else 404,
    /// not revealing whether it exists) and has <paramref name="ability"/> on it (else 403, or 401 for an anonymous
    /// caller); the document is then the request's <see cref="CurrentDocument"/>. <paramref name="tracked"/>: loaded
    /// for change tracking, content included. It runs after the input checks of <see cref="BadInput.RefuseBadInput"/>.
    /// </summary>
    public static TBuilder RequireDocument<TBuilder>(this TBuilder builder, Func<DocumentAbilities, bool> ability, bool tracked = false)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!Guid.TryParse(http.GetRouteValue("id") as string, out var id))
            {
                return Problems.NotFound();
            }
            var gate = http.RequestServices.GetRequiredService<DocumentGate>();
            var (found, refusal) = await gate.RequireAsync(id, http.User, ability, http.RequestAborted, tracked);
            if (found is null)
            {
                return refusal;
            }
            http.RequestServices.GetRequiredService<CurrentDocument>().Set(found);
            return await next(context);
        });
        builder.ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status401Unauthorized);
        return builder;
    }
}

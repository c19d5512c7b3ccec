using System.Text.Json.Serialization;
using Docs.Api.Authentication;
using Docs.Api.Features.Accesses;
using Docs.Api.Features.Documents;
using Docs.Api.Infrastructure;
using Docs.Core.Access;
using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Docs.Core.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Features.AskForAccess;

/// <summary>Reader when no role is named.</summary>
public sealed record AskForAccessRequest(string? Role) : IValidatedRequest
{
    [JsonIgnore]
    public Role ParsedRole => Role is null ? Core.Access.Role.Reader : EnumNames.Parse<Role>(Role);

    public TypedProblem? Validate() => Role is not null && !EnumNames.TryParse<Role>(Role, out _) ? Problems.Validation(RoleField.Name, EnumNames.OneOf<Role>()) : null;
}

/// <summary>
/// The asked role when none is named. Not an <see cref="IValidatedRequest"/>: a request that does not exist
/// is a 404 before its role is looked at.
/// </summary>
public sealed record AcceptAskForAccessRequest(string? Role);

public sealed record AskForAccessResponse(Guid Id, Guid DocumentId, AccessUser User, Role Role, DateTimeOffset CreatedAt);

/// <summary>
/// <c>documents/{id}/ask-for-access/</c>: someone with the link but no role asks for one; owners and
/// administrators are mailed, see the requests and accept (or refuse) them.
/// </summary>
public static class AskForAccessEndpoints
{
    public static RouteGroupBuilder MapAskForAccessEndpoints(this RouteGroupBuilder api)
    {
        var requests = api.MapGroup("/documents/{id:guid}/ask-for-access").WithTags("Ask for access").RequireAuthorization();
        requests.MapPost("/", AskAsync).RequireRateLimiting(RateLimits.AskForAccess)
            .WithName("AskForAccess").WithSummary("Asks the document's managers for a role (202 whether or not the document exists).");
        requests.MapGet("/", ListAsync).RequireDocument(a => a.AccessesManage)
            .WithName("ListAccessRequests").WithSummary("The requests for access to the document, oldest first.");
        requests.MapPost("/{requestId:guid}/accept/", AcceptAsync).RequireRateLimiting(RateLimits.AskForAccess).RequireDocument(a => a.AccessesManage)
            .WithName("AcceptAccessRequest").WithSummary("Grants the asked role (or the one named), and mails the asker.");
        requests.MapDelete("/{requestId:guid}/", RefuseAsync).RequireRateLimiting(RateLimits.AskForAccess).RequireDocument(a => a.AccessesManage)
            .WithName("RefuseAccessRequest").WithSummary("Deletes a request for access.");
        return api;
    }

    /// <summary>
    /// Anyone signed in who has the document's id may ask (the link is what they were given); asking again
    /// updates the role. The answer is the same <c>202 Accepted</c>, with no body, whether the document
    /// exists or not: asking is how someone without access reaches a restricted document, so it must
    /// work there, and it must not tell a guessed id from a real one. Only its managers learn of the request.
    /// </summary>
    private static async Task<Results<Accepted, BadRequestProblem>> AskAsync(HttpContext context, DocsDbContext db, DocumentAccessResolver resolver,
        IBackgroundJobClient jobs, TimeProvider time, Guid id, AskForAccessRequest? request)
    {
        var role = request?.ParsedRole ?? Role.Reader;
        var userId = context.User.GetUserId()!.Value;
        var document = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.DeletedAt == null && d.AncestorsDeletedAt == null,
            context.RequestAborted);
        if (document is null)
        {
            return TypedResults.Accepted((string?)null);
        }
        var access = await resolver.ResolveAsync(document, userId, context.RequestAborted);
        if (access.Context.IsMember && access.Context.ExplicitRoles.Max() >= role)
        {
            // A member sees the document anyway: telling them reveals nothing.
            return Problems.BadRequest("You already have this role on this document.");
        }
        var existing = await db.DocumentAskForAccesses.SingleOrDefaultAsync(r => r.DocumentId == id && r.UserId == userId, context.RequestAborted);
        if (existing is not null)
        {
            existing.Role = role;
            await db.SaveChangesAsync(context.RequestAborted);
            return TypedResults.Accepted((string?)null);
        }
        var ask = new DocumentAskForAccess { DocumentId = id, UserId = userId, Role = role, CreatedAt = time.GetUtcNow() };
        db.DocumentAskForAccesses.Add(ask);
        await db.SaveChangesAsync(context.RequestAborted);
        jobs.Enqueue<IMailJobs>(mail => mail.SendAskForAccessAsync(ask.Id, CancellationToken.None));
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Ok<List<AskForAccessResponse>>> ListAsync(HttpContext context, CurrentDocument current, DocsDbContext db)
    {
        var id = current.Id;
        var rows = await db.DocumentAskForAccesses.AsNoTracking().Where(r => r.DocumentId == id)
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { Request = r, User = u })
            .OrderBy(r => r.Request.CreatedAt).ToListAsync(context.RequestAborted);
        return TypedResults.Ok(rows.Select(r => new AskForAccessResponse(r.Request.Id, id, AccessUser.From(r.User), r.Request.Role, r.Request.CreatedAt)).ToList());
    }

    private static async Task<Results<NoContent, NotFoundProblem, ForbiddenProblem, FieldsProblem>> AcceptAsync(HttpContext context, CurrentDocument current,
        DocsDbContext db, CollaborationNotifier collaboration, IBackgroundJobClient jobs, TimeProvider time, Guid requestId, AcceptAskForAccessRequest? body)
    {
        var id = current.Id;
        var ask = await db.DocumentAskForAccesses.SingleOrDefaultAsync(r => r.Id == requestId && r.DocumentId == id, context.RequestAborted);
        if (ask is null)
        {
            return Problems.NotFound();
        }
        var role = ask.Role;
        if (body?.Role is not null && !EnumNames.TryParse(body.Role, out role))
        {
            return Problems.Validation(RoleField.Name, EnumNames.OneOf<Role>());
        }
        if (!AccessRules.AssignableRoles(current.Abilities).Contains(role))
        {
            return Problems.Forbidden("Only owners can grant the owner role.");
        }
        var access = await db.DocumentAccesses.SingleOrDefaultAsync(a => a.DocumentId == id && a.UserId == ask.UserId, context.RequestAborted);
        var now = time.GetUtcNow();
        if (access is null)
        {
            access = new DocumentAccess { DocumentId = id, UserId = ask.UserId, Role = role, CreatedAt = now, UpdatedAt = now };
            db.DocumentAccesses.Add(access);
        }
        else if (access.Role < role)
        {
            access.Role = role;
            access.UpdatedAt = now;
        }
        db.DocumentAskForAccesses.Remove(ask);
        await db.SaveChangesAsync(context.RequestAborted);
        jobs.Enqueue<IMailJobs>(mail => mail.SendAccessGrantedAsync(access.Id, CancellationToken.None));
        await collaboration.PermissionsChangedAsync(id, ask.UserId);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFoundProblem>> RefuseAsync(HttpContext context, CurrentDocument current, DocsDbContext db, Guid requestId)
    {
        var removed = await db.DocumentAskForAccesses.Where(r => r.Id == requestId && r.DocumentId == current.Id).ExecuteDeleteAsync(context.RequestAborted);
        return removed > 0 ? TypedResults.NoContent() : Problems.NotFound();
    }
}

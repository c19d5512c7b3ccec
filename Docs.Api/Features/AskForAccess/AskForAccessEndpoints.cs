using Docs.Api.Authentication;
using Docs.Api.Features.Accesses;
using Docs.Api.Features.Documents;
using Docs.Api.Infrastructure;
using Docs.Core.Access;
using Docs.Core.Data.Entities;
using Docs.Core.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Features.AskForAccess;

public sealed record AskForAccessRequest(string? Role);

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
        requests.MapPost("/", AskAsync).RequireRateLimiting(RateLimits.AskForAccess);
        requests.MapGet("/", ListAsync);
        requests.MapPost("/{requestId:guid}/accept/", AcceptAsync).RequireRateLimiting(RateLimits.AskForAccess);
        requests.MapDelete("/{requestId:guid}/", RefuseAsync).RequireRateLimiting(RateLimits.AskForAccess);
        return api;
    }

    /// <summary>
    /// Anyone signed in who has the document's id may ask (the link is what they were given); asking again
    /// updates the role. The answer is the same <c>202 Accepted</c>, with no body, whether the document
    /// exists or not: asking is how someone without access reaches a restricted document, so it must
    /// work there, and it must not tell a guessed id from a real one. Only its managers learn of the request.
    /// </summary>
    private static async Task<IResult> AskAsync(HttpContext context, DocumentGate gate, IBackgroundJobClient jobs, Guid id, AskForAccessRequest? request)
    {
        var role = Role.Reader;
        if (request?.Role is not null && !EnumNames.TryParse(request.Role, out role))
        {
            return Problems.Validation("role", "One of reader, commenter, editor, administrator, owner.");
        }
        var userId = context.User.GetUserId()!.Value;
        var document = await gate.Db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.DeletedAt == null && d.AncestorsDeletedAt == null,
            context.RequestAborted);
        if (document is null)
        {
            return Results.Accepted();
        }
        var access = await gate.Resolver.ResolveAsync(document, userId, context.RequestAborted);
        if (access.Context.IsMember && access.Context.ExplicitRoles.Max() >= role)
        {
            // A member sees the document anyway: telling them reveals nothing.
            return Problems.BadRequest("You already have this role on this document.");
        }
        var existing = await gate.Db.DocumentAskForAccesses.SingleOrDefaultAsync(r => r.DocumentId == id && r.UserId == userId, context.RequestAborted);
        if (existing is not null)
        {
            existing.Role = role;
            await gate.Db.SaveChangesAsync(context.RequestAborted);
            return Results.Accepted();
        }
        var ask = new DocumentAskForAccess { DocumentId = id, UserId = userId, Role = role, CreatedAt = gate.Now };
        gate.Db.DocumentAskForAccesses.Add(ask);
        await gate.Db.SaveChangesAsync(context.RequestAborted);
        jobs.Enqueue<IMailJobs>(mail => mail.SendAskForAccessAsync(ask.Id, CancellationToken.None));
        return Results.Accepted();
    }

    private static async Task<IResult> ListAsync(HttpContext context, DocumentGate gate, Guid id)
    {
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.AccessesManage, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        var rows = await gate.Db.DocumentAskForAccesses.AsNoTracking().Where(r => r.DocumentId == id)
            .Join(gate.Db.Users, r => r.UserId, u => u.Id, (r, u) => new { Request = r, User = u })
            .OrderBy(r => r.Request.CreatedAt).ToListAsync(context.RequestAborted);
        return Results.Ok(rows.Select(r => new AskForAccessResponse(r.Request.Id, id, AccessUser.From(r.User), r.Request.Role, r.Request.CreatedAt)).ToList());
    }

    private static async Task<IResult> AcceptAsync(HttpContext context, DocumentGate gate, CollaborationNotifier collaboration, IBackgroundJobClient jobs,
        Guid id, Guid requestId, AcceptAskForAccessRequest? body)
    {
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.AccessesManage, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        var ask = await gate.Db.DocumentAskForAccesses.SingleOrDefaultAsync(r => r.Id == requestId && r.DocumentId == id, context.RequestAborted);
        if (ask is null)
        {
            return Problems.NotFound();
        }
        var role = ask.Role;
        if (body?.Role is not null && !EnumNames.TryParse(body.Role, out role))
        {
            return Problems.Validation("role", "One of reader, commenter, editor, administrator, owner.");
        }
        if (!AccessRules.AssignableRoles(found.Abilities).Contains(role))
        {
            return Problems.Forbidden("Only owners can grant the owner role.");
        }
        var access = await gate.Db.DocumentAccesses.SingleOrDefaultAsync(a => a.DocumentId == id && a.UserId == ask.UserId, context.RequestAborted);
        if (access is null)
        {
            access = new DocumentAccess { DocumentId = id, UserId = ask.UserId, Role = role, CreatedAt = gate.Now, UpdatedAt = gate.Now };
            gate.Db.DocumentAccesses.Add(access);
        }
        else if (access.Role < role)
        {
            access.Role = role;
            access.UpdatedAt = gate.Now;
        }
        gate.Db.DocumentAskForAccesses.Remove(ask);
        await gate.Db.SaveChangesAsync(context.RequestAborted);
        jobs.Enqueue<IMailJobs>(mail => mail.SendAccessGrantedAsync(access.Id, CancellationToken.None));
        await collaboration.PermissionsChangedAsync(id, ask.UserId);
        return Results.NoContent();
    }

    private static async Task<IResult> RefuseAsync(HttpContext context, DocumentGate gate, Guid id, Guid requestId)
    {
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.AccessesManage, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        var removed = await gate.Db.DocumentAskForAccesses.Where(r => r.Id == requestId && r.DocumentId == id).ExecuteDeleteAsync(context.RequestAborted);
        return removed > 0 ? Results.NoContent() : Problems.NotFound();
    }
}

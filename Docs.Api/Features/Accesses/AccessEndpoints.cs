using Docs.Api.Features.Documents;
using Docs.Api.Infrastructure;
using Docs.Core.Access;
using Docs.Core.Data.Entities;
using Docs.Core.Documents;
using Docs.Core.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Features.Accesses;

/// <summary>
/// <c>documents/{id}/accesses/</c>: members see the accesses; administrators and owners manage them;
/// only owners grant or remove the owner role; the last owner can neither leave nor be demoted.
/// </summary>
public static class AccessEndpoints
{
    public static RouteGroupBuilder MapAccessEndpoints(this RouteGroupBuilder api)
    {
        var accesses = api.MapGroup("/documents/{id:guid}/accesses").WithTags("Accesses").RequireAuthorization();
        accesses.MapGet("/", ListAsync);
        accesses.MapPost("/", CreateAsync).RequireRateLimiting(RateLimits.Accesses);
        accesses.MapGet("/{accessId:guid}/", RetrieveAsync);
        accesses.MapPut("/{accessId:guid}/", UpdateAsync).RequireRateLimiting(RateLimits.Accesses);
        accesses.MapPatch("/{accessId:guid}/", UpdateAsync).RequireRateLimiting(RateLimits.Accesses);
        accesses.MapDelete("/{accessId:guid}/", DeleteAsync).RequireRateLimiting(RateLimits.Accesses);
        return api;
    }

    /// <summary>The accesses of the document and of its ancestors (which also apply to it).</summary>
    private static async Task<IResult> ListAsync(HttpContext context, DocumentGate gate, Guid id)
    {
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.AccessesView, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        var chain = TreePath.SelfAndAncestors(found.Document.Path);
        var rows = await gate.Db.DocumentAccesses.AsNoTracking().Where(a => chain.Contains(a.Document!.Path))
            .Select(a => new { Access = a, a.User, a.Document!.Path }).ToListAsync(context.RequestAborted);
        return Results.Ok(rows.OrderBy(r => r.Path.Length).ThenByDescending(r => r.Access.Role).ThenBy(r => r.User!.Email)
            .Select(r => AccessResponse.From(r.Access, r.User!, id, found.Abilities)).ToList());
    }

    private static async Task<IResult> RetrieveAsync(HttpContext context, DocumentGate gate, Guid id, Guid accessId)
    {
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.AccessesView, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        var access = await gate.Db.DocumentAccesses.AsNoTracking().Include(a => a.User)
            .SingleOrDefaultAsync(a => a.Id == accessId && a.DocumentId == id, context.RequestAborted);
        return access is null ? Problems.NotFound() : Results.Ok(AccessResponse.From(access, access.User!, id, found.Abilities));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, DocumentGate gate, CollaborationNotifier collaboration,
        IBackgroundJobClient jobs, Guid id, CreateAccessRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.UserId is null)
        {
            errors["user_id"] = ["Required."];
        }
        if (!EnumNames.TryParse<Role>(request.Role, out var role))
        {
            errors["role"] = ["One of reader, commenter, editor, administrator, owner."];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.AccessesManage, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        if (!AccessRules.AssignableRoles(found.Abilities).Contains(role))
        {
            return Problems.Forbidden("Only owners can grant the owner role.");
        }
        var user = await gate.Db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.UserId && u.IsActive, context.RequestAborted);
        if (user is null)
        {
            return Problems.Validation("user_id", "No such user.");
        }
        if (await gate.Db.DocumentAccesses.AnyAsync(a => a.DocumentId == id && a.UserId == user.Id, context.RequestAborted))
        {
            return Problems.Validation("user_id", "This user already has an access to this document: change its role instead.");
        }
        var access = new DocumentAccess { DocumentId = id, UserId = user.Id, Role = role, CreatedAt = gate.Now, UpdatedAt = gate.Now };
        gate.Db.DocumentAccesses.Add(access);
        await gate.Db.SaveChangesAsync(context.RequestAborted);
        jobs.Enqueue<IMailJobs>(mail => mail.SendAccessGrantedAsync(access.Id, CancellationToken.None));
        await collaboration.PermissionsChangedAsync(id, user.Id);
        return Results.Created($"/api/v1.0/documents/{id}/accesses/{access.Id}/", AccessResponse.From(access, user, id, found.Abilities));
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, DocumentGate gate, CollaborationNotifier collaboration, Guid id, Guid accessId,
        UpdateAccessRequest request)
    {
        if (!EnumNames.TryParse<Role>(request.Role, out var role))
        {
            return Problems.Validation("role", "One of reader, commenter, editor, administrator, owner.");
        }
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.AccessesManage, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        var access = await gate.Db.DocumentAccesses.Include(a => a.User).SingleOrDefaultAsync(a => a.Id == accessId && a.DocumentId == id, context.RequestAborted);
        if (access is null)
        {
            return Problems.NotFound();
        }
        if (!AccessRules.CanTouch(found.Abilities, access.Role) || !AccessRules.AssignableRoles(found.Abilities).Contains(role))
        {
            return Problems.Forbidden("Only owners can give or take the owner role.");
        }
        if (access.Role == Role.Owner && role != Role.Owner && await AccessRules.IsLastOwnerAsync(gate, found.Document, access.Id, context.RequestAborted))
        {
            return Problems.Validation("role", "This is the last owner of the document: make someone else owner first.");
        }
        access.Role = role;
        access.UpdatedAt = gate.Now;
        await gate.Db.SaveChangesAsync(context.RequestAborted);
        await collaboration.PermissionsChangedAsync(id, access.UserId);
        return Results.Ok(AccessResponse.From(access, access.User!, id, found.Abilities));
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, DocumentGate gate, CollaborationNotifier collaboration, Guid id, Guid accessId)
    {
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.AccessesManage, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        var access = await gate.Db.DocumentAccesses.SingleOrDefaultAsync(a => a.Id == accessId && a.DocumentId == id, context.RequestAborted);
        if (access is null)
        {
            return Problems.NotFound();
        }
        if (!AccessRules.CanTouch(found.Abilities, access.Role))
        {
            return Problems.Forbidden("Only owners can remove an owner.");
        }
        if (access.Role == Role.Owner && await AccessRules.IsLastOwnerAsync(gate, found.Document, access.Id, context.RequestAborted))
        {
            return Problems.BadRequest("This is the last owner of the document: make someone else owner first.");
        }
        gate.Db.DocumentAccesses.Remove(access);
        await gate.Db.SaveChangesAsync(context.RequestAborted);
        await collaboration.PermissionsChangedAsync(id, access.UserId);
        return Results.NoContent();
    }
}

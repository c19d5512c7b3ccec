using Docs.Api.Features.Documents;
using Docs.Api.Infrastructure;
using Docs.Core.Access;
using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Docs.Core.Documents;
using Docs.Core.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
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
        var (members, managers) = api.MapSharingGroups("accesses", "Accesses", RateLimits.Accesses);
        members.MapGet("/", ListAsync)
            .WithName("ListAccesses").WithSummary("The accesses of the document and of its ancestors (which also apply to it).");
        members.MapGet("/{accessId:guid}/", RetrieveAsync)
            .WithName("GetAccess").WithSummary("One access of the document.");
        managers.MapPost("/", CreateAsync)
            .WithName("CreateAccess").WithSummary("Gives a user a role on the document; they are mailed.");
        managers.MapPut("/{accessId:guid}/", UpdateAsync)
            .WithName("ReplaceAccess").WithSummary("Sets an access's role (PUT).");
        managers.MapPatch("/{accessId:guid}/", UpdateAsync)
            .WithName("UpdateAccess").WithSummary("Sets an access's role (PATCH).");
        managers.MapDelete("/{accessId:guid}/", DeleteAsync)
            .WithName("DeleteAccess").WithSummary("Removes an access; never the last owner's.");
        return api;
    }

    private static async Task<Ok<List<AccessResponse>>> ListAsync(HttpContext context, CurrentDocument current, DocsDbContext db)
    {
        var chain = TreePath.SelfAndAncestors(current.Document.Path);
        var rows = await db.DocumentAccesses.AsNoTracking().Where(a => chain.Contains(a.Document!.Path))
            .Select(a => new { Access = a, a.User, a.Document!.Path }).ToListAsync(context.RequestAborted);
        return TypedResults.Ok(rows.OrderBy(r => r.Path.Length).ThenByDescending(r => r.Access.Role).ThenBy(r => r.User!.Email)
            .Select(r => AccessResponse.From(r.Access, r.User!, current.Id, current.Abilities)).ToList());
    }

    private static async Task<Results<Ok<AccessResponse>, NotFoundProblem>> RetrieveAsync(HttpContext context, CurrentDocument current, DocsDbContext db,
        Guid accessId)
    {
        var access = await db.DocumentAccesses.AsNoTracking().Include(a => a.User)
            .SingleOrDefaultAsync(a => a.Id == accessId && a.DocumentId == current.Id, context.RequestAborted);
        return access is null ? Problems.NotFound() : TypedResults.Ok(AccessResponse.From(access, access.User!, current.Id, current.Abilities));
    }

    private static async Task<Results<Created<AccessResponse>, ForbiddenProblem, FieldsProblem>> CreateAsync(HttpContext context, CurrentDocument current,
        DocsDbContext db, CollaborationNotifier collaboration, IBackgroundJobClient jobs, TimeProvider time, CreateAccessRequest request)
    {
        var role = request.ParsedRole;
        var id = current.Id;
        if (!AccessRules.AssignableRoles(current.Abilities).Contains(role))
        {
            return Problems.Forbidden("Only owners can grant the owner role.");
        }
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.UserId && u.IsActive, context.RequestAborted);
        if (user is null)
        {
            return Problems.Validation("user_id", "No such user.");
        }
        if (await db.DocumentAccesses.AnyAsync(a => a.DocumentId == id && a.UserId == user.Id, context.RequestAborted))
        {
            return Problems.Validation("user_id", "This user already has an access to this document: change its role instead.");
        }
        var now = time.GetUtcNow();
        var access = new DocumentAccess { DocumentId = id, UserId = user.Id, Role = role, CreatedAt = now, UpdatedAt = now };
        db.DocumentAccesses.Add(access);
        await db.SaveChangesAsync(context.RequestAborted);
        jobs.Enqueue<IMailJobs>(mail => mail.SendAccessGrantedAsync(access.Id, CancellationToken.None));
        await collaboration.PermissionsChangedAsync(id, user.Id);
        return TypedResults.Created($"/api/v1.0/documents/{id}/accesses/{access.Id}/", AccessResponse.From(access, user, id, current.Abilities));
    }

    private static async Task<Results<Ok<AccessResponse>, NotFoundProblem, ForbiddenProblem, FieldsProblem>> UpdateAsync(HttpContext context,
        CurrentDocument current, DocsDbContext db, CollaborationNotifier collaboration, TimeProvider time, Guid accessId, ChangeRoleRequest request)
    {
        var role = request.ParsedRole;
        var access = await db.DocumentAccesses.Include(a => a.User).SingleOrDefaultAsync(a => a.Id == accessId && a.DocumentId == current.Id, context.RequestAborted);
        if (access is null)
        {
            return Problems.NotFound();
        }
        if (!AccessRules.CanChange(current.Abilities, access.Role, role))
        {
            return Problems.Forbidden("Only owners can give or take the owner role.");
        }
        if (access.Role == Role.Owner && role != Role.Owner && await AccessRules.IsLastOwnerAsync(db, current.Document, access.Id, context.RequestAborted))
        {
            return Problems.Validation(RoleField.Name, "This is the last owner of the document: make someone else owner first.");
        }
        access.Role = role;
        access.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(context.RequestAborted);
        await collaboration.PermissionsChangedAsync(current.Id, access.UserId);
        return TypedResults.Ok(AccessResponse.From(access, access.User!, current.Id, current.Abilities));
    }

    private static async Task<Results<NoContent, NotFoundProblem, ForbiddenProblem, BadRequestProblem>> DeleteAsync(HttpContext context,
        CurrentDocument current, DocsDbContext db, CollaborationNotifier collaboration, Guid accessId)
    {
        var access = await db.DocumentAccesses.SingleOrDefaultAsync(a => a.Id == accessId && a.DocumentId == current.Id, context.RequestAborted);
        if (access is null)
        {
            return Problems.NotFound();
        }
        if (!AccessRules.CanTouch(current.Abilities, access.Role))
        {
            return Problems.Forbidden("Only owners can remove an owner.");
        }
        if (access.Role == Role.Owner && await AccessRules.IsLastOwnerAsync(db, current.Document, access.Id, context.RequestAborted))
        {
            return Problems.BadRequest("This is the last owner of the document: make someone else owner first.");
        }
        db.DocumentAccesses.Remove(access);
        await db.SaveChangesAsync(context.RequestAborted);
        await collaboration.PermissionsChangedAsync(current.Id, access.UserId);
        return TypedResults.NoContent();
    }
}

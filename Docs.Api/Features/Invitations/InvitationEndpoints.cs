using System.Net.Mail;
using System.Text.Json.Serialization;
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

namespace Docs.Api.Features.Invitations;

public sealed record InvitationResponse(Guid Id, Guid DocumentId, string Email, Role Role, Guid? Issuer, DateTimeOffset CreatedAt, bool IsExpired)
{
    public static InvitationResponse From(Invitation invitation, DateTimeOffset now) => new(invitation.Id, invitation.DocumentId, invitation.Email,
        invitation.Role, invitation.IssuerId, invitation.CreatedAt, now - invitation.CreatedAt > Invitation.Validity);
}

public sealed record CreateInvitationRequest(string? Email, string? Role) : IValidatedRequest
{
    /// <summary>Email addresses are compared in lower case.</summary>
    [JsonIgnore]
    public string? NormalizedEmail => Email?.Trim().ToLowerInvariant();

    [JsonIgnore]
    public Role ParsedRole => EnumNames.Parse<Role>(Role);

    public TypedProblem? Validate()
    {
        var errors = new Dictionary<string, string[]>();
        var email = NormalizedEmail;
        if (string.IsNullOrEmpty(email) || email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            errors["email"] = ["A valid email address."];
        }
        RoleField.Check(Role, errors);
        return errors.Count > 0 ? Problems.Validation(errors) : null;
    }
}

/// <summary>
/// <c>documents/{id}/invitations/</c>: invite people who have no account yet, by email; the invitation
/// becomes an access when that email first signs in (valid 7 days).
/// </summary>
public static class InvitationEndpoints
{
    public static RouteGroupBuilder MapInvitationEndpoints(this RouteGroupBuilder api)
    {
        var (members, managers) = api.MapSharingGroups("invitations", "Invitations", RateLimits.Invitations);
        members.MapGet("/", ListAsync).WithName("ListInvitations").WithSummary("The document's invitations, oldest first.");
        members.MapGet("/{invitationId:guid}/", RetrieveAsync).WithName("GetInvitation").WithSummary("One invitation of the document.");
        managers.MapPost("/", CreateAsync).WithName("CreateInvitation").WithSummary("Invites an email address without an account; it is mailed.");
        managers.MapPut("/{invitationId:guid}/", UpdateAsync).WithName("ReplaceInvitation").WithSummary("Changes the role an invitation offers (PUT).");
        managers.MapPatch("/{invitationId:guid}/", UpdateAsync).WithName("UpdateInvitation").WithSummary("Changes the role an invitation offers (PATCH).");
        managers.MapDelete("/{invitationId:guid}/", DeleteAsync).WithName("DeleteInvitation").WithSummary("Withdraws an invitation.");
        return api;
    }

    private static async Task<Ok<List<InvitationResponse>>> ListAsync(HttpContext context, CurrentDocument current, DocsDbContext db, TimeProvider time)
    {
        var invitations = await db.Invitations.AsNoTracking().Where(i => i.DocumentId == current.Id).OrderBy(i => i.CreatedAt).ToListAsync(context.RequestAborted);
        return TypedResults.Ok(invitations.Select(i => InvitationResponse.From(i, time.GetUtcNow())).ToList());
    }

    private static async Task<Results<Ok<InvitationResponse>, NotFoundProblem>> RetrieveAsync(HttpContext context, CurrentDocument current, DocsDbContext db,
        TimeProvider time, Guid invitationId)
    {
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invitationId && i.DocumentId == current.Id, context.RequestAborted);
        return invitation is null ? Problems.NotFound() : TypedResults.Ok(InvitationResponse.From(invitation, time.GetUtcNow()));
    }

    private static async Task<Results<Created<InvitationResponse>, ForbiddenProblem, FieldsProblem>> CreateAsync(HttpContext context, CurrentDocument current,
        DocsDbContext db, IBackgroundJobClient jobs, TimeProvider time, CreateInvitationRequest request)
    {
        var email = request.NormalizedEmail!;
        var role = request.ParsedRole;
        var id = current.Id;
        if (!AccessRules.AssignableRoles(current.Abilities).Contains(role))
        {
            return Problems.Forbidden("Only owners can invite owners.");
        }
        if (await db.Users.AnyAsync(u => u.Email == email, context.RequestAborted))
        {
            return Problems.Validation("email", "This email belongs to a user of Docs: give them an access instead.");
        }
        var now = time.GetUtcNow();
        var since = now - Invitation.Validity;
        if (await db.Invitations.AnyAsync(i => i.DocumentId == id && i.Email == email && i.CreatedAt > since, context.RequestAborted))
        {
            return Problems.Validation("email", "This email is already invited to this document.");
        }
        var invitation = new Invitation { DocumentId = id, Email = email, Role = role, IssuerId = current.UserId, CreatedAt = now };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(context.RequestAborted);
        jobs.Enqueue<IMailJobs>(mail => mail.SendInvitationAsync(invitation.Id, CancellationToken.None));
        return TypedResults.Created($"/api/v1.0/documents/{id}/invitations/{invitation.Id}/", InvitationResponse.From(invitation, now));
    }

    private static async Task<Results<Ok<InvitationResponse>, NotFoundProblem, ForbiddenProblem>> UpdateAsync(HttpContext context, CurrentDocument current,
        DocsDbContext db, TimeProvider time, Guid invitationId, ChangeRoleRequest request)
    {
        var role = request.ParsedRole;
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.DocumentId == current.Id, context.RequestAborted);
        if (invitation is null)
        {
            return Problems.NotFound();
        }
        if (!AccessRules.CanChange(current.Abilities, invitation.Role, role))
        {
            return Problems.Forbidden("Only owners can give or take the owner role.");
        }
        invitation.Role = role;
        await db.SaveChangesAsync(context.RequestAborted);
        return TypedResults.Ok(InvitationResponse.From(invitation, time.GetUtcNow()));
    }

    private static async Task<Results<NoContent, NotFoundProblem, ForbiddenProblem>> DeleteAsync(HttpContext context, CurrentDocument current,
        DocsDbContext db, Guid invitationId)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.DocumentId == current.Id, context.RequestAborted);
        if (invitation is null)
        {
            return Problems.NotFound();
        }
        if (!AccessRules.CanTouch(current.Abilities, invitation.Role))
        {
            return Problems.Forbidden("Only owners can withdraw an owner invitation.");
        }
        db.Invitations.Remove(invitation);
        await db.SaveChangesAsync(context.RequestAborted);
        return TypedResults.NoContent();
    }
}

using System.Net.Mail;
using Docs.Api.Features.Accesses;
using Docs.Api.Features.Documents;
using Docs.Api.Infrastructure;
using Docs.Core.Access;
using Docs.Core.Data.Entities;
using Docs.Core.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Features.Invitations;

public sealed record InvitationResponse(Guid Id, Guid DocumentId, string Email, Role Role, Guid? Issuer, DateTimeOffset CreatedAt, bool IsExpired)
{
    public static InvitationResponse From(Invitation invitation, DateTimeOffset now) => new(invitation.Id, invitation.DocumentId, invitation.Email,
        invitation.Role, invitation.IssuerId, invitation.CreatedAt, now - invitation.CreatedAt > Invitation.Validity);
}

public sealed record CreateInvitationRequest(string? Email, string? Role);

public sealed record UpdateInvitationRequest(string? Role);

/// <summary>
/// <c>documents/{id}/invitations/</c>: invite people who have no account yet, by email; the invitation
/// becomes an access when that email first signs in (valid 7 days).
/// </summary>
public static class InvitationEndpoints
{
    public static RouteGroupBuilder MapInvitationEndpoints(this RouteGroupBuilder api)
    {
        var invitations = api.MapGroup("/documents/{id:guid}/invitations").WithTags("Invitations").RequireAuthorization();
        invitations.MapGet("/", ListAsync);
        invitations.MapPost("/", CreateAsync).RequireRateLimiting(RateLimits.Invitations);
        invitations.MapGet("/{invitationId:guid}/", RetrieveAsync);
        invitations.MapPut("/{invitationId:guid}/", UpdateAsync).RequireRateLimiting(RateLimits.Invitations);
        invitations.MapPatch("/{invitationId:guid}/", UpdateAsync).RequireRateLimiting(RateLimits.Invitations);
        invitations.MapDelete("/{invitationId:guid}/", DeleteAsync).RequireRateLimiting(RateLimits.Invitations);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext context, DocumentGate gate, Guid id)
    {
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.AccessesView, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        var invitations = await gate.Db.Invitations.AsNoTracking().Where(i => i.DocumentId == id).OrderBy(i => i.CreatedAt).ToListAsync(context.RequestAborted);
        return Results.Ok(invitations.Select(i => InvitationResponse.From(i, gate.Now)).ToList());
    }

    private static async Task<IResult> RetrieveAsync(HttpContext context, DocumentGate gate, Guid id, Guid invitationId)
    {
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.AccessesView, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        var invitation = await gate.Db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invitationId && i.DocumentId == id, context.RequestAborted);
        return invitation is null ? Problems.NotFound() : Results.Ok(InvitationResponse.From(invitation, gate.Now));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, DocumentGate gate, IBackgroundJobClient jobs, Guid id, CreateInvitationRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var email = request.Email?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(email) || email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            errors["email"] = ["A valid email address."];
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
            return Problems.Forbidden("Only owners can invite owners.");
        }
        if (await gate.Db.Users.AnyAsync(u => u.Email == email, context.RequestAborted))
        {
            return Problems.Validation("email", "This email belongs to a user of Docs: give them an access instead.");
        }
        var since = gate.Now - Invitation.Validity;
        if (await gate.Db.Invitations.AnyAsync(i => i.DocumentId == id && i.Email == email && i.CreatedAt > since, context.RequestAborted))
        {
            return Problems.Validation("email", "This email is already invited to this document.");
        }
        var invitation = new Invitation { DocumentId = id, Email = email!, Role = role, IssuerId = found.UserId, CreatedAt = gate.Now };
        gate.Db.Invitations.Add(invitation);
        await gate.Db.SaveChangesAsync(context.RequestAborted);
        jobs.Enqueue<IMailJobs>(mail => mail.SendInvitationAsync(invitation.Id, CancellationToken.None));
        return Results.Created($"/api/v1.0/documents/{id}/invitations/{invitation.Id}/", InvitationResponse.From(invitation, gate.Now));
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, DocumentGate gate, Guid id, Guid invitationId, UpdateInvitationRequest request)
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
        var invitation = await gate.Db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.DocumentId == id, context.RequestAborted);
        if (invitation is null)
        {
            return Problems.NotFound();
        }
        if (!AccessRules.CanTouch(found.Abilities, invitation.Role) || !AccessRules.AssignableRoles(found.Abilities).Contains(role))
        {
            return Problems.Forbidden("Only owners can give or take the owner role.");
        }
        invitation.Role = role;
        await gate.Db.SaveChangesAsync(context.RequestAborted);
        return Results.Ok(InvitationResponse.From(invitation, gate.Now));
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, DocumentGate gate, Guid id, Guid invitationId)
    {
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.AccessesManage, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        var invitation = await gate.Db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.DocumentId == id, context.RequestAborted);
        if (invitation is null)
        {
            return Problems.NotFound();
        }
        if (!AccessRules.CanTouch(found.Abilities, invitation.Role))
        {
            return Problems.Forbidden("Only owners can withdraw an owner invitation.");
        }
        gate.Db.Invitations.Remove(invitation);
        await gate.Db.SaveChangesAsync(context.RequestAborted);
        return Results.NoContent();
    }
}

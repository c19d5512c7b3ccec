using System.Net;
using Docs.Core.Access;
using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Docs.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Docs.Worker.Mail;

/// <summary>
/// The messages of <see cref="IMailJobs"/>. Each reads the current data: a withdrawn invitation or
/// removed access sends nothing. A failure throws, so Hangfire retries with backoff.
/// </summary>
public sealed class MailJobs(DocsDbContext db, MailSender sender, IOptions<MailOptions> options, ILogger<MailJobs> logger) : IMailJobs
{
    public async Task SendInvitationAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.AsNoTracking().Include(i => i.Document).SingleOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
        if (invitation?.Document is null)
        {
            logger.LogInformation("Invitation {Id} is gone; nothing to send", invitationId);
            return;
        }
        var issuer = await NameOfAsync(invitation.IssuerId, cancellationToken);
        await SendAsync(invitation.Email, $"{issuer} invited you to \"{Title(invitation.Document)}\"",
            $"{issuer} invited you to the document \"{Title(invitation.Document)}\" on Docs, as {RoleName(invitation.Role)}.",
            "Sign in with this email address to open it. The invitation is valid for 7 days.",
            invitation.Document, cancellationToken);
    }

    public async Task SendAccessGrantedAsync(Guid accessId, CancellationToken cancellationToken)
    {
        var access = await db.DocumentAccesses.AsNoTracking().Include(a => a.Document).Include(a => a.User)
            .SingleOrDefaultAsync(a => a.Id == accessId, cancellationToken);
        if (access?.Document is null || access.User?.Email is null)
        {
            logger.LogInformation("Access {Id} is gone or its user has no email; nothing to send", accessId);
            return;
        }
        await SendAsync(access.User.Email, $"You can now open \"{Title(access.Document)}\"",
            $"You were given access to the document \"{Title(access.Document)}\" on Docs, as {RoleName(access.Role)}.",
            null, access.Document, cancellationToken);
    }

    public async Task SendAskForAccessAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var request = await db.DocumentAskForAccesses.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        var document = request is null ? null : await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == request.DocumentId, cancellationToken);
        if (request is null || document is null)
        {
            logger.LogInformation("Access request {Id} is gone; nothing to send", requestId);
            return;
        }
        var asker = await NameOfAsync(request.UserId, cancellationToken);
        // Owners and administrators of the document itself or of an ancestor.
        var chain = Docs.Core.Documents.TreePath.SelfAndAncestors(document.Path);
        var managers = await db.DocumentAccesses.AsNoTracking()
            .Where(a => a.Role >= Role.Administrator && chain.Contains(a.Document!.Path) && a.User!.Email != null && a.User.IsActive)
            .Select(a => a.User!.Email!).Distinct().ToListAsync(cancellationToken);
        foreach (var email in managers)
        {
            await SendAsync(email, $"{asker} asks for access to \"{Title(document)}\"",
                $"{asker} asks to be {RoleName(request.Role)} of the document \"{Title(document)}\".",
                "Open the document's sharing settings to accept or refuse.", document, cancellationToken);
        }
    }

    private async Task SendAsync(string to, string subject, string lead, string? detail, Document document, CancellationToken cancellationToken)
    {
        var link = new Uri(options.Value.SiteUrl, $"/docs/{document.Id}/");
        var text = $"{lead}\n\n{(detail is null ? "" : detail + "\n\n")}Open it: {link}\n\n— Docs";
        var html = $"""
            <p>{WebUtility.HtmlEncode(lead)}</p>
            {(detail is null ? "" : $"<p>{WebUtility.HtmlEncode(detail)}</p>")}
            <p><a href="{WebUtility.HtmlEncode(link.ToString())}">Open the document</a></p>
            <p>— Docs</p>
            """;
        var message = new MimeMessage { Subject = subject };
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        await sender.SendAsync(message, cancellationToken);
    }

    private async Task<string> NameOfAsync(Guid? userId, CancellationToken cancellationToken)
    {
        if (userId is null)
        {
            return "Someone";
        }
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.FullName, u.Email }).SingleOrDefaultAsync(cancellationToken);
        return user?.FullName ?? user?.Email ?? "Someone";
    }

    private static string Title(Document document) => string.IsNullOrWhiteSpace(document.Title) ? "Untitled document" : document.Title;

    private static string RoleName(Role role) => role.ToString().ToLowerInvariant();
}

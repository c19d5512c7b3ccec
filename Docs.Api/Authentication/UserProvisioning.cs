using System.Security.Claims;
using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Docs.Api.Authentication;

/// <summary>
/// Just-in-time provisioning: the first valid token of a person creates their user; later tokens update
/// email and names when the provider's differ. The users table is touched only when the claims change
/// (a cache remembers what was last written), so the cost per request is a dictionary lookup.
/// </summary>
public sealed class UserProvisioning(DocsDbContext db, IMemoryCache cache, IOptions<IdentitySettings> settings, TimeProvider time)
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(10);

    public sealed record ProvisionedUser(Guid Id, bool IsActive);

    public async Task<ProvisionedUser> EnsureUserAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var claims = UserClaims.From(principal);
        if (cache.TryGetValue(claims, out ProvisionedUser? known) && known is not null)
        {
            return known;
        }
        ProvisionedUser provisioned;
        try
        {
            provisioned = await WriteAsync(claims, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two first requests of the same person at once: the other one created the user.
            db.ChangeTracker.Clear();
            provisioned = await WriteAsync(claims, cancellationToken);
        }
        cache.Set(claims, provisioned, Remember);
        return provisioned;
    }

    private async Task<ProvisionedUser> WriteAsync(UserClaims claims, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Sub == claims.Subject, cancellationToken);
        if (user is null && settings.Value.MatchUsersByEmail && claims.Email is not null)
        {
            user = await db.Users.Where(u => u.Email == claims.Email).OrderBy(u => u.CreatedAt).FirstOrDefaultAsync(cancellationToken);
            user?.Sub = claims.Subject;
        }
        var now = time.GetUtcNow();
        var emailChanged = false;
        if (user is null)
        {
            user = new User { Sub = claims.Subject, CreatedAt = now };
            db.Users.Add(user);
            emailChanged = claims.Email is not null;
        }
        else
        {
            emailChanged = claims.Email is not null && claims.Email != user.Email;
        }
        var (email, fullName, shortName) = (claims.Email ?? user.Email, claims.FullName ?? user.FullName, claims.ShortName ?? user.ShortName);
        if (email != user.Email || fullName != user.FullName || shortName != user.ShortName)
        {
            (user.Email, user.FullName, user.ShortName, user.UpdatedAt) = (email, fullName, shortName, now);
        }
        if (emailChanged)
        {
            await ConvertInvitationsAsync(user, now, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return new ProvisionedUser(user.Id, user.IsActive);
    }

    /// <summary>Invitations sent to this email become accesses, unless expired or the person already has one.</summary>
    private async Task ConvertInvitationsAsync(User user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var validSince = now - Invitation.Validity;
        var invitations = await db.Invitations.Where(i => i.Email == user.Email && i.CreatedAt > validSince).ToListAsync(cancellationToken);
        if (invitations.Count == 0)
        {
            return;
        }
        var documentIds = invitations.Select(i => i.DocumentId).ToList();
        var existing = await db.DocumentAccesses.Where(a => a.UserId == user.Id && documentIds.Contains(a.DocumentId))
            .Select(a => a.DocumentId).ToListAsync(cancellationToken);
        foreach (var invitation in invitations)
        {
            if (!existing.Contains(invitation.DocumentId))
            {
                db.DocumentAccesses.Add(new DocumentAccess { DocumentId = invitation.DocumentId, User = user, Role = invitation.Role, CreatedAt = now, UpdatedAt = now });
                existing.Add(invitation.DocumentId);
            }
            db.Invitations.Remove(invitation);
        }
    }

    /// <summary>What a token says of its person; the cache key, so any change is written.</summary>
    private sealed record UserClaims(string Subject, string? Email, string? FullName, string? ShortName)
    {
        public static UserClaims From(ClaimsPrincipal principal)
        {
            var subject = principal.FindFirstValue(DocsClaims.Subject)
                ?? throw new InvalidOperationException("The token has no 'sub' claim.");
            var given = Clean(principal.FindFirstValue(DocsClaims.GivenName));
            var family = Clean(principal.FindFirstValue(DocsClaims.FamilyName));
            var fullName = Clean(principal.FindFirstValue(DocsClaims.Name))
                ?? Clean(string.Join(' ', new[] { given, family }.Where(p => p is not null)));
            var email = Clean(principal.FindFirstValue(DocsClaims.Email))?.ToLowerInvariant();
            return new UserClaims(subject, email, fullName, given ?? fullName?.Split(' ')[0]);
        }

        private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}

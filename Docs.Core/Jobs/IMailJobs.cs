namespace Docs.Core.Jobs;

/// <summary>
/// The emails Docs sends, as background jobs: Docs.Api enqueues them (by id, so the job reads the
/// current data), Docs.Worker runs them and retries failures with backoff.
/// </summary>
public interface IMailJobs
{
    /// <summary>"You are invited to a document": to the invitation's email address.</summary>
    Task SendInvitationAsync(Guid invitationId, CancellationToken cancellationToken);

    /// <summary>"You now have access to a document": to the user of the new access.</summary>
    Task SendAccessGrantedAsync(Guid accessId, CancellationToken cancellationToken);

    /// <summary>"Someone asks for access": to the owners and administrators of the document.</summary>
    Task SendAskForAccessAsync(Guid requestId, CancellationToken cancellationToken);
}

/// <summary>Deletes for good the documents whose trash cut-off has passed (a recurring job of Docs.Worker).</summary>
public interface ITrashPurgeJob
{
    Task PurgeAsync(CancellationToken cancellationToken);
}

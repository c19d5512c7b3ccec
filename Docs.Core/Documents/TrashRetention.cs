using Docs.Core.Data.Entities;

namespace Docs.Core.Documents;

/// <summary>
/// How long a trashed document stays restorable: after that it is gone for the API (404) and Docs.Worker
/// purges it. A document counts as trashed from its own deletion or its ancestor's.
/// </summary>
public static class TrashRetention
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(30);

    /// <summary>Documents trashed before this moment are past the retention period.</summary>
    public static DateTimeOffset Cutoff(DateTimeOffset now) => now - Period;

    public static bool IsExpired(Document document, DateTimeOffset now) =>
        (document.DeletedAt ?? document.AncestorsDeletedAt) is { } deletedAt && deletedAt < Cutoff(now);
}

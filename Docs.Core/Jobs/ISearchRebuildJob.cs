namespace Docs.Core.Jobs;

/// <summary>Re-indexes every document for search (after an upgrade, or a change of <c>Search:Language</c>): a job of Docs.Worker.</summary>
public interface ISearchRebuildJob
{
    Task RebuildAsync(CancellationToken cancellationToken);
}

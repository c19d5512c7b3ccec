using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Docs.Core.Documents;

/// <summary>Where a moved document goes, relative to the target.</summary>
public enum MovePosition
{
    FirstChild,
    LastChild,
    FirstSibling,
    LastSibling,
    Left,
    Right,
}

/// <summary>
/// Structural changes of the document tree: creating and moving nodes here, whole subtrees (copy, trash,
/// restore, purge) in DocumentTree.Subtrees.cs. Paths are allocated
/// under a transaction-scoped advisory lock, so concurrent changes never pick the same slot. New nodes
/// start in the middle of a level's number space, so "first" positions take the number before the
/// first sibling and nothing has to shift; only an insertion between two adjacent numbers shifts the
/// siblings to its right.
/// </summary>
public sealed partial class DocumentTree(DocsDbContext db)
{
    /// <summary>"tree" in ASCII: the advisory lock of structural changes.</summary>
    private const long LockKey = 0x74726565;

    /// <summary>The first number used on a level: 36^6, leaving as many free numbers before it as after.</summary>
    public static readonly long Origin = (long)Math.Pow(36, Document.StepLength - 1);

    /// <summary>Runs <paramref name="change"/> in a transaction holding the tree lock (joins the caller's transaction if there is one).</summary>
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> change, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await LockAsync(cancellationToken);
            return await change();
        }
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await LockAsync(cancellationToken);
            var result = await change();
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }

    private Task<int> LockAsync(CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);

    /// <summary>Gives <paramref name="document"/> the last place under <paramref name="parent"/> (or at the root level) and saves it.</summary>
    public Task AddAsync(Document document, Document? parent, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async () =>
        {
            document.Path = TreePath.Child(parent?.Path, await NextLastStepAsync(parent?.Path, cancellationToken));
            document.Depth = TreePath.Depth(document.Path);
            db.Documents.Add(document);
            if (parent is not null)
            {
                await db.Documents.Where(d => d.Id == parent.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.NumChild, d => d.NumChild + 1), cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Moves <paramref name="document"/> and its subtree relative to <paramref name="target"/>. The caller
    /// has checked the rights and that the target is not inside the document's subtree.
    /// </summary>
    public Task MoveAsync(Document document, Document target, MovePosition position, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async () =>
        {
            // Fresh paths: another change may have shifted them since they were read.
            var source = await db.Documents.AsNoTracking().SingleAsync(d => d.Id == document.Id, cancellationToken);
            var anchor = await db.Documents.AsNoTracking().SingleAsync(d => d.Id == target.Id, cancellationToken);
            if (TreePath.IsInSubtreeOf(anchor.Path, source.Path))
            {
                throw new InvalidOperationException("A document cannot move into its own subtree.");
            }
            var isChild = position is MovePosition.FirstChild or MovePosition.LastChild;
            var newParentPath = isChild ? anchor.Path : TreePath.Parent(anchor.Path);
            var oldParentPath = TreePath.Parent(source.Path);

            long step;
            switch (position)
            {
                case MovePosition.LastChild:
                case MovePosition.LastSibling:
                    step = await NextLastStepAsync(newParentPath, cancellationToken);
                    break;
                case MovePosition.FirstChild:
                case MovePosition.FirstSibling:
                    step = await NextFirstStepAsync(newParentPath, cancellationToken);
                    break;
                case MovePosition.Left:
                    step = await StepBeforeAsync(anchor.Path, source.Path, cancellationToken);
                    break;
                default:
                    step = await StepAfterAsync(anchor.Path, source.Path, cancellationToken);
                    break;
            }
            // The source may have been shifted to make room.
            source = await db.Documents.AsNoTracking().SingleAsync(d => d.Id == document.Id, cancellationToken);
            var newPath = TreePath.Child(newParentPath, step);
            if (newPath == source.Path)
            {
                return true;
            }
            await RewritePrefixAsync(source.Path, newPath, cancellationToken);
            if (oldParentPath != newParentPath)
            {
                await AdjustChildCountAsync(oldParentPath, -1, cancellationToken);
                await AdjustChildCountAsync(newParentPath, +1, cancellationToken);
            }
            return true;
        }, cancellationToken);

    /// <summary>The number after the last child of <paramref name="parentPath"/> (root level when null).</summary>
    private async Task<long> NextLastStepAsync(string? parentPath, CancellationToken cancellationToken)
    {
        var last = await LastChildPathAsync(parentPath, descending: true, cancellationToken);
        return last is null ? Origin : TreePath.LastStep(last) + 1;
    }

    private async Task<long> NextFirstStepAsync(string? parentPath, CancellationToken cancellationToken)
    {
        var first = await LastChildPathAsync(parentPath, descending: false, cancellationToken);
        if (first is null)
        {
            return Origin;
        }
        var firstStep = TreePath.LastStep(first);
        if (firstStep > 0)
        {
            return firstStep - 1;
        }
        await ShiftRightFromAsync(parentPath, 0, cancellationToken);
        return 0;
    }

    /// <summary>A free number just before the sibling at <paramref name="siblingPath"/>, shifting it and those after it when none is free.</summary>
    private async Task<long> StepBeforeAsync(string siblingPath, string movingPath, CancellationToken cancellationToken)
    {
        var parentPath = TreePath.Parent(siblingPath);
        var step = TreePath.LastStep(siblingPath);
        var previous = await SiblingPathsAsync(parentPath, before: step, after: null, cancellationToken);
        var previousStep = previous.FirstOrDefault(p => p != movingPath) is { } path ? TreePath.LastStep(path) : -1;
        if (step - previousStep > 1)
        {
            return previousStep + (step - previousStep) / 2;
        }
        await ShiftRightFromAsync(parentPath, step, cancellationToken);
        return step;
    }

    private async Task<long> StepAfterAsync(string siblingPath, string movingPath, CancellationToken cancellationToken)
    {
        var parentPath = TreePath.Parent(siblingPath);
        var step = TreePath.LastStep(siblingPath);
        var next = await SiblingPathsAsync(parentPath, before: null, after: step, cancellationToken);
        var nextPath = next.FirstOrDefault(p => p != movingPath);
        if (nextPath is null)
        {
            return step + 1;
        }
        var nextStep = TreePath.LastStep(nextPath);
        if (nextStep - step > 1)
        {
            return step + (nextStep - step) / 2;
        }
        await ShiftRightFromAsync(parentPath, nextStep, cancellationToken);
        return nextStep;
    }

    /// <summary>Adds one to the number of every sibling from <paramref name="fromStep"/> on, with their subtrees, the last first so no two collide.</summary>
    private async Task ShiftRightFromAsync(string? parentPath, long fromStep, CancellationToken cancellationToken)
    {
        var from = TreePath.Child(parentPath, fromStep);
#pragma warning disable CA1309 // EF Core's spelling of ">=" on text
        var siblings = await ChildrenQuery(parentPath).Where(d => string.Compare(d.Path, from) >= 0)
#pragma warning restore CA1309
            .OrderByDescending(d => d.Path).Select(d => d.Path).ToListAsync(cancellationToken);
        foreach (var path in siblings)
        {
            await RewritePrefixAsync(path, TreePath.Child(parentPath, TreePath.LastStep(path) + 1), cancellationToken);
        }
    }

    // string.Compare is how EF Core writes "<" and ">" on text; under the "C" collation that is byte order.
#pragma warning disable CA1309
    private Task<List<string>> SiblingPathsAsync(string? parentPath, long? before, long? after, CancellationToken cancellationToken)
    {
        var query = ChildrenQuery(parentPath);
        if (before is { } b)
        {
            var bound = TreePath.Child(parentPath, b);
            return query.Where(d => string.Compare(d.Path, bound) < 0).OrderByDescending(d => d.Path).Select(d => d.Path).Take(2).ToListAsync(cancellationToken);
        }
        var lower = TreePath.Child(parentPath, after!.Value);
        return query.Where(d => string.Compare(d.Path, lower) > 0).OrderBy(d => d.Path).Select(d => d.Path).Take(2).ToListAsync(cancellationToken);
    }

#pragma warning restore CA1309

    private Task<string?> LastChildPathAsync(string? parentPath, bool descending, CancellationToken cancellationToken)
    {
        var query = ChildrenQuery(parentPath).Select(d => d.Path);
        return (descending ? query.OrderByDescending(p => p) : query.OrderBy(p => p)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The children of a path (every document, trashed ones included: they keep their place).</summary>
    private IQueryable<Document> ChildrenQuery(string? parentPath) => db.Documents.AsNoTracking().ChildrenOf(parentPath);

    private Task<int> RewritePrefixAsync(string oldPrefix, string newPrefix, CancellationToken cancellationToken)
    {
        var depthDelta = TreePath.Depth(newPrefix) - TreePath.Depth(oldPrefix);
        var oldLength = oldPrefix.Length;
        return db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE documents SET path = {newPrefix} || substr(path, {oldLength + 1}), depth = depth + {depthDelta} WHERE path LIKE {oldPrefix + "%"}",
            cancellationToken);
    }

    private async Task AdjustChildCountAsync(string? parentPath, int delta, CancellationToken cancellationToken)
    {
        if (parentPath is not null)
        {
            await db.Documents.Where(d => d.Path == parentPath)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.NumChild, d => d.NumChild + delta), cancellationToken);
        }
    }
}

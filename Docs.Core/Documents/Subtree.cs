using Docs.Core.Data.Entities;

namespace Docs.Core.Documents;

/// <summary>The documents of a subtree, as queries: the one spelling of "below this path".</summary>
public static class Subtree
{
    /// <summary>The strict descendants of <paramref name="path"/>, trashed ones included.</summary>
    public static IQueryable<Document> DescendantsOf(this IQueryable<Document> documents, string path) =>
        documents.Where(d => d.Path.StartsWith(path) && d.Path != path);

    /// <summary>The children of <paramref name="path"/> (the top level when null), trashed ones included: they keep their place.</summary>
    public static IQueryable<Document> ChildrenOf(this IQueryable<Document> documents, string? path)
    {
        var depth = path is null ? 1 : TreePath.Depth(path) + 1;
        var prefix = path ?? "";
        return documents.Where(d => d.Depth == depth && d.Path.StartsWith(prefix));
    }
}

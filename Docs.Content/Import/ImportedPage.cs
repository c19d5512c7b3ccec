using Docs.Content.Blocks;

namespace Docs.Content.Import;

/// <summary>
/// A page of an imported tree: its title, blocks and sub-pages. Its blocks name the other pages of the
/// import by <c>import-page:{n}</c> (n: <see cref="Index"/>) and the files of the import by
/// <c>import-file:{path}</c>, for the caller to replace once those have addresses of their own.
/// </summary>
public sealed record ImportedPage(int Index, string Title, IReadOnlyList<Block> Blocks, IReadOnlyList<ImportedPage> Children)
{
    public const string PageScheme = "import-page:";
    public const string FileScheme = "import-file:";

    /// <summary>This page and every page below it, parents first.</summary>
    public IEnumerable<ImportedPage> SelfAndDescendants()
    {
        var pending = new Stack<ImportedPage>([this]);
        while (pending.TryPop(out var page))
        {
            yield return page;
            for (var i = page.Children.Count - 1; i >= 0; i--)
            {
                pending.Push(page.Children[i]);
            }
        }
    }
}

/// <summary>What a zip of Markdown files imports as: the top pages (one or more), and the files their blocks name, by zip path.</summary>
public sealed record ImportedTree(IReadOnlyList<ImportedPage> Pages, IReadOnlyDictionary<string, byte[]> Files);

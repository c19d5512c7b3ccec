namespace Docs.Content.Blocks;

/// <summary>
/// Blocks with their addresses changed: the <c>url</c> of media blocks (image, video, audio, file) and the
/// targets of links, in text and in table cells. An export that bundles files uses it to point at the
/// copies it makes (a media folder, the other pages of the export). A function returning null keeps the address.
/// </summary>
public static class BlockUrls
{
    private static readonly HashSet<string> MediaTypes = [BlockTypes.Image, BlockTypes.Video, BlockTypes.Audio, BlockTypes.File];

    public static IReadOnlyList<Block> Rewrite(IReadOnlyList<Block> blocks, Func<string, string?> media, Func<string, string?> link)
    {
        // Iterative over siblings, recursive over children only: depth is bounded by the model's reader.
        var rewritten = new Block[blocks.Count];
        for (var i = 0; i < blocks.Count; i++)
        {
            rewritten[i] = Rewrite(blocks[i], media, link);
        }
        return rewritten;
    }

    private static Block Rewrite(Block block, Func<string, string?> media, Func<string, string?> link)
    {
        var props = block.Props;
        if (MediaTypes.Contains(block.Type) && props.GetString("url") is { Length: > 0 } url && media(url) is { } changed)
        {
            props = props.With("url", changed);
        }
        var content = block.Content switch
        {
            RichText text => new RichText(Links(text.Nodes, link)),
            TableContent table => table with
            {
                Rows = [.. table.Rows.Select(row => new TableRow([.. row.Cells.Select(cell => cell with { Content = Links(cell.Content, link) })]))],
            },
            var other => other,
        };
        var children = block.Children.Count == 0 ? block.Children : Rewrite(block.Children, media, link);
        return block with { Props = props, Content = content, Children = children };
    }

    private static List<InlineNode> Links(IReadOnlyList<InlineNode> nodes, Func<string, string?> link) =>
        [.. nodes.Select(node => node is Link l && link(l.Href) is { } href ? l with { Href = href } : node)];
}

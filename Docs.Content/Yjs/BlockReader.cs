using Docs.Content.Blocks;
using Docs.Yjs;
using Docs.Yjs.Types;

namespace Docs.Content.Yjs;

/// <summary>
/// Reads BlockNote's XML (a <c>blockGroup</c> of <c>blockContainer</c>s, each holding one block's element
/// and, for nested blocks, another <c>blockGroup</c>) into blocks, as BlockNote's <c>nodeToBlock</c> does:
/// props are the schema's defaults overridden by the stored attributes.
/// </summary>
internal static class BlockReader
{
    public const string Group = "blockGroup";
    public const string Container = "blockContainer";

    public static List<Block> ReadFragment(YXmlFragment fragment) =>
        fragment.Length > 0 && fragment.Get(0) is YXmlElement { NodeName: Group } group ? ReadGroup(group, 0) : [];

    private static List<Block> ReadGroup(YXmlElement group, int depth)
    {
        if (depth > ContentTooDeepException.MaxDepth)
        {
            throw new ContentTooDeepException(ContentTooDeepException.MaxDepth);
        }
        var blocks = new List<Block>();
        foreach (var child in group.Children)
        {
            if (child is not YXmlElement element)
            {
                continue;
            }
            blocks.Add(element.NodeName == Container ? ReadContainer(element, depth) : PreservedBlock(element));
        }
        return blocks;
    }

    private static Block ReadContainer(YXmlElement container, int depth)
    {
        var id = container.GetAttribute("id") as string ?? Block.NewId();
        YXmlElement? content = null;
        List<Block> children = [];
        foreach (var child in container.Children.OfType<YXmlElement>())
        {
            if (child.NodeName == Group)
            {
                children = ReadGroup(child, depth + 1);
            }
            else
            {
                content ??= child;
            }
        }
        if (content is null)
        {
            return Block.Create(BlockTypes.Paragraph, RichText.Empty, children: children, id: id);
        }
        if (BlockSchema.Find(content.NodeName) is not { } spec)
        {
            var preserved = content.Children.Select(PreservedNodes.From).OfType<PreservedNode>().ToList();
            return new Block(id, content.NodeName, new BlockProps(content.Attributes), new PreservedContent(preserved), children);
        }
        BlockContent? blockContent = spec.Content switch
        {
            ContentKind.Inline => new RichText(InlineReader.Read(content)),
            ContentKind.Table => TableReader.Read(content),
            _ => null,
        };
        return new Block(id, spec.Type, Props(spec, content), blockContent, children);
    }

    /// <summary>Schema props first (stored value, else default; optional ones only when stored), then any other stored attribute.</summary>
    private static BlockProps Props(BlockSpec spec, YXmlElement element)
    {
        var stored = element.Attributes;
        var props = new List<KeyValuePair<string, object?>>(spec.Props.Count + 1);
        foreach (var prop in spec.Props)
        {
            var value = stored.TryGetValue(prop.Name, out var given) && given is not YUndefined ? given : prop.Default;
            if (value is not YUndefined)
            {
                props.Add(new(prop.Name, value));
            }
        }
        props.AddRange(stored.Where(attribute => spec.Props.All(p => p.Name != attribute.Key)));
        return new BlockProps(props);
    }

    /// <summary>A node a block group holds that is not a block container (columns...): kept whole, as a block of its name.</summary>
    private static Block PreservedBlock(YXmlElement element) =>
        new(element.GetAttribute("id") as string ?? Block.NewId(), element.NodeName, BlockProps.Empty,
            new PreservedContent([PreservedNodes.From(element)]), []) { IsGroupLevel = true };
}

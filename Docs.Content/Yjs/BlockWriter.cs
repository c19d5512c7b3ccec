using Docs.Content.Blocks;
using Docs.Yjs;
using Docs.Yjs.Types;

namespace Docs.Content.Yjs;

/// <summary>
/// Writes blocks as the XML BlockNote's editor keeps in Yjs (<c>blockToNode</c>, then y-prosemirror):
/// every block in a <c>blockContainer</c> with its id, its element with every schema prop as an attribute
/// (defaults included, null ones left out, as y-prosemirror writes them), nested blocks in a <c>blockGroup</c>.
/// </summary>
internal static class BlockWriter
{
    public static YXmlElement Group(IReadOnlyList<Block> blocks)
    {
        var group = new YXmlElement(BlockReader.Group);
        group.Insert(0, blocks.Select(Node).ToArray());
        return group;
    }

    private static AbstractType Node(Block block) =>
        block is { IsGroupLevel: true, Content: PreservedContent { Nodes: [PreservedElement element] } }
            ? PreservedNodes.ToYElement(element)
            : Container(block);

    private static YXmlElement Container(Block block)
    {
        var container = new YXmlElement(BlockReader.Container);
        container.SetAttribute("id", block.Id);
        container.Insert(0, Element(block));
        if (block.Children.Count > 0)
        {
            container.Insert(1, Group(block.Children));
        }
        return container;
    }

    private static YXmlElement Element(Block block)
    {
        var element = new YXmlElement(block.Type);
        foreach (var (name, value) in Attributes(block))
        {
            element.SetAttribute(name, value);
        }
        var children = block.Content switch
        {
            RichText text => InlineWriter.Write(text.Nodes, keepNewlines: block.Type == BlockTypes.CodeBlock),
            TableContent table => TableWriter.Rows(table),
            PreservedContent preserved => preserved.Nodes.Select(PreservedNodes.ToYType).ToArray(),
            _ => [],
        };
        element.Insert(0, children);
        return element;
    }

    private static IEnumerable<KeyValuePair<string, object?>> Attributes(Block block)
    {
        var spec = BlockSchema.Find(block.Type);
        foreach (var prop in spec?.Props ?? [])
        {
            var value = block.Props.TryGetValue(prop.Name, out var given) ? given : prop.Default;
            if (value is not null)
            {
                yield return new(prop.Name, value);
            }
        }
        foreach (var (name, value) in block.Props)
        {
            if (value is not null && (spec is null || spec.Props.All(p => p.Name != name)))
            {
                yield return new(name, value);
            }
        }
    }
}

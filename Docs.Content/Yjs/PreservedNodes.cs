using Docs.Content.Blocks;
using Docs.Yjs.Types;

namespace Docs.Content.Yjs;

/// <summary>Copies XML this model does not interpret out of a document, and back into new Yjs types.</summary>
internal static class PreservedNodes
{
    public static PreservedNode? From(AbstractType node) => From(node, 0);

    public static PreservedElement From(YXmlElement element) => From(element, 0);

    private static PreservedNode? From(AbstractType node, int depth) => node switch
    {
        YXmlElement element => From(element, depth),
        YXmlText text => new PreservedText(text.ToDelta().Select(op => new PreservedRun(op.Insert![0]!, op.Attributes)).ToList()),
        _ => null,
    };

    private static PreservedElement From(YXmlElement element, int depth)
    {
        if (depth > ContentTooDeepException.MaxDepth)
        {
            throw new ContentTooDeepException(ContentTooDeepException.MaxDepth);
        }
        return new(element.NodeName, [.. element.Attributes], element.Children.Select(child => From(child, depth + 1)).OfType<PreservedNode>().ToList());
    }

    public static AbstractType ToYType(PreservedNode node) => node switch
    {
        PreservedElement element => ToYElement(element),
        PreservedText text => ToYText(text),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "Not a preserved node."),
    };

    public static YXmlElement ToYElement(PreservedElement element)
    {
        var created = new YXmlElement(element.Name);
        foreach (var (key, value) in element.Attributes)
        {
            created.SetAttribute(key, value);
        }
        created.Insert(0, element.Children.Select(ToYType).ToArray());
        return created;
    }

    private static YXmlText ToYText(PreservedText text)
    {
        var created = new YXmlText();
        created.ApplyDelta(text.Runs.Select(run => new YDeltaOp(Insert: [run.Insert], Attributes: run.Attributes ?? new Dictionary<string, object?>())).ToList());
        return created;
    }
}

using System.Text;
using Docs.Yjs.Encoding;

namespace Docs.Yjs.Types;

/// <summary>Rich text inside XML: formatting keys are node names (bold, italic...), values their attributes.</summary>
public sealed class YXmlText : YText
{
    internal new const byte TypeRef = 6;

    internal override AbstractType CopyEmpty() => new YXmlText();

    internal override void WriteTypeRef(UpdateEncoder encoder) => encoder.WriteTypeRef(TypeRef);

    /// <summary>Each run wrapped in its formatting as tags (sorted by name), as yjs renders it.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var op in ToDelta())
        {
            var nodes = (op.Attributes ?? new Dictionary<string, object?>())
                .OrderBy(entry => entry.Key, StringComparer.Ordinal)
                .ToList();
            foreach (var (nodeName, attributes) in nodes)
            {
                builder.Append('<').Append(nodeName);
                if (attributes is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, value) in pairs.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                    {
                        builder.Append(' ').Append(key).Append("=\"").Append(JsString.Of(value)).Append('"');
                    }
                }
                builder.Append('>');
            }
            builder.Append(JsString.Of(op.Insert![0]));
            for (var i = nodes.Count - 1; i >= 0; i--)
            {
                builder.Append("</").Append(nodes[i].Key).Append('>');
            }
        }
        return builder.ToString();
    }

    public override object? ToJson() => ToString();
}

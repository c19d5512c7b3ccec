using System.Text;
using Docs.Yjs.Encoding;

namespace Docs.Yjs.Types;

/// <summary>An XML element: a node name (fixed at creation), attributes (a map part) and children.</summary>
public sealed class YXmlElement(string nodeName = "UNDEFINED") : YXmlFragment
{
    internal new const byte TypeRef = 3;
    private OrderedDictionary<string, object?>? _prelimAttributes = new();

    public string NodeName { get; } = nodeName;

    private protected override void IntegrateAttributes()
    {
        var attributes = _prelimAttributes;
        _prelimAttributes = null;
        foreach (var (key, value) in attributes ?? [])
        {
            SetAttribute(key, value);
        }
    }

    internal override AbstractType CopyEmpty() => new YXmlElement(NodeName);

    internal override void WriteTypeRef(UpdateEncoder encoder)
    {
        encoder.WriteTypeRef(TypeRef);
        encoder.WriteKey(NodeName);
    }

    public void SetAttribute(string name, object? value)
    {
        if (_prelimAttributes is not null)
        {
            _prelimAttributes[name] = value;
            return;
        }
        RequireDoc().Transact(t => MapSet(t, name, value));
    }

    public object? GetAttribute(string name) =>
        _prelimAttributes is not null ? _prelimAttributes.GetValueOrDefault(name) : MapTryGet(name, out var value) ? value : null;

    public void RemoveAttribute(string name)
    {
        if (_prelimAttributes is not null)
        {
            _prelimAttributes.Remove(name);
            return;
        }
        RequireDoc().Transact(t => MapDelete(t, name));
    }

    public IReadOnlyDictionary<string, object?> Attributes =>
        _prelimAttributes is not null ? new Dictionary<string, object?>(_prelimAttributes) : MapEntries().ToDictionary(StringComparer.Ordinal);

    /// <summary><c>&lt;name a="1"&gt;children&lt;/name&gt;</c>, attributes sorted, as yjs renders it.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        var name = NodeName.ToLowerInvariant();
        builder.Append('<').Append(name);
        foreach (var (key, value) in Attributes.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            builder.Append(' ').Append(key).Append("=\"").Append(JsString.Of(value)).Append('"');
        }
        builder.Append('>').Append(base.ToString()).Append("</").Append(name).Append('>');
        return builder.ToString();
    }
}

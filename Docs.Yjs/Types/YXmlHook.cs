using Docs.Yjs.Encoding;

namespace Docs.Yjs.Types;

/// <summary>A map with a hook name, for custom nodes; rare, kept for round trips.</summary>
public sealed class YXmlHook(string hookName) : AbstractType
{
    internal const byte TypeRef = 5;

    public string HookName { get; } = hookName;

    internal override AbstractType CopyEmpty() => new YXmlHook(HookName);

    internal override void WriteTypeRef(UpdateEncoder encoder)
    {
        encoder.WriteTypeRef(TypeRef);
        encoder.WriteKey(HookName);
    }

    public void Set(string key, object? value) => RequireDoc().Transact(t => MapSet(t, key, value));

    public object? Get(string key) => MapTryGet(key, out var value) ? value : null;

    public override object? ToJson()
    {
        var json = new OrderedDictionary<string, object?>();
        foreach (var (key, value) in MapEntries())
        {
            json[key] = ValueToJson(value);
        }
        return json;
    }

    internal override void CallObserver(Transaction transaction, HashSet<string?> parentSubs)
    {
        base.CallObserver(transaction, parentSubs);
        CallTypeObservers(transaction, new YEvent(this, transaction));
    }
}

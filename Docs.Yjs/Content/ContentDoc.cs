using Docs.Yjs.Encoding;
using Docs.Yjs.Structs;

namespace Docs.Yjs.Content;

/// <summary>
/// A subdocument: only its guid and options live in the parent; its content syncs on its own.
/// </summary>
public sealed class ContentDoc : ItemContent
{
    internal const byte ContentRef = 9;

    public ContentDoc(Doc document)
    {
        Document = document;
        var options = new OrderedDictionary<string, object?>();
        if (!document.Gc)
        {
            options["gc"] = false;
        }
        if (document.AutoLoad)
        {
            options["autoLoad"] = true;
        }
        if (document.Meta is not null)
        {
            options["meta"] = document.Meta;
        }
        Options = options;
    }

    private ContentDoc(Doc document, OrderedDictionary<string, object?> options)
    {
        Document = document;
        Options = options;
    }

    public Doc Document { get; }

    /// <summary>The options as they travel (<c>gc</c>, <c>autoLoad</c>, <c>meta</c>), kept as received.</summary>
    public OrderedDictionary<string, object?> Options { get; }

    public override int Length => 1;

    public override bool Countable => true;

    internal override byte Ref => ContentRef;

    public override IReadOnlyList<object?> GetContent() => [Document];

    internal override ItemContent Copy() => new ContentDoc(Doc.CreateSubdocument(Document.Guid, Options), Options);

    internal override void Integrate(Transaction transaction, Item item)
    {
        Document.Item = item;
        transaction.SubdocsAdded.Add(Document);
        if (Document.ShouldLoad)
        {
            transaction.SubdocsLoaded.Add(Document);
        }
    }

    internal override void Delete(Transaction transaction)
    {
        if (!transaction.SubdocsAdded.Remove(Document))
        {
            transaction.SubdocsRemoved.Add(Document);
        }
    }

    internal override void Write(UpdateEncoder encoder, int offset)
    {
        encoder.WriteString(Document.Guid);
        encoder.WriteAny(Options);
    }

    internal static ContentDoc Read(UpdateDecoder decoder)
    {
        var guid = decoder.ReadString();
        var options = decoder.ReadAny() as OrderedDictionary<string, object?> ?? new OrderedDictionary<string, object?>();
        return new ContentDoc(Doc.CreateSubdocument(guid, options), options);
    }
}

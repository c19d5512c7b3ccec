using Docs.Yjs.Encoding;
using Docs.Yjs.Structs;

namespace Docs.Yjs.Content;

/// <summary>What an <see cref="Item"/> holds: text, values, a nested type, a format marker...</summary>
public abstract class ItemContent
{
    /// <summary>How many clock units (UTF-16 code units for text, elements for arrays, else 1).</summary>
    public abstract int Length { get; }

    /// <summary>Whether the content counts towards positions in a list (format markers do not).</summary>
    public abstract bool Countable { get; }

    /// <summary>The content ref on the wire (1..9).</summary>
    internal abstract byte Ref { get; }

    /// <summary>The values this content stands for, one per unit.</summary>
    public abstract IReadOnlyList<object?> GetContent();

    internal abstract ItemContent Copy();

    /// <summary>Keeps the first <paramref name="offset"/> units here and returns the rest.</summary>
    internal virtual ItemContent Splice(int offset) => throw new InvalidOperationException($"{GetType().Name} cannot be split.");

    internal virtual bool MergeWith(ItemContent right) => false;

    internal virtual void Integrate(Transaction transaction, Item item)
    {
    }

    internal virtual void Delete(Transaction transaction)
    {
    }

    internal virtual void Gc(StructStore store)
    {
    }

    internal abstract void Write(UpdateEncoder encoder, int offset);

    internal static ItemContent Read(UpdateDecoder decoder, byte info) => (info & 0x1F) switch
    {
        ContentDeleted.ContentRef => new ContentDeleted(decoder.ReadLength()),
        ContentJson.ContentRef => ContentJson.Read(decoder),
        ContentBinary.ContentRef => new ContentBinary(decoder.ReadBuffer()),
        ContentString.ContentRef => new ContentString(decoder.ReadString()),
        ContentEmbed.ContentRef => ContentEmbed.FromJson(decoder.ReadJson()),
        ContentFormat.ContentRef => ContentFormat.FromJson(decoder.ReadKey(), decoder.ReadJson()),
        ContentType.ContentRef => new ContentType(Types.YTypeFactory.Read(decoder)),
        ContentAny.ContentRef => ContentAny.Read(decoder),
        ContentDoc.ContentRef => ContentDoc.Read(decoder),
        var other => throw new YjsDecodingException($"Unknown content ref {other}."),
    };
}

using Docs.Yjs.Encoding;

namespace Docs.Yjs.Content;

/// <summary>A byte array, one unit.</summary>
public sealed class ContentBinary(byte[] bytes) : ItemContent
{
    internal const byte ContentRef = 3;

    public byte[] Bytes { get; } = bytes;

    public override int Length => 1;

    public override bool Countable => true;

    internal override byte Ref => ContentRef;

    public override IReadOnlyList<object?> GetContent() => [Bytes];

    internal override ItemContent Copy() => new ContentBinary(Bytes);

    internal override void Write(UpdateEncoder encoder, int offset) => encoder.WriteBuffer(Bytes);
}

using Docs.Yjs.Encoding;

namespace Docs.Yjs.Content;

/// <summary>A run of text; one unit per UTF-16 code unit.</summary>
public sealed class ContentString(string text) : ItemContent
{
    internal const byte ContentRef = 4;

    public string Text { get; private set; } = text;

    public override int Length => Text.Length;

    public override bool Countable => true;

    internal override byte Ref => ContentRef;

    public override IReadOnlyList<object?> GetContent() => [.. Text.Select(c => (object?)c.ToString())];

    internal override ItemContent Copy() => new ContentString(Text);

    internal override ItemContent Splice(int offset)
    {
        var right = new ContentString(Text[offset..]);
        Text = Text[..offset];
        // A split between the halves of a surrogate pair would leave invalid text: yjs replaces both halves.
        if (offset > 0 && char.IsHighSurrogate(Text[offset - 1]))
        {
            Text = Text[..(offset - 1)] + '\uFFFD';
            right.Text = '\uFFFD' + right.Text[1..];
        }
        return right;
    }

    internal override bool MergeWith(ItemContent right)
    {
        Text += ((ContentString)right).Text;
        return true;
    }

    internal override void Write(UpdateEncoder encoder, int offset) => encoder.WriteString(offset == 0 ? Text : Text[offset..]);
}

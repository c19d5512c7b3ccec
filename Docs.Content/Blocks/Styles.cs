using Docs.Yjs.Encoding;

namespace Docs.Content.Blocks;

/// <summary>
/// The styles of a run of text: BlockNote's default style schema, plus the marks it does not know
/// (comments, suggestions...), kept under the name and value they were stored with so that a round
/// trip writes them back.
/// </summary>
public sealed record Styles
{
    // Declared before None, which is built with it.
    private static readonly IReadOnlyDictionary<string, object?> EmptyMarks = new Dictionary<string, object?>();

    public static readonly Styles None = new();

    public bool Bold { get; init; }
    public bool Italic { get; init; }
    public bool Underline { get; init; }
    public bool Strike { get; init; }
    public bool Code { get; init; }

    /// <summary>A colour name of BlockNote's palette (<c>red</c>, <c>blue</c>...) or a CSS colour; null when unset.</summary>
    public string? TextColor { get; init; }

    public string? BackgroundColor { get; init; }

    /// <summary>Marks outside the default schema: stored attribute name (with its hash suffix, if any) → stored value.</summary>
    public IReadOnlyDictionary<string, object?> OtherMarks { get; init; } = EmptyMarks;

    public bool IsPlain => this == None;

    public bool Equals(Styles? other) =>
        other is not null && Bold == other.Bold && Italic == other.Italic && Underline == other.Underline && Strike == other.Strike
        && Code == other.Code && TextColor == other.TextColor && BackgroundColor == other.BackgroundColor
        && SameMarks(OtherMarks, other.OtherMarks);

    public override int GetHashCode() => HashCode.Combine(Bold, Italic, Underline, Strike, Code, TextColor, BackgroundColor, OtherMarks.Count);

    private static bool SameMarks(IReadOnlyDictionary<string, object?> left, IReadOnlyDictionary<string, object?> right) =>
        left.Count == right.Count
        && left.All(mark => right.TryGetValue(mark.Key, out var value) && JsJson.Stringify(value) == JsJson.Stringify(mark.Value));
}

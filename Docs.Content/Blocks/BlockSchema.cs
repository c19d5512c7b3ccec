using Docs.Yjs;

namespace Docs.Content.Blocks;

/// <summary>What a block type holds: rich text, a table, or nothing.</summary>
public enum ContentKind
{
    None,
    Inline,
    Table,
}

/// <summary>A prop of a block type and its default; <see cref="YUndefined"/> for props that are absent unless set.</summary>
public sealed record PropSpec(string Name, object? Default)
{
    public bool IsOptional => Default is YUndefined;
}

public sealed record BlockSpec(string Type, ContentKind Content, IReadOnlyList<PropSpec> Props);

/// <summary>
/// BlockNote 0.47's default block schema: for each type, its content and its props with their defaults,
/// in the order BlockNote's ProseMirror nodes declare them (read from @blocknote/core, checked by the
/// interop tests). A type not listed here is unknown and kept as it was read.
/// </summary>
public static class BlockSchema
{
    public const string DefaultColor = "default";
    public const string DefaultAlignment = "left";

    private static readonly PropSpec BackgroundColor = new("backgroundColor", DefaultColor);
    private static readonly PropSpec TextColor = new("textColor", DefaultColor);
    private static readonly PropSpec TextAlignment = new("textAlignment", DefaultAlignment);

    private static readonly PropSpec[] TextBlock = [BackgroundColor, TextColor, TextAlignment];

    private static readonly PropSpec[] FileProps = [BackgroundColor, new("name", ""), new("url", ""), new("caption", "")];

    private static readonly PropSpec[] VisualMediaProps =
        [TextAlignment, BackgroundColor, new("name", ""), new("url", ""), new("caption", ""), new("showPreview", true), new("previewWidth", YUndefined.Value)];

    private static readonly Dictionary<string, BlockSpec> Specs = new BlockSpec[]
    {
        new(BlockTypes.Paragraph, ContentKind.Inline, TextBlock),
        new(BlockTypes.Heading, ContentKind.Inline, [.. TextBlock, new("level", 1L), new("isToggleable", false)]),
        new(BlockTypes.BulletListItem, ContentKind.Inline, TextBlock),
        new(BlockTypes.NumberedListItem, ContentKind.Inline, [.. TextBlock, new("start", YUndefined.Value)]),
        new(BlockTypes.CheckListItem, ContentKind.Inline, [.. TextBlock, new("checked", false)]),
        new(BlockTypes.ToggleListItem, ContentKind.Inline, TextBlock),
        new(BlockTypes.Quote, ContentKind.Inline, [BackgroundColor, TextColor]),
        new(BlockTypes.CodeBlock, ContentKind.Inline, [new("language", "text")]),
        new(BlockTypes.Table, ContentKind.Table, [TextColor]),
        new(BlockTypes.Image, ContentKind.None, VisualMediaProps),
        new(BlockTypes.Video, ContentKind.None, VisualMediaProps),
        new(BlockTypes.Audio, ContentKind.None, [BackgroundColor, new("name", ""), new("url", ""), new("caption", ""), new("showPreview", true)]),
        new(BlockTypes.File, ContentKind.None, FileProps),
        new(BlockTypes.Divider, ContentKind.None, []),
        new(BlockTypes.PageBreak, ContentKind.None, []),
    }.ToDictionary(spec => spec.Type, StringComparer.Ordinal);

    public static BlockSpec? Find(string type) => Specs.GetValueOrDefault(type);

    public static bool IsKnown(string type) => Specs.ContainsKey(type);

    /// <summary>The props a new block of <paramref name="type"/> has: every default, in schema order.</summary>
    public static BlockProps DefaultProps(string type) =>
        new((Find(type)?.Props ?? []).Where(p => !p.IsOptional).Select(p => new KeyValuePair<string, object?>(p.Name, p.Default)));
}

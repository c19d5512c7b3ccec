using Docs.Content.Blocks;

namespace Docs.Content.Tests;

/// <summary>Short ways to build blocks and inline content in tests.</summary>
public static class TestBlocks
{
    public static StyledText Text(string text, Styles? styles = null) => new(text, styles ?? Styles.None);

    public static Block Block(string type, params InlineNode[] content) => Blocks.Block.Create(type, new RichText(content));

    public static Block Paragraph(params InlineNode[] content) => Block(BlockTypes.Paragraph, content);

    public static Block Paragraph(string text) => Paragraph(Text(text));

    public static Block With(this Block block, string prop, object? value) => block with { Props = block.Props.With(prop, value) };

    public static Block Children(this Block block, params Block[] children) => block with { Children = children };

    public static Block Media(string type, string url, string name = "", string caption = "") =>
        Blocks.Block.Create(type).With("url", url).With("name", name).With("caption", caption);

    public static readonly Styles Bold = new() { Bold = true };
    public static readonly Styles Italic = new() { Italic = true };
}

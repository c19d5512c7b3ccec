namespace Docs.Content.Blocks;

/// <summary>The block types of BlockNote's default schema (0.47), by the names BlockNote stores and shows.</summary>
public static class BlockTypes
{
    public const string Paragraph = "paragraph";
    public const string Heading = "heading";
    public const string BulletListItem = "bulletListItem";
    public const string NumberedListItem = "numberedListItem";
    public const string CheckListItem = "checkListItem";
    public const string ToggleListItem = "toggleListItem";
    public const string Quote = "quote";
    public const string CodeBlock = "codeBlock";
    public const string Table = "table";
    public const string Image = "image";
    public const string Video = "video";
    public const string Audio = "audio";
    public const string File = "file";
    public const string Divider = "divider";

    /// <summary>Not in the default schema, but an optional block of BlockNote's that documents may hold.</summary>
    public const string PageBreak = "pageBreak";

    public static bool IsListItem(string type) => type is BulletListItem or NumberedListItem or CheckListItem or ToggleListItem;

    public static bool IsMedia(string type) => type is Image or Video or Audio or File;
}

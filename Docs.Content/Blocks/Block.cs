namespace Docs.Content.Blocks;

/// <summary>
/// One BlockNote block, as BlockNote's JSON has it: an id, a type (<see cref="BlockTypes"/>), its props, its
/// content (rich text, a table, nothing, or what this model does not know, kept as read) and nested blocks.
/// </summary>
public sealed record Block(string Id, string Type, BlockProps Props, BlockContent? Content, IReadOnlyList<Block> Children)
{
    /// <summary>
    /// A node of a block group that is not a block container (a BlockNote column list...), kept whole in
    /// <see cref="PreservedContent"/> and written back in place of a container.
    /// </summary>
    public bool IsGroupLevel { get; init; }

    /// <summary>The block's rich text, or nothing when it has another kind of content.</summary>
    public IReadOnlyList<InlineNode> Inline => Content is RichText text ? text.Nodes : [];

    public static Block Create(string type, BlockContent? content = null, BlockProps? props = null, IReadOnlyList<Block>? children = null, string? id = null) =>
        new(id ?? NewId(), type, props ?? BlockSchema.DefaultProps(type), content, children ?? []);

    /// <summary>A random id, as BlockNote gives a block that has none.</summary>
    public static string NewId() => Guid.NewGuid().ToString();
}

using System.Text.Json;
using Docs.Content.Blocks;

namespace Docs.Content.Json;

/// <summary>
/// BlockNote's JSON (blocks as <c>yDocToBlocks</c> returns them, or the partial blocks <c>blocksToYDoc</c>
/// accepts: a missing id, type, prop or child takes BlockNote's default; content may be a string).
/// Props of known types are limited to their schema, as BlockNote limits them.
/// </summary>
public static class BlockJsonReader
{
    /// <exception cref="JsonException">Not JSON, or not blocks.</exception>
    public static IReadOnlyList<Block> Read(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 2 * ContentTooDeepException.MaxDepth + 16 });
        return ReadBlocks(document.RootElement);
    }

    public static IReadOnlyList<Block> ReadBlocks(JsonElement blocks)
    {
        Require(blocks, JsonValueKind.Array, "blocks");
        return blocks.EnumerateArray().Select(ReadBlock).ToList();
    }

    private static Block ReadBlock(JsonElement block)
    {
        Require(block, JsonValueKind.Object, "a block");
        var type = String(block, "type") ?? BlockTypes.Paragraph;
        var spec = BlockSchema.Find(type);
        var props = BlockSchema.DefaultProps(type);
        if (block.TryGetProperty("props", out var given) && given.ValueKind == JsonValueKind.Object)
        {
            foreach (var prop in given.EnumerateObject())
            {
                if (spec is null || spec.Props.Any(p => p.Name == prop.Name))
                {
                    props = props.With(prop.Name, JsonValues.Read(prop.Value));
                }
            }
        }
        BlockContent? content = null;
        if (block.TryGetProperty("content", out var value))
        {
            content = value.ValueKind switch
            {
                JsonValueKind.String => RichText.Plain(value.GetString()!),
                JsonValueKind.Array => new RichText(ReadInline(value)),
                JsonValueKind.Object => ReadTable(value),
                _ => null,
            };
        }
        if (spec is { Content: ContentKind.Inline } && content is not RichText)
        {
            content = RichText.Empty;
        }
        var children = block.TryGetProperty("children", out var nested) && nested.ValueKind == JsonValueKind.Array ? ReadBlocks(nested) : [];
        return new Block(String(block, "id") ?? Block.NewId(), type, props, content, children);
    }

    private static List<InlineNode> ReadInline(JsonElement content)
    {
        var nodes = new List<InlineNode>();
        foreach (var item in content.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                nodes.Add(new StyledText(item.GetString()!, Styles.None));
                continue;
            }
            Require(item, JsonValueKind.Object, "inline content");
            switch (String(item, "type"))
            {
                case "text":
                    nodes.Add(ReadText(item));
                    break;
                case "link":
                    nodes.Add(new Link(String(item, "href") ?? "", ReadLinkContent(item)));
                    break;
                case { } other:
                    var props = item.TryGetProperty("props", out var given) && given.ValueKind == JsonValueKind.Object
                        ? new BlockProps(given.EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, JsonValues.Read(p.Value))))
                        : BlockProps.Empty;
                    nodes.Add(new CustomInline(other, props, new PreservedElement(other, [.. props], [])));
                    break;
                default:
                    throw new JsonException("Inline content needs a type.");
            }
        }
        return nodes;
    }

    private static List<StyledText> ReadLinkContent(JsonElement link)
    {
        if (!link.TryGetProperty("content", out var content))
        {
            return [];
        }
        if (content.ValueKind == JsonValueKind.String)
        {
            return [new StyledText(content.GetString()!, Styles.None)];
        }
        Require(content, JsonValueKind.Array, "link content");
        return content.EnumerateArray().Select(ReadText).ToList();
    }

    private static StyledText ReadText(JsonElement text)
    {
        if (text.ValueKind == JsonValueKind.String)
        {
            return new StyledText(text.GetString()!, Styles.None);
        }
        Require(text, JsonValueKind.Object, "text");
        var styles = Styles.None;
        if (text.TryGetProperty("styles", out var given) && given.ValueKind == JsonValueKind.Object)
        {
            styles = new Styles
            {
                Bold = Flag(given, "bold"),
                Italic = Flag(given, "italic"),
                Underline = Flag(given, "underline"),
                Strike = Flag(given, "strike"),
                Code = Flag(given, "code"),
                TextColor = String(given, "textColor"),
                BackgroundColor = String(given, "backgroundColor"),
            };
        }
        return new StyledText(String(text, "text") ?? "", styles);
    }

    private static TableContent ReadTable(JsonElement table)
    {
        var widths = table.TryGetProperty("columnWidths", out var given) && given.ValueKind == JsonValueKind.Array
            ? given.EnumerateArray().Select(w => w.ValueKind == JsonValueKind.Number ? w.GetDouble() : (double?)null).ToList()
            : [];
        var rows = new List<TableRow>();
        if (table.TryGetProperty("rows", out var rowsJson))
        {
            Require(rowsJson, JsonValueKind.Array, "table rows");
            foreach (var row in rowsJson.EnumerateArray())
            {
                var cells = row.TryGetProperty("cells", out var cellsJson) && cellsJson.ValueKind == JsonValueKind.Array
                    ? cellsJson.EnumerateArray().Select(ReadCell).ToList()
                    : [];
                rows.Add(new TableRow(cells));
            }
        }
        return new TableContent(widths, Int(table, "headerRows"), Int(table, "headerCols"), rows);
    }

    private static TableCell ReadCell(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.String => TableCell.Of(new StyledText(cell.GetString()!, Styles.None)),
        JsonValueKind.Array => new TableCell(ReadInline(cell), TableCellProps.Default),
        JsonValueKind.Object => new TableCell(
            cell.TryGetProperty("content", out var content)
                ? content.ValueKind == JsonValueKind.String ? [new StyledText(content.GetString()!, Styles.None)] : ReadInline(content)
                : [],
            cell.TryGetProperty("props", out var props) && props.ValueKind == JsonValueKind.Object
                ? new TableCellProps(Int(props, "colspan") ?? 1, Int(props, "rowspan") ?? 1,
                    String(props, "backgroundColor") ?? BlockSchema.DefaultColor, String(props, "textColor") ?? BlockSchema.DefaultColor,
                    String(props, "textAlignment") ?? BlockSchema.DefaultAlignment)
                : TableCellProps.Default),
        _ => throw new JsonException("A table cell is text, inline content or a tableCell object."),
    };

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static void Require(JsonElement element, JsonValueKind kind, string what)
    {
        if (element.ValueKind != kind)
        {
            throw new JsonException($"Expected {what} ({kind.ToString().ToLowerInvariant()}), found {element.ValueKind.ToString().ToLowerInvariant()}.");
        }
    }
}

using System.Text;
using System.Text.Json;
using Docs.Content.Blocks;

namespace Docs.Content.Json;

/// <summary>
/// Blocks as BlockNote's JSON (what its <c>yDocToBlocks</c> returns): known types show their schema props
/// only, unknown styles are left out as BlockNote leaves them out, and content BlockNote cannot show
/// (unknown block types) is omitted.
/// </summary>
public static class BlockJsonWriter
{
    public static string ToJson(IReadOnlyList<Block> blocks, bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, SkipValidation = true }))
        {
            Write(writer, blocks);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, IReadOnlyList<Block> blocks)
    {
        writer.WriteStartArray();
        foreach (var block in blocks)
        {
            WriteBlock(writer, block);
        }
        writer.WriteEndArray();
    }

    private static void WriteBlock(Utf8JsonWriter writer, Block block)
    {
        writer.WriteStartObject();
        writer.WriteString("id", block.Id);
        writer.WriteString("type", block.Type);
        writer.WritePropertyName("props");
        var spec = BlockSchema.Find(block.Type);
        JsonValues.Write(writer, spec is null ? block.Props : block.Props.Where(p => spec.Props.Any(s => s.Name == p.Key)));
        switch (block.Content)
        {
            case RichText text:
                writer.WritePropertyName("content");
                WriteInline(writer, text.Nodes);
                break;
            case TableContent table:
                writer.WritePropertyName("content");
                WriteTable(writer, table);
                break;
        }
        writer.WritePropertyName("children");
        Write(writer, block.Children);
        writer.WriteEndObject();
    }

    private static void WriteInline(Utf8JsonWriter writer, IReadOnlyList<InlineNode> nodes)
    {
        writer.WriteStartArray();
        foreach (var node in nodes)
        {
            switch (node)
            {
                case StyledText text:
                    WriteText(writer, text);
                    break;
                case Link link:
                    writer.WriteStartObject();
                    writer.WriteString("type", "link");
                    writer.WriteString("href", link.Href);
                    writer.WriteStartArray("content");
                    foreach (var part in link.Content)
                    {
                        WriteText(writer, part);
                    }
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    break;
                case CustomInline custom:
                    writer.WriteStartObject();
                    writer.WriteString("type", custom.Type);
                    writer.WritePropertyName("props");
                    JsonValues.Write(writer, custom.Props);
                    writer.WriteEndObject();
                    break;
            }
        }
        writer.WriteEndArray();
    }

    private static void WriteText(Utf8JsonWriter writer, StyledText text)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "text");
        writer.WriteString("text", text.Text);
        writer.WriteStartObject("styles");
        var styles = text.Styles;
        WriteFlag(writer, "bold", styles.Bold);
        WriteFlag(writer, "italic", styles.Italic);
        WriteFlag(writer, "underline", styles.Underline);
        WriteFlag(writer, "strike", styles.Strike);
        WriteFlag(writer, "code", styles.Code);
        if (styles.TextColor is not null)
        {
            writer.WriteString("textColor", styles.TextColor);
        }
        if (styles.BackgroundColor is not null)
        {
            writer.WriteString("backgroundColor", styles.BackgroundColor);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteFlag(Utf8JsonWriter writer, string name, bool on)
    {
        if (on)
        {
            writer.WriteBoolean(name, true);
        }
    }

    private static void WriteTable(Utf8JsonWriter writer, TableContent table)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "tableContent");
        writer.WriteStartArray("columnWidths");
        foreach (var width in table.ColumnWidths)
        {
            JsonValues.Write(writer, width);
        }
        writer.WriteEndArray();
        if (table.HeaderRows is { } headerRows)
        {
            writer.WriteNumber("headerRows", headerRows);
        }
        if (table.HeaderCols is { } headerCols)
        {
            writer.WriteNumber("headerCols", headerCols);
        }
        writer.WriteStartArray("rows");
        foreach (var row in table.Rows)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("cells");
            foreach (var cell in row.Cells)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "tableCell");
                writer.WritePropertyName("content");
                WriteInline(writer, cell.Content);
                writer.WriteStartObject("props");
                writer.WriteNumber("colspan", cell.Props.Colspan);
                writer.WriteNumber("rowspan", cell.Props.Rowspan);
                writer.WriteString("backgroundColor", cell.Props.BackgroundColor);
                writer.WriteString("textColor", cell.Props.TextColor);
                writer.WriteString("textAlignment", cell.Props.TextAlignment);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

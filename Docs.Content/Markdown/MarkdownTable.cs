using System.Text;
using Docs.Content.Blocks;

namespace Docs.Content.Markdown;

/// <summary>
/// A table as a GFM table. GFM tables always have one header row and no spans: the first row is the
/// header, a spanning cell is followed by empty cells, line breaks in cells are <c>&lt;br&gt;</c>.
/// </summary>
internal static class MarkdownTable
{
    public static string Render(TableContent table)
    {
        if (table.Rows.Count == 0)
        {
            return "";
        }
        var rows = table.Rows.Select(Cells).ToList();
        var columns = Math.Max(1, rows.Max(row => row.Count));
        var alignments = Alignments(table.Rows[0]);
        var builder = new StringBuilder();
        AppendRow(builder, rows[0], columns);
        builder.Append('\n').Append('|');
        for (var column = 0; column < columns; column++)
        {
            builder.Append(' ').Append(column < alignments.Count ? alignments[column] : "---").Append(" |");
        }
        foreach (var row in rows.Skip(1))
        {
            builder.Append('\n');
            AppendRow(builder, row, columns);
        }
        return builder.ToString();
    }

    /// <summary>The row's cells as text, each spanning cell followed by empty ones for the columns it covers.</summary>
    private static List<string> Cells(TableRow row)
    {
        var cells = new List<string>();
        foreach (var cell in row.Cells)
        {
            cells.Add(MarkdownInline.Render(cell.Content, LineBreaks.Html, inTable: true));
            cells.AddRange(Enumerable.Repeat("", Math.Clamp(cell.Props.Colspan, 1, 1000) - 1));
        }
        return cells;
    }

    private static void AppendRow(StringBuilder builder, List<string> cells, int columns)
    {
        builder.Append('|');
        for (var column = 0; column < columns; column++)
        {
            var text = column < cells.Count ? cells[column] : "";
            builder.Append(' ').Append(text).Append(text.Length > 0 ? " |" : "|");
        }
    }

    /// <summary>Each column's delimiter, from the header cell that starts in it (the columns a cell spans past its first are left-aligned).</summary>
    private static List<string> Alignments(TableRow header)
    {
        var alignments = new List<string>();
        foreach (var cell in header.Cells)
        {
            alignments.Add(cell.Props.TextAlignment switch
            {
                "center" => ":---:",
                "right" => "---:",
                _ => "---",
            });
            alignments.AddRange(Enumerable.Repeat("---", Math.Clamp(cell.Props.Colspan, 1, 1000) - 1));
        }
        return alignments;
    }
}

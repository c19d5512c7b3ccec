using Docs.Content.Blocks;
using Docs.Yjs;
using Docs.Yjs.Types;

namespace Docs.Content.Yjs;

/// <summary>
/// Writes a table's rows as BlockNote does (<c>tableContentToNodes</c>): a cell is a header when its row
/// is among the header rows or its index among the header columns; each cell carries the widths of the
/// columns it starts at; its content is one <c>tableParagraph</c>.
/// </summary>
internal static class TableWriter
{
    public static AbstractType[] Rows(TableContent table)
    {
        var starts = TableGrid.StartColumns(table);
        var rows = new AbstractType[table.Rows.Count];
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var cells = table.Rows[r].Cells;
            var row = new YXmlElement(TableReader.Row);
            var written = new AbstractType[cells.Count];
            for (var c = 0; c < cells.Count; c++)
            {
                var header = r < (table.HeaderRows ?? 0) || c < (table.HeaderCols ?? 0);
                written[c] = Cell(cells[c], header, ColumnWidths(table, cells[c], starts[r][c]));
            }
            row.Insert(0, written);
            rows[r] = row;
        }
        return rows;
    }

    private static YXmlElement Cell(TableCell cell, bool header, List<object?>? colwidth)
    {
        var element = new YXmlElement(header ? TableReader.Header : TableReader.Cell);
        element.SetAttribute("textColor", cell.Props.TextColor);
        element.SetAttribute("backgroundColor", cell.Props.BackgroundColor);
        element.SetAttribute("textAlignment", cell.Props.TextAlignment);
        element.SetAttribute("colspan", (long)cell.Props.Colspan);
        element.SetAttribute("rowspan", (long)cell.Props.Rowspan);
        if (colwidth is not null)
        {
            element.SetAttribute("colwidth", colwidth);
        }
        var paragraph = new YXmlElement(TableReader.Paragraph);
        paragraph.Insert(0, InlineWriter.Write(cell.Content, keepNewlines: false));
        element.Insert(0, paragraph);
        return element;
    }

    /// <summary>BlockNote's rule: a spanning cell lists the width of each column it covers; another cell its column's width when set (and not 0).</summary>
    private static List<object?>? ColumnWidths(TableContent table, TableCell cell, int? start)
    {
        if (start is not { } column)
        {
            return null;
        }
        object? WidthAt(int index) => index < table.ColumnWidths.Count && table.ColumnWidths[index] is { } width ? width : null;
        if (cell.Props.Colspan > 1)
        {
            return Enumerable.Range(column, cell.Props.Colspan).Select(object? (index) => WidthAt(index) ?? YUndefined.Value).ToList();
        }
        return WidthAt(column) is double width && width != 0 ? [width] : null;
    }
}

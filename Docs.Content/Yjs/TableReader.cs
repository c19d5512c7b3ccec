using Docs.Content.Blocks;
using Docs.Yjs;
using Docs.Yjs.Encoding;
using Docs.Yjs.Types;

namespace Docs.Content.Yjs;

/// <summary>
/// Reads a table element (rows of <c>tableCell</c>/<c>tableHeader</c> elements, each holding
/// <c>tableParagraph</c>s) as BlockNote's <c>contentNodeToTableContent</c> does: column widths from the
/// first row, header rows and columns where every cell is a header, a cell's paragraphs joined by <c>\n</c>.
/// </summary>
internal static class TableReader
{
    public const string Row = "tableRow";
    public const string Cell = "tableCell";
    public const string Header = "tableHeader";
    public const string Paragraph = "tableParagraph";

    public static TableContent Read(YXmlElement table)
    {
        var widths = new List<double?>();
        var rows = new List<TableRow>();
        var headers = new List<List<bool>>();
        foreach (var rowElement in table.Children.OfType<YXmlElement>())
        {
            var cells = new List<TableCell>();
            var headerRow = new List<bool>();
            foreach (var cellElement in rowElement.Children.OfType<YXmlElement>())
            {
                var props = CellProps(cellElement);
                if (rows.Count == 0)
                {
                    widths.AddRange(Widths(cellElement.GetAttribute("colwidth"), props.Colspan));
                }
                headerRow.Add(cellElement.NodeName == Header);
                cells.Add(new TableCell(CellContent(cellElement), props));
            }
            headers.Add(headerRow);
            rows.Add(new TableRow(cells));
        }
        var headerRows = headers.Count(row => row.All(isHeader => isHeader));
        var firstRowWidth = headers.Count > 0 ? headers[0].Count : 0;
        var headerCols = Enumerable.Range(0, firstRowWidth).Count(column => headers.All(row => column < row.Count && row[column]));
        return new TableContent(widths, headerRows > 0 ? headerRows : null, headerCols > 0 ? headerCols : null, rows);
    }

    /// <summary>The widths a cell gives its columns: its stored list, or one unknown width per spanned column.</summary>
    private static IEnumerable<double?> Widths(object? colwidth, int colspan) =>
        colwidth is IList<object?> list
            ? list.Select(width => width is not null and not YUndefined && JsNumber.TryGet(width, out var number) ? number : (double?)null)
            : Enumerable.Repeat<double?>(null, Math.Max(colspan, 0));

    private static TableCellProps CellProps(YXmlElement cell)
    {
        var props = new BlockProps(cell.Attributes);
        return new TableCellProps(
            props.GetInt("colspan") ?? 1,
            props.GetInt("rowspan") ?? 1,
            props.GetString("backgroundColor") ?? BlockSchema.DefaultColor,
            props.GetString("textColor") ?? BlockSchema.DefaultColor,
            props.GetString("textAlignment") ?? BlockSchema.DefaultAlignment);
    }

    /// <summary>BlockNote's join of a cell's paragraphs: the last run of one and the first of the next merge with a <c>\n</c> when their styles match.</summary>
    private static List<InlineNode> CellContent(YXmlElement cell)
    {
        var content = new List<InlineNode>();
        foreach (var paragraph in cell.Children.OfType<YXmlElement>())
        {
            var part = InlineReader.Read(paragraph);
            if (content.Count == 0)
            {
                content = part;
                continue;
            }
            if (part.Count > 0 && content[^1] is StyledText last && part[0] is StyledText first && last.Styles == first.Styles)
            {
                content[^1] = last with { Text = last.Text + "\n" + first.Text };
                content.AddRange(part.Skip(1));
                continue;
            }
            content.AddRange(part);
        }
        return content;
    }
}

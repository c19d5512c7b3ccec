using AngleSharp.Dom;
using Docs.Content.Blocks;

namespace Docs.Content.Html;

/// <summary>An HTML table as a table block: rows in order (head, bodies, foot), header rows where every cell is a <c>th</c>, spans, widths of <c>col</c> elements.</summary>
internal static class HtmlTableReader
{
    public static Block Read(IElement table)
    {
        var rows = new List<TableRow>();
        var headers = new List<List<bool>>();
        foreach (var row in table.QuerySelectorAll("tr").Where(tr => tr.Closest("table") == table))
        {
            var cells = row.Children.Where(cell => cell.LocalName is "td" or "th").ToList();
            headers.Add(cells.Select(cell => cell.LocalName == "th").ToList());
            rows.Add(new TableRow(cells.Select(Cell).ToList()));
        }
        // As BlockNote counts them: rows where every cell is a header, columns where every row's cell is one.
        var headerRows = headers.Count(row => row.All(isHeader => isHeader));
        var headerCols = Enumerable.Range(0, headers.Count > 0 ? headers[0].Count : 0).Count(column => headers.All(row => column < row.Count && row[column]));
        var widths = table.QuerySelectorAll("col").Where(col => col.Closest("table") == table)
            .Select(col => Width(col.GetAttribute("style"))).ToList();
        var columns = rows.Count == 0 ? 0 : rows.Max(row => row.Cells.Sum(cell => cell.Props.Colspan));
        while (widths.Count < columns)
        {
            widths.Add(null);
        }
        return Block.Create(BlockTypes.Table, new TableContent(widths, headerRows > 0 ? headerRows : null, headerCols > 0 ? headerCols : null, rows));
    }

    private static TableCell Cell(IElement cell)
    {
        var (color, background) = HtmlInlineReader.Colors(cell.GetAttribute("style") ?? "");
        var alignment = (cell.GetAttribute("style") ?? "").Split(';').Select(d => d.Split(':', 2)).Where(d => d.Length == 2 && d[0].Trim() == "text-align")
            .Select(d => d[1].Trim()).FirstOrDefault(a => a is "center" or "right" or "justify") ?? BlockSchema.DefaultAlignment;
        return new TableCell(HtmlInlineReader.ReadLines(cell.ChildNodes), new TableCellProps(
            Math.Clamp(int.TryParse(cell.GetAttribute("colspan"), out var colspan) ? colspan : 1, 1, 1000),
            Math.Clamp(int.TryParse(cell.GetAttribute("rowspan"), out var rowspan) ? rowspan : 1, 1, 1000),
            BlockColors.FromCss(background, background: true) ?? BlockSchema.DefaultColor,
            BlockColors.FromCss(color, background: false) ?? BlockSchema.DefaultColor,
            alignment));
    }

    private static double? Width(string? style) =>
        style?.Split(';').Select(d => d.Split(':', 2)).Where(d => d.Length == 2 && d[0].Trim() == "width").Select(d => d[1].Trim())
            .Select(w => w.EndsWith("px", StringComparison.Ordinal) && double.TryParse(w[..^2], System.Globalization.CultureInfo.InvariantCulture, out var px) ? px : (double?)null)
            .FirstOrDefault();
}

using System.Globalization;
using System.Text;
using Docs.Content.Blocks;

namespace Docs.Content.Html;

/// <summary>A table with its header rows in <c>thead</c>, header cells as <c>th</c>, spans, widths, colours and alignment.</summary>
internal static class HtmlTable
{
    public static void Render(StringBuilder html, TableContent table, string style)
    {
        html.Append("<table").Append(style).Append(">\n");
        if (table.ColumnWidths.Any(width => width is > 0))
        {
            html.Append("<colgroup>");
            foreach (var width in table.ColumnWidths)
            {
                html.Append(width is double w && w > 0 ? $"<col style=\"width: {w.ToString(CultureInfo.InvariantCulture)}px;\">" : "<col>");
            }
            html.Append("</colgroup>\n");
        }
        var headerRows = Math.Clamp(table.HeaderRows ?? 0, 0, table.Rows.Count);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            if (r == 0 && headerRows > 0)
            {
                html.Append("<thead>\n");
            }
            if (r == headerRows)
            {
                html.Append("<tbody>\n");
            }
            html.Append("<tr>");
            var cells = table.Rows[r].Cells;
            for (var c = 0; c < cells.Count; c++)
            {
                var tag = r < headerRows || c < (table.HeaderCols ?? 0) ? "th" : "td";
                Cell(html, tag, cells[c]);
            }
            html.Append("</tr>\n");
            if (r == headerRows - 1)
            {
                html.Append("</thead>\n");
            }
        }
        if (table.Rows.Count > headerRows)
        {
            html.Append("</tbody>\n");
        }
        html.Append("</table>\n");
    }

    private static void Cell(StringBuilder html, string tag, TableCell cell)
    {
        var props = cell.Props;
        html.Append('<').Append(tag);
        if (props.Colspan > 1)
        {
            html.Append(" colspan=\"").Append(props.Colspan.ToString(CultureInfo.InvariantCulture)).Append('"');
        }
        if (props.Rowspan > 1)
        {
            html.Append(" rowspan=\"").Append(props.Rowspan.ToString(CultureInfo.InvariantCulture)).Append('"');
        }
        var style = HtmlInline.Style(BlockColors.Text(props.TextColor), BlockColors.Background(props.BackgroundColor));
        if (props.TextAlignment is "center" or "right" or "justify")
        {
            style += (style.Length > 0 ? " " : "") + "text-align: " + props.TextAlignment + ";";
        }
        if (style.Length > 0)
        {
            html.Append(" style=\"").Append(HtmlText.Escape(style)).Append('"');
        }
        html.Append('>');
        HtmlInline.Render(html, cell.Content);
        html.Append("</").Append(tag).Append('>');
    }
}

using System.Globalization;
using Docs.Content.Html;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Docs.Content.Docx;

/// <summary>
/// A table as a Word table: the column widths BlockNote stored (the rest share the page), header rows
/// repeated on each page, column spans as grid spans, row spans as vertical merges.
/// </summary>
internal static class DocxTable
{
    private const int PageWidthTwips = DocxExporter.TextWidthTwips;
    private const int TwipsPerPixel = 15;

    public static Table Render(Blocks.TableContent content, DocxInline inline)
    {
        var starts = Yjs.TableGrid.StartColumns(content);
        var columns = Math.Max(1, content.Rows.Select(row => row.Cells.Sum(cell => Math.Max(cell.Props.Colspan, 1))).DefaultIfEmpty(1).Max());
        var widths = ColumnWidths(content, columns);
        var table = new Table(
            new TableProperties(
                new TableStyle { Val = DocxStyles.Table },
                new TableWidth { Width = widths.Sum().ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        for (var r = 0; r < content.Rows.Count; r++)
        {
            var row = new TableRow();
            if (r < (content.HeaderRows ?? 0))
            {
                row.Append(new TableRowProperties(new TableHeader()));
            }
            foreach (var slot in Slots(content, starts, r))
            {
                var header = r < (content.HeaderRows ?? 0) || slot.Index < (content.HeaderCols ?? 0);
                row.Append(Cell(slot.Cell, slot.Continues, header, inline, widths, slot.Column));
            }
            table.Append(row);
        }
        return table;
    }

    private sealed record Slot(Blocks.TableCell Cell, int Index, int? Column, bool Continues);

    /// <summary>The cells of row <paramref name="row"/> by column: those starting in it, and those spanning down into it from above.</summary>
    private static IEnumerable<Slot> Slots(Blocks.TableContent content, int?[][] starts, int row)
    {
        var slots = new List<Slot>();
        for (var above = 0; above <= row; above++)
        {
            var cells = content.Rows[above].Cells;
            for (var c = 0; c < cells.Count; c++)
            {
                var spans = above == row || (starts[above][c] is not null && above + Math.Max(cells[c].Props.Rowspan, 1) > row);
                if (spans)
                {
                    slots.Add(new Slot(cells[c], c, starts[above][c], Continues: above != row));
                }
            }
        }
        return slots.OrderBy(slot => slot.Column ?? int.MaxValue);
    }

    private static TableCell Cell(Blocks.TableCell cell, bool continues, bool header, DocxInline inline, int[] widths, int? column)
    {
        var colspan = Math.Max(cell.Props.Colspan, 1);
        var width = column is { } start ? widths.Skip(start).Take(colspan).Sum() : widths[^1];
        var properties = new TableCellProperties { TableCellWidth = new TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa } };
        if (colspan > 1)
        {
            properties.GridSpan = new GridSpan { Val = colspan };
        }
        if (cell.Props.Rowspan > 1 || continues)
        {
            properties.VerticalMerge = new VerticalMerge { Val = continues ? MergedCellValues.Continue : MergedCellValues.Restart };
        }
        var fill = DocxInline.Hex(BlockColors.Background(cell.Props.BackgroundColor)) ?? (header ? "F6F8FA" : null);
        if (fill is not null)
        {
            properties.Shading = new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = fill };
        }
        var paragraph = new Paragraph(new ParagraphProperties
        {
            SpacingBetweenLines = new SpacingBetweenLines { After = "0" },
            Justification = DocxBlocks.Justification(cell.Props.TextAlignment),
        });
        if (!continues)
        {
            var content = header ? cell.Content.Select(node => node is Blocks.StyledText text ? text with { Styles = text.Styles with { Bold = true } } : node).ToList() : cell.Content;
            paragraph.Append(inline.Render(content, cell.Props.TextColor));
        }
        return new TableCell(properties, paragraph);
    }

    /// <summary>Stored widths (pixels) in twips; columns without one share what is left of the page.</summary>
    private static int[] ColumnWidths(Blocks.TableContent content, int columns)
    {
        var known = Enumerable.Range(0, columns)
            .Select(i => i < content.ColumnWidths.Count && content.ColumnWidths[i] is double px && px > 0 ? (int?)Math.Clamp((int)(px * TwipsPerPixel), 300, PageWidthTwips) : null)
            .ToArray();
        var unknown = known.Count(w => w is null);
        var share = unknown == 0 ? 0 : Math.Max(600, (PageWidthTwips - known.Sum(w => w ?? 0)) / unknown);
        return known.Select(w => w ?? share).ToArray();
    }
}

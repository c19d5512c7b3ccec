using Docs.Content.Blocks;
using Styles = Docs.Content.Blocks.Styles;
using TableCell = Docs.Content.Blocks.TableCell;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Docs.Content.Docx.Import;

/// <summary>A Word table as a table block: cells' paragraphs joined by line breaks, column spans (<c>gridSpan</c>), row spans (<c>vMerge</c>), header rows.</summary>
internal static class DocxTableReader
{
    public static Block Read(Table table, DocxRuns runs)
    {
        var rows = new List<List<TableCell>>();
        // Per grid column, the cell a vertical merge continues (its row and index), to grow its row span.
        var merging = new Dictionary<int, (int Row, int Cell)>();
        var headerRows = 0;
        var counting = true;
        foreach (var row in table.Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>())
        {
            var cells = new List<TableCell>();
            var column = 0;
            var isHeader = counting && row.TableRowProperties?.GetFirstChild<TableHeader>() is not null;
            foreach (var cell in row.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>())
            {
                var properties = cell.TableCellProperties;
                var span = Math.Clamp(properties?.GridSpan?.Val?.Value ?? 1, 1, 1000);
                var merge = properties?.VerticalMerge;
                if (merge is not null && (merge.Val is null || merge.Val.Value == MergedCellValues.Continue) && merging.TryGetValue(column, out var origin))
                {
                    var above = rows[origin.Row][origin.Cell];
                    rows[origin.Row][origin.Cell] = above with { Props = above.Props with { Rowspan = above.Props.Rowspan + 1 } };
                    column += span;
                    continue;
                }
                var content = new List<InlineNode>();
                foreach (var paragraph in cell.Elements<Paragraph>())
                {
                    if (content.Count > 0)
                    {
                        content.Add(new StyledText("\n", Styles.None));
                    }
                    // Header cells are bold by being headers (as in the editor): their bold is not a style of their own.
                    content.AddRange(runs.Read(paragraph).Inline.Select(node => isHeader && node is StyledText { Styles.Bold: true } text
                        ? text with { Styles = text.Styles with { Bold = false } is { IsPlain: true } ? Styles.None : text.Styles with { Bold = false } }
                        : node));
                }
                if (merge?.Val?.Value == MergedCellValues.Restart)
                {
                    merging[column] = (rows.Count, cells.Count);
                }
                else
                {
                    merging.Remove(column);
                }
                cells.Add(new TableCell(content, TableCellProps.Default with { Colspan = span }));
                column += span;
            }
            if (isHeader)
            {
                headerRows++;
            }
            else
            {
                counting = false;
            }
            rows.Add(cells);
        }
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Sum(c => c.Props.Colspan));
        return Block.Create(BlockTypes.Table, new TableContent([.. Enumerable.Repeat<double?>(null, width)], headerRows > 0 ? headerRows : null, null,
            [.. rows.Select(r => new Blocks.TableRow(r))]));
    }
}

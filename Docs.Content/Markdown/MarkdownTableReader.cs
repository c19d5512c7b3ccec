using Docs.Content.Blocks;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Block = Docs.Content.Blocks.Block;
using TableCell = Docs.Content.Blocks.TableCell;
using TableRow = Docs.Content.Blocks.TableRow;

namespace Docs.Content.Markdown;

/// <summary>A GFM table as a table block: its header row is the header, column alignments are the cells' alignments.</summary>
internal static class MarkdownTableReader
{
    public static Block Read(Table table)
    {
        var rows = new List<TableRow>();
        var headerRows = 0;
        foreach (var row in table.OfType<Markdig.Extensions.Tables.TableRow>())
        {
            if (row.IsHeader && rows.Count == headerRows)
            {
                headerRows++;
            }
            var cells = new List<TableCell>();
            var column = 0;
            foreach (var cell in row.OfType<Markdig.Extensions.Tables.TableCell>())
            {
                var content = new List<InlineNode>();
                foreach (var paragraph in cell.OfType<ParagraphBlock>())
                {
                    content.AddRange(MarkdownInlineReader.Read(paragraph.Inline));
                }
                var alignment = column < table.ColumnDefinitions.Count
                    ? table.ColumnDefinitions[column].Alignment switch
                    {
                        TableColumnAlign.Center => "center",
                        TableColumnAlign.Right => "right",
                        _ => BlockSchema.DefaultAlignment,
                    }
                    : BlockSchema.DefaultAlignment;
                cells.Add(new TableCell(MarkdownInlineReader.Merge(content), TableCellProps.Default with { TextAlignment = alignment }));
                column += Math.Max(cell.ColumnSpan, 1);
            }
            rows.Add(new TableRow(cells));
        }
        var columns = rows.Count == 0 ? 0 : rows.Max(row => row.Cells.Count);
        return Block.Create(BlockTypes.Table, new TableContent(Enumerable.Repeat<double?>(null, columns).ToList(), headerRows > 0 ? headerRows : null, null, rows));
    }
}

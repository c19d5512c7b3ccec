namespace Docs.Content.Blocks;

/// <summary>
/// A table as BlockNote models it: rows of cells, the widths of the columns (null where the editor keeps
/// the default), and how many leading rows and columns are headers (null for none).
/// </summary>
public sealed record TableContent(IReadOnlyList<double?> ColumnWidths, int? HeaderRows, int? HeaderCols, IReadOnlyList<TableRow> Rows) : BlockContent;

public sealed record TableRow(IReadOnlyList<TableCell> Cells);

/// <summary>A cell: rich text (lines joined by <c>\n</c>) and its span, colours and alignment.</summary>
public sealed record TableCell(IReadOnlyList<InlineNode> Content, TableCellProps Props)
{
    public static TableCell Of(params InlineNode[] content) => new(content, TableCellProps.Default);
}

public sealed record TableCellProps(int Colspan = 1, int Rowspan = 1, string BackgroundColor = BlockSchema.DefaultColor,
    string TextColor = BlockSchema.DefaultColor, string TextAlignment = BlockSchema.DefaultAlignment)
{
    public static readonly TableCellProps Default = new();
}

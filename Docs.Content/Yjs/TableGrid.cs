using Docs.Content.Blocks;

namespace Docs.Content.Yjs;

/// <summary>
/// Where each cell of a table starts once row and column spans are laid out on a grid, as BlockNote's
/// occupancy grid places them (each cell at the first free slot from its own row and index on); a cell
/// that does not fit (a malformed table) has no column.
/// </summary>
internal static class TableGrid
{
    private const long MaxSlots = 4_000_000;

    public static int?[][] StartColumns(TableContent table)
    {
        var height = table.Rows.Count;
        var width = table.Rows.Select(row => row.Cells.Sum(cell => (long)Math.Max(cell.Props.Colspan, 1))).DefaultIfEmpty(0).Max();
        var starts = new int?[height][];
        if ((long)height * width > MaxSlots)
        {
            // Spans no editor produces: no widths rather than a grid that does not fit in memory.
            return table.Rows.Select(row => new int?[row.Cells.Count]).ToArray();
        }
        var occupied = new bool[height, width];
        for (var row = 0; row < height; row++)
        {
            var cells = table.Rows[row].Cells;
            starts[row] = new int?[cells.Count];
            for (var index = 0; index < cells.Count; index++)
            {
                var props = cells[index].Props;
                if (NextFree(occupied, row, index) is { } start
                    && Occupy(occupied, start.Row, start.Column, Math.Max(props.Rowspan, 1), Math.Max(props.Colspan, 1)))
                {
                    starts[row][index] = start.Column;
                }
            }
        }
        return starts;
    }

    private static (int Row, int Column)? NextFree(bool[,] occupied, int row, int column)
    {
        for (var i = row; i < occupied.GetLength(0); i++)
        {
            for (var j = column; j < occupied.GetLength(1); j++)
            {
                if (!occupied[i, j])
                {
                    return (i, j);
                }
            }
        }
        return null;
    }

    private static bool Occupy(bool[,] occupied, int row, int column, int rowspan, int colspan)
    {
        if ((long)row + rowspan > occupied.GetLength(0) || (long)column + colspan > occupied.GetLength(1))
        {
            return false;
        }
        for (var i = row; i < row + rowspan; i++)
        {
            for (var j = column; j < column + colspan; j++)
            {
                if (occupied[i, j])
                {
                    return false;
                }
                occupied[i, j] = true;
            }
        }
        return true;
    }
}

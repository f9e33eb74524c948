namespace CspAlerts.Ingest;

/// <summary>One row of a source file as text cells, with the 1-based line (or spreadsheet row) it started on.</summary>
internal sealed record TableRow(int Line, IReadOnlyList<string> Cells)
{
    public int Count => Cells.Count;

    /// <summary>The cell at a 0-based index, trimmed; empty when the row is shorter.</summary>
    public string this[int index] => index < Cells.Count ? Cells[index].Trim() : string.Empty;
}

using CspAlerts.Diagnostics;

namespace CspAlerts.Ingest;

/// <summary>A source file read as a header row and data rows of text, the shape every format reader starts from.</summary>
/// <param name="File">The file as the caller named it, with '/' separators; errors carry it.</param>
internal sealed record Table(string File, TableRow Header, IReadOnlyList<TableRow> Rows)
{
    /// <summary>The header cells, trimmed, without the empty cells a spreadsheet or a trailing comma leaves at the end.</summary>
    public IReadOnlyList<string> Columns { get; } = TrimTrailingEmpty(Header);

    public DataError Error(TableRow row, int? column, string? value, string reason) =>
        new(File, row.Line, column, value, reason);

    /// <summary>
    /// Checks a row has one cell per column. Empty cells past the header are tolerated because
    /// spreadsheets and some exports leave them; anything else is a malformed row.
    /// </summary>
    public DataError? CheckWidth(TableRow row)
    {
        var width = Columns.Count;
        if (row.Count < width)
        {
            return Error(row, null, null, $"row has {row.Count} cells but the header has {width} (truncated row?)");
        }

        for (var i = width; i < row.Count; i++)
        {
            if (row[i].Length > 0)
            {
                return Error(row, i + 1, row[i], $"row has {row.Count} cells but the header has {width}");
            }
        }

        return null;
    }

    private static string[] TrimTrailingEmpty(TableRow header)
    {
        var count = header.Count;
        while (count > 0 && header[count - 1].Length == 0)
        {
            count--;
        }

        var columns = new string[count];
        for (var i = 0; i < count; i++)
        {
            columns[i] = header[i];
        }

        return columns;
    }
}

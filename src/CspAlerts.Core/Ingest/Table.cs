using System.Globalization;
using CspAlerts.Diagnostics;

namespace CspAlerts.Ingest;

/// <summary>
/// A source file read as a header row and data rows of text, the shape every format reader starts
/// from. The rows are read as they are asked for, once, so a file of any length is held one row at
/// a time; a row that breaks a limit (too many cells, a cell too long, one row too many) is
/// reported and not handed on.
/// </summary>
internal sealed class Table : IDisposable
{
    private readonly IEnumerator<TableRow> _source;
    private readonly DatasetLimits _limits;
    private bool _taken;

    /// <param name="source">The rows after the header, read on demand; disposed with the table.</param>
    public Table(string file, TableRow header, IEnumerator<TableRow> source, FileErrors errors, DatasetLimits limits)
    {
        File = file;
        Header = header;
        Errors = errors;
        _source = source;
        _limits = limits;
        Columns = TrimTrailingEmpty(header);
    }

    /// <summary>The file as the caller named it, with '/' separators and control characters escaped; errors carry it.</summary>
    public string File { get; }

    public TableRow Header { get; }

    /// <summary>The header cells, trimmed, without the empty cells a spreadsheet or a trailing comma leaves at the end.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The errors of this file, the reader's and the format's.</summary>
    public FileErrors Errors { get; }

    /// <summary>How many data rows have been handed on so far; once <see cref="Rows"/> is read through, all of them.</summary>
    public int RowsRead { get; private set; }

    /// <summary>The data rows, blank rows left out, read as they are asked for. They can be read once.</summary>
    public IEnumerable<TableRow> Rows
    {
        get
        {
            if (_taken)
            {
                throw new InvalidOperationException("the rows of a table are read once");
            }

            _taken = true;
            return Read();
        }
    }

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

    /// <summary>
    /// Checks a row against the limits on cells: how many, and how long each is. Returns false, with
    /// the errors added, when the row breaks one.
    /// </summary>
    public static bool WithinLimits(string file, TableRow row, DatasetLimits limits, FileErrors errors)
    {
        if (row.Count > limits.MaxColumns)
        {
            errors.Add(new DataError(file, row.Line, limits.MaxColumns + 1, null,
                $"the row has {N(row.Count)} cells, more than {N(limits.MaxColumns)}, the limit for one row"));
            return false;
        }

        var within = true;
        for (var i = 0; i < row.Count; i++)
        {
            var length = row.Cells[i].Length;
            if (length > limits.MaxCellChars)
            {
                errors.Add(new DataError(file, row.Line, i + 1, null,
                    $"the cell is {N(length)} characters long, more than {N(limits.MaxCellChars)}, the limit for one cell: '{Shown.Of(row.Cells[i])}'"));
                within = false;
            }
        }

        return within;
    }

    public void Dispose() => _source.Dispose();

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private IEnumerable<TableRow> Read()
    {
        while (_source.MoveNext())
        {
            var row = _source.Current;
            if (RowsRead == _limits.MaxRows)
            {
                Errors.Add(new DataError(File, row.Line, null, null,
                    $"the file has more than {N(_limits.MaxRows)} rows, the limit for one file; no row after this one is read"));
                yield break;
            }

            if (!WithinLimits(File, row, _limits, Errors))
            {
                continue;
            }

            RowsRead++;
            yield return row;
        }
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

using System.Globalization;
using CspAlerts.Diagnostics;

namespace CspAlerts.Ingest;

/// <summary>
/// The errors found in one file. Every error is counted, but only the first
/// <see cref="DatasetLimits.MaxErrorsPerFile"/> are kept, so a file of a million bad rows costs a
/// counter, not a million messages; the list then ends with one line saying how many more there are.
/// </summary>
internal sealed class FileErrors(string file, int max)
{
    private readonly List<DataError> _kept = [];
    private int? _firstLeftOutLine;

    public string File => file;

    /// <summary>Every error added, kept or not: any one refuses the file.</summary>
    public int Count { get; private set; }

    public void Add(DataError error)
    {
        Count++;
        if (_kept.Count < max)
        {
            _kept.Add(error);
        }
        else
        {
            _firstLeftOutLine ??= error.Line;
        }
    }

    /// <summary>
    /// The errors kept, in line and column order (readers report in the order they check), then,
    /// when some were left out, <c>… and N more errors in this file</c> at the line of the first
    /// left out.
    /// </summary>
    public IEnumerable<DataError> InLineOrder()
    {
        foreach (var error in _kept.OrderBy(e => e.Line).ThenBy(e => e.Column ?? 0))
        {
            yield return error;
        }

        if (Count > _kept.Count)
        {
            yield return LeftOut(file, _firstLeftOutLine!.Value, Count - _kept.Count);
        }
    }

    /// <summary>The errors in the order they were added, then the count of those left out: for errors found in order already, such as a merge's.</summary>
    public IEnumerable<DataError> InOrderFound()
    {
        foreach (var error in _kept)
        {
            yield return error;
        }

        if (Count > _kept.Count)
        {
            yield return LeftOut(file, _firstLeftOutLine!.Value, Count - _kept.Count);
        }
    }

    private static DataError LeftOut(string file, int line, int count) =>
        new(file, line, null, null, $"{Shown.Ellipsis} and {count.ToString("N0", CultureInfo.InvariantCulture)} more {(count == 1 ? "error" : "errors")} in this file");
}

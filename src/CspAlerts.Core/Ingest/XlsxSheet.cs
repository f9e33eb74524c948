using System.Globalization;
using System.Text;
using System.Xml;
using CspAlerts.Diagnostics;

namespace CspAlerts.Ingest;

/// <summary>
/// The rows of a workbook's first sheet as text, read from its XML one row at a time. A row's
/// line is its spreadsheet row number, and rows with no cells are not there at all, so a sheet
/// whose only cell is at row 1,048,576 costs one row, not a million. References are checked as
/// they come: one outside Excel's grid, out of order, or beyond the column limit stops the read
/// with one error, as does a dimension claiming more columns or rows than the limits allow.
/// </summary>
internal static class XlsxSheet
{
    /// <summary>Every non-blank row, the header first; errors are added to <paramref name="errors"/> and end the rows.</summary>
    public static IEnumerable<TableRow> Rows(Stream stream, string file, FileErrors errors, DatasetLimits limits)
    {
        // An empty file named .xlsx is an empty file, as an empty .csv is.
        if (stream.Length == 0)
        {
            stream.Dispose();
            yield break;
        }

        XlsxWorkbook? workbook = null;
        SheetReader? sheet = null;
        try
        {
            workbook = XlsxWorkbook.Open(stream, limits);
            sheet = new SheetReader(workbook, file, errors, limits);
        }
        catch (InputRefusedException ex)
        {
            errors.Add(TableFile.CannotRead(file, ex));
        }
        catch (Exception ex) when (IsDamage(ex))
        {
            errors.Add(TableFile.CannotRead(file, XlsxWorkbook.Fault(workbook?.SheetPart ?? string.Empty, ex)));
        }

        if (sheet is null)
        {
            workbook?.Dispose();
            yield break;
        }

        using (workbook)
        using (sheet)
        {
            while (true)
            {
                TableRow? row = null;
                var failed = false;
                try
                {
                    row = sheet.Next();
                }
                catch (Exception ex) when (ex is InputRefusedException || IsDamage(ex))
                {
                    errors.Add(TableFile.CannotRead(file, XlsxWorkbook.Fault(workbook!.SheetPart, ex, sheet.Line)));
                    failed = true;
                }

                if (failed || row is null)
                {
                    yield break;
                }

                yield return row;
            }
        }
    }

    /// <summary>How a damaged package or part shows itself while it is read: never a fault of this code.</summary>
    internal static bool IsDamage(Exception ex) => ex is XmlException or InvalidDataException or IOException or NotSupportedException;

    /// <summary>A workbook cell as the text a CSV export would hold, so that every format reads text alike.</summary>
    internal static string DateText(DateTime date) => date switch
    {
        // Excel turns a typed "2016-12" into 1 December 2016; read such a date back as its month.
        { Day: 1, TimeOfDay.Ticks: 0 } => date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ when date.TimeOfDay.Ticks == 0 => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// A number shown with a date format, as Excel stores dates: days since 1900 (with Excel's
    /// phantom 29 February 1900 before day 60) or since 1904. Null outside the dates .NET can hold.
    /// </summary>
    internal static DateTime? FromSerial(double serial, bool date1904)
    {
        var days = date1904 ? serial + 1462 : serial is >= 0 and < 60 ? serial + 1 : serial;
        return days is > -657435 and < 2958466 ? DateTime.FromOADate(days) : null;
    }

    /// <summary>Reads the sheet's XML forward, one row per call.</summary>
    private sealed class SheetReader : IDisposable
    {
        private readonly XlsxWorkbook _workbook;
        private readonly string _file;
        private readonly FileErrors _errors;
        private readonly DatasetLimits _limits;
        private readonly XmlReader _reader;
        private readonly List<(int Column, string Text)> _cells = [];
        private readonly StringBuilder _value = new();
        private readonly StringBuilder _inline = new();
        private bool _inData;
        private int _row;
        private int _width;

        public SheetReader(XlsxWorkbook workbook, string file, FileErrors errors, DatasetLimits limits)
        {
            _workbook = workbook;
            _file = file;
            _errors = errors;
            _limits = limits;
            _reader = workbook.OpenPart(workbook.SheetPart)!;
        }

        /// <summary>The row being read, or the next one: where an error in the sheet is reported.</summary>
        public int Line => Math.Max(_row, 1);

        /// <summary>The next row with a cell that is not blank, or null at the end of the sheet.</summary>
        public TableRow? Next()
        {
            while (_reader.Read())
            {
                if (_reader.NodeType == XmlNodeType.EndElement && _reader.LocalName == "sheetData")
                {
                    return null;
                }

                if (_reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (!_inData && _reader.LocalName == "dimension")
                {
                    CheckDimension(_reader.GetAttribute("ref") ?? string.Empty);
                }
                else if (!_inData && _reader.LocalName == "sheetData")
                {
                    if (_reader.IsEmptyElement)
                    {
                        return null;
                    }

                    _inData = true;
                }
                else if (_inData && _reader.LocalName == "row" && ReadRow() is { } row)
                {
                    return row;
                }
            }

            return null;
        }

        public void Dispose() => _reader.Dispose();

        private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

        /// <summary>
        /// The sheet's own claim of its extent, e.g. <c>A1:D20</c>: refused when it is not a range of
        /// a workbook or spans more columns or rows than the limits allow.
        /// </summary>
        private void CheckDimension(string range)
        {
            var corners = range.Split(':');
            var columns = 0;
            var rows = 0;
            foreach (var corner in corners)
            {
                if (corners.Length > 2 || !XlsxReference.TryParse(corner, out var column, out var row))
                {
                    throw new InputRefusedException(
                        $"the sheet's dimension '{Shown.Of(range)}' is not a range of a workbook: {XlsxReference.Rule}");
                }

                (columns, rows) = (Math.Max(columns, column), Math.Max(rows, row));
            }

            if (columns > _limits.MaxColumns)
            {
                throw new InputRefusedException(
                    $"the sheet claims to span {Shown.Of(range)}, {N(columns)} columns, more than {N(_limits.MaxColumns)}, the limit for one sheet");
            }

            if (rows > _limits.MaxRows)
            {
                throw new InputRefusedException(
                    $"the sheet claims to span {Shown.Of(range)}, {N(rows)} rows, more than {N(_limits.MaxRows)}, the limit for one file");
            }
        }

        /// <summary>Reads the row the reader is on; null when it is blank or has a cell too long (reported).</summary>
        private TableRow? ReadRow()
        {
            var numbered = _reader.GetAttribute("r");
            var row = _row + 1;
            if (numbered is not null && !XlsxReference.TryParseRow(numbered, out row))
            {
                throw new InputRefusedException(_row + 1,
                    $"row number '{Shown.Of(numbered)}' is not a row of a workbook: rows run from 1 to {N(XlsxReference.MaxRow)}");
            }

            if (row <= _row)
            {
                throw new InputRefusedException(_row + 1, $"row {N(row)} comes after row {N(_row)}: a sheet's rows are in order, each once");
            }

            if (row > XlsxReference.MaxRow)
            {
                throw new InputRefusedException(_row, $"the sheet has a row after row {N(XlsxReference.MaxRow)}, the last a workbook has");
            }

            _row = row;
            if (_reader.IsEmptyElement)
            {
                return null;
            }

            _cells.Clear();
            var tooLong = false;
            var depth = _reader.Depth;
            while (_reader.Read() && _reader.Depth > depth)
            {
                if (_reader.NodeType == XmlNodeType.Element && _reader.LocalName == "c")
                {
                    tooLong |= !ReadCell();
                }
            }

            if (tooLong || _cells.Count == 0)
            {
                return null;
            }

            _width = Math.Max(_width, _cells[^1].Column);
            var cells = new string[_width];
            Array.Fill(cells, string.Empty);
            foreach (var (column, text) in _cells)
            {
                cells[column - 1] = text;
            }

            return TableFile.IsBlank(cells) ? null : new TableRow(row, cells);
        }

        /// <summary>Reads the cell the reader is on into the row; false when its text is too long (reported).</summary>
        private bool ReadCell()
        {
            var reference = _reader.GetAttribute("r");
            var previous = _cells.Count == 0 ? 0 : _cells[^1].Column;
            var column = previous + 1;
            if (reference is not null)
            {
                if (!XlsxReference.TryParse(reference, out column, out var row))
                {
                    throw new InputRefusedException(_row,
                        $"cell reference '{Shown.Of(reference)}' is not a cell of a workbook: {XlsxReference.Rule}");
                }

                if (row != _row)
                {
                    throw new InputRefusedException(_row, $"cell {Shown.Of(reference)} is inside row {N(_row)}");
                }
            }

            var name = XlsxReference.ColumnName(column) + _row.ToString(CultureInfo.InvariantCulture);
            if (column <= previous)
            {
                throw new InputRefusedException(_row,
                    $"cell {name} comes after {XlsxReference.ColumnName(previous)}{_row}: a row's cells are in order, each once");
            }

            if (column > _limits.MaxColumns)
            {
                throw new InputRefusedException(_row,
                    $"cell {name} is in column {N(column)}, more than {N(_limits.MaxColumns)}, the limit for one sheet");
            }

            var type = _reader.GetAttribute("t");
            var style = int.TryParse(_reader.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
            _value.Clear();
            _inline.Clear();
            if (!_reader.IsEmptyElement)
            {
                ReadContent();
            }

            var text = Text(type, style, name);
            if (text.Length > _limits.MaxCellChars)
            {
                _errors.Add(new DataError(_file, _row, column, null,
                    $"cell {name} is longer than {N(_limits.MaxCellChars)} characters, the limit for one cell: '{Shown.Of(text)}'"));
                return false;
            }

            _cells.Add((column, text));
            return true;
        }

        /// <summary>Collects the cell's value (<c>v</c>) and inline text (<c>is</c>), leaving out formulas and phonetic guides.</summary>
        private void ReadContent()
        {
            var max = _limits.MaxCellChars + 1;
            var depth = _reader.Depth;
            var phonetic = 0;
            while (_reader.Read() && _reader.Depth > depth)
            {
                if (_reader.NodeType == XmlNodeType.EndElement && _reader.LocalName == "rPh")
                {
                    phonetic--;
                }
                else if (_reader.NodeType != XmlNodeType.Element || _reader.IsEmptyElement)
                {
                    continue;
                }
                else if (_reader.LocalName == "rPh")
                {
                    phonetic++;
                }
                else if (_reader.LocalName == "v")
                {
                    XlsxWorkbook.AppendText(_reader, _value, max);
                }
                else if (_reader.LocalName == "t" && phonetic == 0)
                {
                    XlsxWorkbook.AppendText(_reader, _inline, max);
                }
            }
        }

        /// <summary>The cell's value as text, by its type: shared or inline string, boolean, error, date, or number.</summary>
        private string Text(string? type, int style, string name)
        {
            var value = _value.ToString();
            switch (type)
            {
                case "s":
                    var strings = _workbook.SharedStrings;
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= strings.Count)
                    {
                        throw new InputRefusedException(_row,
                            $"cannot read the workbook: cell {name} points to shared string '{Shown.Of(value)}', but the workbook has {N(strings.Count)}");
                    }

                    return strings[index];
                case "inlineStr":
                    return XlsxWorkbook.Unescape(_inline.ToString());
                case "b":
                    return value switch
                    {
                        "1" => "TRUE",
                        "0" => "FALSE",
                        _ => value,
                    };
                case "d":
                    return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date) ? DateText(date) : value;
                case "str" or "e":
                    return value;
                default:
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    {
                        return value;
                    }

                    var styles = _workbook.DateStyles;
                    if (style < styles.Count && styles[style] && FromSerial(number, _workbook.Date1904) is { } day)
                    {
                        return DateText(day);
                    }

                    return number.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}

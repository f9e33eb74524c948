using System.Globalization;
using System.Text;
using CspAlerts.Diagnostics;
using CsvHelper;
using CsvHelper.Configuration;
using ExcelDataReader;

namespace CspAlerts.Ingest;

/// <summary>Reads a CSV source, or the first sheet of an .xlsx workbook, into a <see cref="Table"/>.</summary>
internal static class TableFile
{
    /// <summary>The file types a dataset may come in, lower case with the dot.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".csv", ".xlsx"];

    /// <summary>The local file header signature every ZIP archive, and so every .xlsx, begins with.</summary>
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];

    public static bool HasKnownExtension(string path) =>
        Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the source; returns null (with an error added) when it is empty or cannot be read.</summary>
    public static Table? Read(DatasetSource source, List<DataError> errors)
    {
        var file = source.Name;
        List<TableRow> rows;
        try
        {
            using var opened = source.Open();
            using var copy = opened.CanSeek ? null : InMemory(opened);
            var stream = copy ?? opened;
            rows = IsWorkbook(file, stream)
                ? ReadWorkbook(stream)
                : ReadCsv(stream, file, errors);
        }
        catch (IOException ex)
        {
            errors.Add(new DataError(file, 1, null, null, $"cannot read the file: {ex.Message}"));
            return null;
        }
        catch (UnauthorizedAccessException ex)
        {
            errors.Add(new DataError(file, 1, null, null, $"cannot read the file: {ex.Message}"));
            return null;
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or ArgumentException or InvalidOperationException or ExcelDataReader.Exceptions.ExcelReaderException)
        {
            // ExcelDataReader signals a damaged or non-workbook file with several exception types.
            errors.Add(new DataError(file, 1, null, null, $"cannot read the workbook: {ex.Message}"));
            return null;
        }

        if (rows.Count == 0)
        {
            errors.Add(new DataError(file, 1, null, null, "the file is empty: expected a header row"));
            return null;
        }

        return new Table(file, rows[0], rows.GetRange(1, rows.Count - 1));
    }

    /// <summary>
    /// A workbook is named .xlsx or begins as a ZIP archive, as every .xlsx does; so a workbook
    /// saved as .csv, or a stream whose name has no extension, is still read as one.
    /// </summary>
    private static bool IsWorkbook(string name, Stream stream)
    {
        if (string.Equals(Path.GetExtension(name), ".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        Span<byte> start = stackalloc byte[ZipSignature.Length];
        var position = stream.Position;
        var read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        stream.Position = position;
        return read == start.Length && start.SequenceEqual(ZipSignature);
    }

    /// <summary>A copy of a stream that cannot seek: telling a workbook from CSV looks at the start and then reads from it.</summary>
    private static MemoryStream InMemory(Stream stream)
    {
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    private static List<TableRow> ReadCsv(Stream stream, string file, List<DataError> errors)
    {
        var rows = new List<TableRow>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // Blank lines are kept (and dropped below) so that every record's first line is known.
            IgnoreBlankLines = false,
            DetectDelimiter = false,
            BadDataFound = args => errors.Add(new DataError(
                file, args.Context.Parser?.RawRow ?? 1, null, args.Field, $"badly quoted field '{args.Field}': a quote must open and close the whole field")),
        };

        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        using var parser = new CsvParser(reader, configuration);
        var lastLine = 0;
        while (parser.Read())
        {
            var line = lastLine + 1;
            lastLine = parser.RawRow;
            var record = parser.Record;
            if (record is null || IsBlank(record))
            {
                continue;
            }

            rows.Add(new TableRow(line, record));
        }

        return rows;
    }

    private static List<TableRow> ReadWorkbook(Stream stream)
    {
        // ExcelDataReader's configuration asks for code page 1252 even for .xlsx; .NET has it only
        // through this provider. Registering the same provider again is a no-op.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var rows = new List<TableRow>();
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream, new ExcelReaderConfiguration { LeaveOpen = true });
        var line = 0;

        // Only the first sheet is read: a workbook dataset keeps its figures there.
        while (reader.Read())
        {
            line++;
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = CellText(reader.GetValue(i));
            }

            if (!IsBlank(cells))
            {
                rows.Add(new TableRow(line, cells));
            }
        }

        return rows;
    }

    /// <summary>A workbook cell as the text a CSV export would hold, so that every format reads text alike.</summary>
    private static string CellText(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        double d => d.ToString(CultureInfo.InvariantCulture),

        // Excel turns a typed "2016-12" into 1 December 2016; read such a date back as its month.
        DateTime { Day: 1, TimeOfDay.Ticks: 0 } date => date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        DateTime date when date.TimeOfDay.Ticks == 0 => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static bool IsBlank(IReadOnlyList<string> cells)
    {
        foreach (var cell in cells)
        {
            if (!string.IsNullOrWhiteSpace(cell))
            {
                return false;
            }
        }

        return true;
    }
}

using System.Globalization;
using System.Text;
using CspAlerts.Diagnostics;
using CsvHelper;
using CsvHelper.Configuration;

namespace CspAlerts.Ingest;

/// <summary>
/// Opens a CSV source, or the first sheet of an .xlsx workbook, as a <see cref="Table"/> whose rows
/// are read as they are asked for. Every read is held to the <see cref="DatasetLimits"/>: the
/// bytes of the source, the length of a line, the cells of a row and the length of a cell.
/// </summary>
internal static class TableFile
{
    /// <summary>The file types a dataset may come in, lower case with the dot.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".csv", ".xlsx", ".gz", ".zip"];

    /// <summary>The local file header signature every ZIP archive, and so every .xlsx, begins with.</summary>
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>True for .csv, .xlsx, .zip and .csv.gz (a gzipped CSV); not for any other .gz.</summary>
    public static bool HasKnownExtension(string path) =>
        Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase)
        && (!IsGzip(path) || path.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase));

    /// <summary>True for a name ending .gz: the bytes are a gzipped CSV.</summary>
    public static bool IsGzip(string name) => name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Opens the source and reads its header; returns null (with an error added) when it is empty,
    /// cannot be read, or its header breaks a limit. The caller disposes the table.
    /// </summary>
    /// <param name="file">The source's name as errors show it.</param>
    public static Table? Open(DatasetSource source, string file, FileErrors errors, DatasetLimits limits)
    {
        Stream? stream = null;
        IEnumerator<TableRow>? rows = null;
        try
        {
            if (source.IsUnpackedCsv)
            {
                // An archive entry, unpacked as it is read: CSV, never seeked, held to the size limit as it is read.
                stream = source.Open();
                rows = CsvRows(stream, file, errors, limits).GetEnumerator();
            }
            else if (IsGzip(source.Name))
            {
                stream = GzipCsv.Open(Bounded(source.Open(), limits));
                rows = CsvRows(stream, file, errors, limits).GetEnumerator();
            }
            else
            {
                stream = Bounded(source.Open(), limits);
                rows = IsWorkbook(source.Name, stream)
                    ? XlsxSheet.Rows(stream, file, errors, limits).GetEnumerator()
                    : CsvRows(stream, file, errors, limits).GetEnumerator();
            }
            if (!rows.MoveNext())
            {
                rows.Dispose();
                if (errors.Count == 0)
                {
                    errors.Add(new DataError(file, 1, null, null, "the file is empty: expected a header row"));
                }

                return null;
            }

            var header = rows.Current;
            if (!Table.WithinLimits(file, header, limits, errors))
            {
                rows.Dispose();
                return null;
            }

            return new Table(file, header, rows, errors, limits);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InputRefusedException or InvalidDataException)
        {
            // Disposing a stream twice does nothing, so both are disposed whoever owned it.
            rows?.Dispose();
            stream?.Dispose();

            errors.Add(CannotRead(file, ex));
            return null;
        }
    }

    /// <summary>The error for a read that failed or passed a limit.</summary>
    public static DataError CannotRead(string file, Exception ex) => ex switch
    {
        InputRefusedException refused => new DataError(file, refused.Line, null, null, refused.Message),
        InvalidDataException => new DataError(file, 1, null, null, $"the compressed data is damaged or cut short (an incomplete download?): {Shown.Of(ex.Message, 200)}"),
        _ => new DataError(file, 1, null, null, $"cannot read the file: {Shown.Of(ex.Message, 200)}"),
    };

    /// <summary>
    /// The source held to the size limit. A seekable stream is checked by its length and read as
    /// it is; one that cannot seek is copied into memory, no further than the limit, because
    /// telling a workbook from CSV looks at the start and then reads from it.
    /// </summary>
    private static Stream Bounded(Stream opened, DatasetLimits limits)
    {
        try
        {
            if (opened.CanSeek)
            {
                if (opened.Length - opened.Position is var size && size > limits.MaxFileBytes)
                {
                    throw new InputRefusedException(LimitedStream.TooLarge(size, limits.MaxFileBytes));
                }

                return opened;
            }

            var copy = new MemoryStream();
            using (var limited = new LimitedStream(opened, limits.MaxFileBytes))
            {
                limited.CopyTo(copy);
            }

            copy.Position = 0;
            return copy;
        }
        catch
        {
            opened.Dispose();
            throw;
        }
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

    /// <summary>Every non-blank record, the header first, each with the line it starts on.</summary>
    private static IEnumerable<TableRow> CsvRows(Stream stream, string file, FileErrors errors, DatasetLimits limits)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // Blank lines are kept (and dropped below) so that every record's first line is known.
            IgnoreBlankLines = false,
            DetectDelimiter = false,
            BadDataFound = args => errors.Add(new DataError(
                file, args.Context.Parser?.RawRow ?? 1, null, args.Field, $"badly quoted field '{Shown.Of(args.Field)}': a quote must open and close the whole field")),
        };

        // The stream is read through a byte limit too: a file can grow while it is read.
        using var limited = new LimitedStream(stream, limits.MaxFileBytes);
        using var reader = new LineLimitedReader(new StreamReader(limited, Encoding.UTF8, detectEncodingFromByteOrderMarks: true), limits.MaxLineChars);
        using var parser = new CsvParser(reader, configuration);
        var lastLine = 0;
        while (true)
        {
            string[]? record;
            try
            {
                if (!parser.Read())
                {
                    yield break;
                }

                record = parser.Record;
            }
            catch (Exception ex) when (Refusal(ex) is { } refusal)
            {
                errors.Add(CannotRead(file, refusal));
                yield break;
            }

            var line = lastLine + 1;
            lastLine = parser.RawRow;
            if (record is null || IsBlank(record))
            {
                continue;
            }

            yield return new TableRow(line, record);
        }
    }

    /// <summary>The reason a read stopped, when it is a limit or a read error rather than a fault in this code.</summary>
    private static Exception? Refusal(Exception ex) => ex switch
    {
        InputRefusedException or IOException or UnauthorizedAccessException or InvalidDataException => ex,
        { InnerException: { } inner } => Refusal(inner),
        _ => null,
    };

    /// <summary>True when every cell is empty or white space: such rows are left out.</summary>
    public static bool IsBlank(IReadOnlyList<string> cells)
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

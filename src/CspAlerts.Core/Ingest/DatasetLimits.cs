using System.Globalization;

namespace CspAlerts.Ingest;

/// <summary>
/// The limits every dataset is held to as it is read, so that a damaged or hostile file is refused
/// with a clear error (naming the file, the line and the limit) instead of exhausting memory or
/// time, or loading a figure no month can hold. The defaults leave a wide margin over any
/// partnership's files; a larger user raises a limit and hands the record to
/// <see cref="DatasetLoader"/>, e.g. <c>DatasetLimits.Default with { MaxFileBytes = 1_000_000_000 }</c>.
/// </summary>
public sealed record DatasetLimits
{
    /// <summary>The limits as shipped.</summary>
    public static DatasetLimits Default { get; } = new();

    /// <summary>
    /// The largest file or stream read, in bytes. Only regular files are read: a pipe, a device or
    /// a socket is refused, and a link is followed only to a regular file within this size. A
    /// stream that cannot seek is copied into memory, so it cannot pass 2 GB whatever this is.
    /// </summary>
    /// <value>The default is 200,000,000 (200 MB).</value>
    public long MaxFileBytes { get; init; } = 200_000_000;

    /// <summary>The most a workbook (.xlsx) may unpack to, in bytes, whatever its size on disk.</summary>
    /// <value>The default is 500,000,000 (500 MB).</value>
    public long MaxUnpackedBytes { get; init; } = 500_000_000;

    /// <summary>
    /// The most a workbook may unpack to as a multiple of its size: a zip bomb unpacks to a
    /// thousand times its size or more, a workbook of figures to about ten.
    /// </summary>
    /// <value>The default is 100.</value>
    public int MaxUnpackRatio { get; init; } = 100;

    /// <summary>The most columns a header, a row or a sheet may have (Excel allows 16,384).</summary>
    /// <value>The default is 1,000.</value>
    public int MaxColumns { get; init; } = 1_000;

    /// <summary>The most data rows a file may have, not counting the header or blank rows.</summary>
    /// <value>The default is 2,000,000.</value>
    public int MaxRows { get; init; } = 2_000_000;

    /// <summary>The longest line of a CSV file, the header included, in characters.</summary>
    /// <value>The default is 1,000,000.</value>
    public int MaxLineChars { get; init; } = 1_000_000;

    /// <summary>The longest cell, in characters.</summary>
    /// <value>The default is 32,767, the most Excel holds in one cell.</value>
    public int MaxCellChars { get; init; } = 32_767;

    /// <summary>
    /// How many errors are listed for one file; past these one line says how many more there are.
    /// Every error is still counted, and any one refuses the load.
    /// </summary>
    /// <value>The default is 100.</value>
    public int MaxErrorsPerFile { get; init; } = 100;

    /// <summary>
    /// The largest count one month may hold for one indicator in one area, as read or as summed
    /// from several rows. A larger count is taken for a typing or export fault.
    /// </summary>
    /// <value>The default is 10,000,000.</value>
    public long MaxMonthlyCount { get; init; } = 10_000_000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first limit that is not a positive number, or is above what can be read.</summary>
    public void Validate()
    {
        Positive(MaxFileBytes, nameof(MaxFileBytes));
        Positive(MaxUnpackedBytes, nameof(MaxUnpackedBytes));
        Positive(MaxUnpackRatio, nameof(MaxUnpackRatio));
        Positive(MaxColumns, nameof(MaxColumns));
        Positive(MaxRows, nameof(MaxRows));
        Positive(MaxLineChars, nameof(MaxLineChars));
        Positive(MaxCellChars, nameof(MaxCellChars));
        Positive(MaxErrorsPerFile, nameof(MaxErrorsPerFile));
        Positive(MaxMonthlyCount, nameof(MaxMonthlyCount));

        // A workbook cannot have more columns than Excel's last, XFD.
        AtMost(MaxColumns, XlsxReference.MaxColumn, nameof(MaxColumns));
    }

    /// <summary>How many bytes a workbook of this size may unpack to: the ratio times its size, at most <see cref="MaxUnpackedBytes"/>.</summary>
    internal long UnpackedLimitFor(long fileBytes) =>
        fileBytes > MaxUnpackedBytes / MaxUnpackRatio ? MaxUnpackedBytes : Math.Max(fileBytes, 1) * MaxUnpackRatio;

    private static void Positive(long value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be 1 or more");
        }
    }

    private static void AtMost(long value, long max, string name)
    {
        if (value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be {max.ToString("N0", CultureInfo.InvariantCulture)} or less");
        }
    }
}

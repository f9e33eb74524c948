using System.Text;

namespace CspAlerts.Ingest;

/// <summary>
/// Where a dataset comes from: a name that errors show, and a way to open its bytes. A host that
/// receives a dataset as an upload or an attachment hands it in as a stream; the command line
/// hands in files. Either way the content decides how it is read: a workbook when the name ends
/// in <c>.xlsx</c> or the bytes begin as a ZIP archive (as every .xlsx does), CSV otherwise.
/// </summary>
public sealed class DatasetSource
{
    private readonly Func<Stream> _open;

    private DatasetSource(string name, string? filePath, Func<Stream> open)
    {
        Name = name;
        FilePath = filePath;
        _open = open;
    }

    /// <summary>The name errors and <see cref="Dataset.File"/> give, e.g. <c>data/mps.csv</c> or <c>upload 3: mps.csv</c>.</summary>
    public string Name { get; }

    /// <summary>The path of a file source, as given; null for a stream.</summary>
    internal string? FilePath { get; }

    /// <summary>True for an entry of a .zip archive: the stream opened is CSV, unpacked as it is read, and cannot seek.</summary>
    internal bool IsUnpackedCsv { get; private init; }

    /// <summary>A CSV entry of a .zip archive, unpacked as it is read; its name is <c>archive.zip:folder/entry.csv</c>.</summary>
    internal static DatasetSource FromZipEntry(string name, Func<Stream> open) => new(name, null, open) { IsUnpackedCsv = true };

    /// <summary>
    /// A file. Its name is the path as given with '/' separators on every platform. A missing
    /// file, a directory or an extension other than .csv or .xlsx is an error when it is loaded.
    /// </summary>
    public static DatasetSource FromFile(string path) => FromFile(path, null);

    /// <summary>A file whose relative path is read from <paramref name="baseDirectory"/>; errors still name it as given.</summary>
    public static DatasetSource FromFile(string path, string? baseDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = baseDirectory is null ? path : Path.Combine(baseDirectory, path);
        return new DatasetSource(path.Replace('\\', '/'), file, () => File.OpenRead(file));
    }

    /// <summary>
    /// A stream opened when the dataset is loaded, once per load, and disposed after reading.
    /// The name is shown as given and may be anything: it is not checked for an extension.
    /// A stream that cannot seek is read into memory first, no further than
    /// <see cref="DatasetLimits.MaxFileBytes"/>.
    /// </summary>
    public static DatasetSource FromStream(string name, Func<Stream> open)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(open);
        return new DatasetSource(name, null, open);
    }

    /// <summary>The bytes of a file already in memory, e.g. an upload.</summary>
    public static DatasetSource FromBytes(string name, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return FromStream(name, () => new MemoryStream(bytes, writable: false));
    }

    /// <summary>CSV text, as a file saved in UTF-8 would hold it.</summary>
    public static DatasetSource FromText(string name, string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return FromBytes(name, Encoding.UTF8.GetBytes(csv));
    }

    /// <summary>Opens the content afresh; the caller disposes the stream.</summary>
    public Stream Open() => _open() ?? throw new InvalidOperationException($"the stream for {Name} was null");

    public override string ToString() => Name;
}

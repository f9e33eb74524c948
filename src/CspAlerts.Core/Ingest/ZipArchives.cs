using System.IO.Compression;
using CspAlerts.Diagnostics;

namespace CspAlerts.Ingest;

/// <summary>
/// A .zip download, as data.police.uk serves one: its .csv entries become datasets of their own,
/// named <c>download.zip:2022-10/2022-10-leicestershire-street.csv</c>, and each is unpacked as it
/// is read, never whole. When the archive holds street-level files, only they are read: the
/// outcomes and stop-and-search files of the same download are other data.
/// </summary>
internal static class ZipArchives
{
    public static bool IsZip(string path) => path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <param name="shown">The archive as errors name it.</param>
    /// <param name="path">Where it is read from.</param>
    public static IEnumerable<DatasetSource> CsvEntries(string shown, string path, DatasetLimits limits, List<DataError> errors)
    {
        var file = Shown.Escaped(shown);
        List<(string Name, long Length)> entries;
        try
        {
            if (new FileInfo(path) is { Exists: true, Length: var size } && size > limits.MaxUnpackedBytes)
            {
                errors.Add(new DataError(file, 1, null, null, LimitedStream.TooLarge(size, limits.MaxUnpackedBytes)));
                return [];
            }

            using var archive = ZipFile.OpenRead(path);
            entries = [.. archive.Entries
                .Where(e => e.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !e.FullName.EndsWith('/'))
                .Select(e => (e.FullName, e.Length))];
            foreach (var entry in archive.Entries.Where(e => entries.Any(x => x.Name == e.FullName)))
            {
                // A zip bomb unpacks to a thousand times its size; CSV to ten or so.
                if (entry.Length > limits.MaxFileBytes || entry.Length > Math.Max(entry.CompressedLength, 1) * (long)limits.MaxUnpackRatio)
                {
                    errors.Add(new DataError($"{file}:{Shown.Escaped(entry.FullName)}", 1, null, null,
                        $"the entry unpacks to {entry.Length:N0} bytes from {entry.CompressedLength:N0}, past the limit of {limits.MaxFileBytes:N0} bytes or {limits.MaxUnpackRatio} times its size"));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            errors.Add(ex is FileNotFoundException or DirectoryNotFoundException
                ? new DataError(file, 1, null, null, "file not found")
                : new DataError(file, 1, null, null, $"cannot read the zip archive (damaged or cut short, an incomplete download?): {Shown.Of(ex.Message, 200)}"));
            return [];
        }

        var street = entries.Where(e => e.Name.EndsWith("-street.csv", StringComparison.OrdinalIgnoreCase)).ToList();
        if (street.Count > 0)
        {
            entries = street;
        }

        if (entries.Count == 0)
        {
            errors.Add(new DataError(file, 1, null, null, "the zip archive holds no .csv files"));
            return [];
        }

        return entries.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e =>
            DatasetSource.FromZipEntry($"{shown}:{e.Name}", () => OpenEntry(path, e.Name, limits)));
    }

    private static OwningStream OpenEntry(string path, string entryName, DatasetLimits limits)
    {
        var archive = ZipFile.OpenRead(path);
        try
        {
            var entry = archive.GetEntry(entryName) ?? throw new FileNotFoundException($"the entry {entryName} is no longer in the archive");
            return new OwningStream(new LimitedStream(entry.Open(), limits.MaxFileBytes), archive);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    /// <summary>An entry's stream that closes its archive with it.</summary>
    private sealed class OwningStream(Stream inner, IDisposable owner) : ReadOnlyStream(inner)
    {
        public override int Read(Span<byte> buffer) => Inner.Read(buffer);

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing); // the entry's stream first, then its archive
            if (disposing)
            {
                owner.Dispose();
            }
        }
    }
}

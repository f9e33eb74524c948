using System.Buffers.Binary;
using System.IO.Compression;

namespace CspAlerts.Ingest;

/// <summary>
/// A gzipped CSV file, unpacked as it is read. A gzip file ends with the length of what it
/// unpacks to; a download cut short can end cleanly at a block boundary, so at the end of the data
/// the length unpacked is checked against it, and a file cut short is an error rather than a
/// month with rows missing.
/// </summary>
internal sealed class GzipCsv : ReadOnlyStream
{
    private readonly uint? _expected;
    private long _read;

    private GzipCsv(GZipStream inner, uint? expected)
        : base(inner)
    {
        _expected = expected;
    }

    /// <summary>Unpacks a gzip stream; a seekable one (a file) has its recorded length checked at the end.</summary>
    public static Stream Open(Stream packed)
    {
        uint? expected = null;
        if (packed.CanSeek && packed.Length - packed.Position >= 18)
        {
            var start = packed.Position;
            Span<byte> tail = stackalloc byte[4];
            packed.Seek(-4, SeekOrigin.End);
            packed.ReadExactly(tail);
            packed.Position = start;
            expected = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        }

        return new GzipCsv(new GZipStream(packed, CompressionMode.Decompress), expected);
    }

    public override int Read(Span<byte> buffer)
    {
        var n = Inner.Read(buffer);
        _read += n;
        if (n == 0 && buffer.Length > 0 && _expected is uint expected && (uint)_read != expected)
        {
            throw new InvalidDataException($"it unpacked to {_read:N0} bytes, but records {expected:N0} (mod 2^32)");
        }

        return n;
    }
}

using System.Globalization;

namespace CspAlerts.Ingest;

/// <summary>
/// A read-only view of a stream that refuses to read past a number of bytes, so that a stream
/// (or a file that grows, or a device that never ends) cannot make a load read without end.
/// </summary>
internal sealed class LimitedStream(Stream inner, long limit) : ReadOnlyStream(inner)
{
    private long _read;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    /// <summary>The error a read past the limit gives: the whole source is too large.</summary>
    public static string TooLarge(long limit) =>
        $"the file is larger than {N(limit)} bytes, the limit for one file";

    /// <summary>The error for a file or stream whose size is known to be over the limit.</summary>
    public static string TooLarge(long size, long limit) =>
        $"the file is {N(size)} bytes, more than {N(limit)}, the limit for one file";

    public override int Read(Span<byte> buffer)
    {
        // One byte more than the limit is asked for, so that a source of exactly the limit is read whole.
        var allowed = (int)Math.Min(buffer.Length, limit + 1 - _read);
        var read = Inner.Read(buffer[..allowed]);
        _read += read;
        return _read > limit ? throw new InputRefusedException(TooLarge(limit)) : read;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

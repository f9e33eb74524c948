using System.Globalization;

namespace CspAlerts.Ingest;

/// <summary>
/// A text reader that refuses a line longer than a limit as soon as it has read that far, so a
/// file of one enormous line (a 100 MB header, say) is never held whole by the CSV parser.
/// </summary>
internal sealed class LineLimitedReader(TextReader inner, int maxLineChars) : TextReader
{
    private int _line = 1;
    private int _lineLength;
    private bool _afterCr;

    /// <summary>The error for a line over the limit.</summary>
    public static string TooLong(int max) =>
        $"the line is longer than {max.ToString("N0", CultureInfo.InvariantCulture)} characters, the limit for one line";

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        if (c >= 0)
        {
            Count([(char)c]);
        }

        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var read = inner.Read(buffer);
        Count(buffer[..read]);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Count(ReadOnlySpan<char> chars)
    {
        // Most of a chunk is whole lines well within the limit: skip from line end to line end.
        while (chars.Length > 0)
        {
            var end = chars.IndexOfAny('\r', '\n');
            var run = end < 0 ? chars.Length : end;
            if (run > 0)
            {
                if (_lineLength + run > maxLineChars)
                {
                    throw new InputRefusedException(_line, TooLong(maxLineChars));
                }

                _lineLength += run;
                _afterCr = false;
            }

            if (end < 0)
            {
                return;
            }

            CountLineEnd(chars[end]);
            chars = chars[(end + 1)..];
        }
    }

    private void CountLineEnd(char c)
    {
        // \r\n ends one line, not two.
        if (c == '\r' || !_afterCr)
        {
            _line++;
        }

        _lineLength = 0;
        _afterCr = c == '\r';
    }
}

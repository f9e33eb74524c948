using System.Globalization;

namespace CspAlerts.Ingest;

/// <summary>
/// A view of an XML part that refuses a run of more than <see cref="MaxBytes"/> bytes without a
/// <c>&lt;</c> or <c>&gt;</c>: a tag, an attribute or a piece of text that long. An XML reader
/// holds each such token whole, so without this a small file unpacking to one enormous attribute
/// would take memory twice its size. No workbook comes near it: a cell holds at most 32,767
/// characters.
/// </summary>
internal sealed class XmlTokenLimit(Stream inner, string part) : ReadOnlyStream(inner)
{
    /// <summary>The longest run allowed, in bytes.</summary>
    public const int MaxBytes = 1 << 20;

    private int _run;

    public override int Read(Span<byte> buffer)
    {
        var read = Inner.Read(buffer);
        foreach (var b in buffer[..read])
        {
            // '<' and '>' are single bytes in UTF-8 and never part of another character.
            if (b is (byte)'<' or (byte)'>')
            {
                _run = 0;
            }
            else if (++_run > MaxBytes)
            {
                throw new InputRefusedException(
                    $"cannot read the workbook: {Shown.Of(part)} holds a tag or text of more than {MaxBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes, which no workbook has");
            }
        }

        return read;
    }
}

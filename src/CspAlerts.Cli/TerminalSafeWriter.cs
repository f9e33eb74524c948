using System.Globalization;
using System.Text;

namespace CspAlerts.Cli;

/// <summary>
/// Writes text with every control character but line feed and tab shown as an escape (<c>\u001b</c>),
/// so that nothing read from a file or an argument can move the cursor, recolour the terminal or
/// reorder a line (bidirectional overrides) when it is echoed in an error or a table.
/// </summary>
internal sealed class TerminalSafeWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value)
    {
        if (IsUnsafe(value))
        {
            inner.Write(string.Create(CultureInfo.InvariantCulture, $"\\u{(int)value:x4}"));
        }
        else
        {
            inner.Write(value);
        }
    }

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        if (!value.Any(IsUnsafe))
        {
            inner.Write(value);
            return;
        }

        foreach (var c in value)
        {
            Write(c);
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value)
    {
        Write(value);
        inner.WriteLine();
    }

    public override void Flush() => inner.Flush();

    /// <summary>C0 and C1 controls (but line feed and tab), DEL, and the bidirectional embedding, override and isolate marks.</summary>
    internal static bool IsUnsafe(char c) =>
        (c < ' ' && c is not '\n' and not '\t') || (c >= '\u007f' && c <= '\u009f') || c is (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');
}

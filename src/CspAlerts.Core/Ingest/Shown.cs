using System.Globalization;
using System.Text;

namespace CspAlerts.Ingest;

/// <summary>
/// Input text as an error message may show it: control characters escaped, so a file cannot move
/// the cursor, recolour or clear the terminal that prints its errors, and a long value cut, so a
/// file cannot make one error line as long as itself. Every value a message echoes passes here.
/// </summary>
/// <remarks>To be folded into <c>CspAlerts.Diagnostics.Echo</c>, which does the same for every input.</remarks>
internal static class Shown
{
    /// <summary>How many characters of a value an error shows by default.</summary>
    public const int DefaultMax = 80;

    /// <summary>What stands for the part of a value that was cut.</summary>
    public const char Ellipsis = '…';

    /// <summary>
    /// The text escaped and, when its escaped form is longer than <paramref name="max"/> characters,
    /// cut to that many and ended with <c>…</c>. A tab shows as <c>\t</c>, a line end as <c>\n</c>
    /// or <c>\r</c>, any other control, line separator, bidirectional override or lone surrogate as
    /// <c>\u</c> and four hex digits.
    /// </summary>
    public static string Of(string text, int max = DefaultMax)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max && !NeedsEscape(text))
        {
            return text;
        }

        var shown = new StringBuilder(Math.Min(text.Length, max) + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var piece = pair ? text.AsSpan(i, 2) : Escape(c).AsSpan();
            if (shown.Length + piece.Length > max)
            {
                return shown.Append(Ellipsis).ToString();
            }

            shown.Append(piece);
            if (pair)
            {
                i++;
            }
        }

        return shown.ToString();
    }

    /// <summary>The text with its control characters escaped as <see cref="Of"/> does, never cut: for names such as a file's.</summary>
    public static string Escaped(string text) => Of(text, int.MaxValue);

    private static bool NeedsEscape(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (IsUnsafe(c))
            {
                return true;
            }
        }

        return false;
    }

    private static string Escape(char c) => c switch
    {
        '\t' => "\\t",
        '\n' => "\\n",
        '\r' => "\\r",
        _ when IsUnsafe(c) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
        _ => c.ToString(),
    };

    /// <summary>
    /// Controls (C0, DEL, C1), the line and paragraph separators, the bidirectional embeddings,
    /// overrides and isolates that can make text display in another order than it is, and a
    /// surrogate without its pair.
    /// </summary>
    private static bool IsUnsafe(char c) =>
        char.IsControl(c)
        || char.IsSurrogate(c)
        || c is '\u2028' or '\u2029' or '\u200E' or '\u200F' or '\u061C'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';
}

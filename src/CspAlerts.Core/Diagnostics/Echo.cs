using System.Globalization;
using System.Text;

namespace CspAlerts.Diagnostics;

/// <summary>
/// How an error message repeats what it was given: short, on one line, and with nothing in it that a
/// terminal or editor would act on. Use it wherever input (a value, a key, an id, a file name) is
/// echoed in product text, so that a huge value cannot flood a report and a control character cannot
/// move the cursor, recolour a terminal or reverse the text around it.
/// </summary>
public static class Echo
{
    /// <summary>How many characters of input an error repeats unless told otherwise.</summary>
    public const int DefaultMax = 80;

    /// <summary>
    /// The text as an error should repeat it: every control character (C0 and C1 such as ESC, CR,
    /// LF and tab), format character (such as the bidirectional overrides U+202E and U+2066, and
    /// zero-width characters), line or paragraph separator, and unpaired surrogate written as a
    /// visible escape (<c>\t</c>, <c>\n</c>, <c>\r</c>, else <c>\u001b</c>); then, when the result
    /// is longer than <paramref name="max"/> characters, cut to fewer and ended with <c>…</c>, so
    /// that it is at most <paramref name="max"/> characters long. An escape or a surrogate pair is
    /// never cut in two. Null reads as empty.
    /// </summary>
    /// <param name="text">The input to repeat.</param>
    /// <param name="max">The most characters the result may have, the <c>…</c> included; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is less than 1.</exception>
    public static string Of(string? text, int max = DefaultMax)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.Length <= max && !text.Any(NeedsEscape))
        {
            return text;
        }

        // Build piece by piece, noting the last piece boundary that leaves room for the ellipsis.
        var result = new StringBuilder(Math.Min(text.Length, max) + 1);
        var kept = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var piece = Piece(text, ref i);
            if (result.Length + piece.Length > max)
            {
                result.Length = kept;
                return result.Append('…').ToString();
            }

            result.Append(piece);
            if (result.Length <= max - 1)
            {
                kept = result.Length;
            }
        }

        return result.ToString();
    }

    /// <summary>The character at <paramref name="i"/> as it is echoed; a surrogate pair is one piece, and <paramref name="i"/> moves past it.</summary>
    private static string Piece(string text, ref int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            i++;
            return string.Concat(c, text[i]);
        }

        return c switch
        {
            '\t' => @"\t",
            '\n' => @"\n",
            '\r' => @"\r",
            _ when NeedsEscape(c) => @"\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            _ => c.ToString(),
        };
    }

    /// <summary>True for a character that must not reach a terminal as it is: control, format, separator or lone surrogate.</summary>
    private static bool NeedsEscape(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control
        or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;
}

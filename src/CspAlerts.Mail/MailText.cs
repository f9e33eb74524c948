using System.Globalization;
using System.Text;

namespace CspAlerts.Mail;

/// <summary>Text made safe for a header line, or for echoing in a delivery detail.</summary>
internal static class MailText
{
    /// <summary>
    /// One line for a header: control characters (CR, LF, TAB, NUL, NEL...) and line or paragraph
    /// separators become a space, format characters (bidirectional overrides, zero-width marks) and
    /// unpaired surrogates are dropped, runs of white space become one space, and the ends are trimmed.
    /// </summary>
    public static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                space = false;
                continue;
            }

            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Format or UnicodeCategory.Surrogate)
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || category is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>What a server or a setting said, on one line and cut to <paramref name="max"/> characters, for a detail or an error.</summary>
    public static string Visible(string text, int max = 80)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            if (builder.Length >= max)
            {
                builder.Append('…');
                break;
            }

            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate)
            {
                builder.Append(c switch
                {
                    '\r' => "\\r",
                    '\n' => "\\n",
                    '\t' => "\\t",
                    _ => $"\\u{(int)c:X4}",
                });
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

namespace CspAlerts.Ingest;

/// <summary>
/// Numbers as spreadsheets export them. Excel writes a number formatted with thousands separators
/// as a quoted CSV field, <c>"1,200"</c>; the commas are dropped before the number is parsed, but
/// only where they can mean nothing else.
/// </summary>
internal static class Number
{
    /// <summary>The reason a comma is refused, appended to the error for the number it is in.</summary>
    public const string CommaRule = "a comma may only separate thousands, as in 1,200";

    /// <summary>
    /// The text without its thousands separators: unchanged when it has no comma; without the
    /// commas when every one of them separates a group of three digits from a leading group of
    /// one to three (<c>1,200</c>, <c>-12,345.5</c>); null when a comma could be something else,
    /// such as a decimal comma or a typing slip (<c>1,20</c>, <c>1,2000</c>, <c>0,5</c>, <c>,</c>).
    /// </summary>
    public static string? Ungroup(string text)
    {
        if (!text.Contains(',', StringComparison.Ordinal))
        {
            return text;
        }

        var i = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        // The leading group: 1 to 3 digits, not a lone 0 (0,5 is a decimal comma, not a thousand).
        var leading = i - start;
        if (leading is 0 or > 3 || text[start] == '0')
        {
            return null;
        }

        while (i < text.Length && text[i] == ',')
        {
            var group = i + 1;
            var end = group;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end - group != 3)
            {
                return null;
            }

            i = end;
        }

        // Then, at most, a decimal point and its digits.
        if (i < text.Length)
        {
            if (text[i] != '.' || i + 1 == text.Length)
            {
                return null;
            }

            for (var d = i + 1; d < text.Length; d++)
            {
                if (!char.IsAsciiDigit(text[d]))
                {
                    return null;
                }
            }
        }

        return text.Replace(",", string.Empty, StringComparison.Ordinal);
    }
}

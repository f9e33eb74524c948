using System.Globalization;

namespace CspAlerts.Ingest;

/// <summary>
/// Cell references as a workbook writes them, <c>B12</c>: one to three column letters from A to
/// XFD, then a row from 1 to 1,048,576. Anything else is not a cell of a workbook.
/// </summary>
internal static class XlsxReference
{
    /// <summary>The last column Excel has, XFD.</summary>
    public const int MaxColumn = 16_384;

    /// <summary>The last row Excel has.</summary>
    public const int MaxRow = 1_048_576;

    /// <summary>Why a reference is refused, for errors.</summary>
    public static readonly string Rule =
        $"columns run from A to XFD and rows from 1 to {MaxRow.ToString("N0", CultureInfo.InvariantCulture)}";

    /// <summary>Parses <c>B12</c> (a <c>$</c> before either part is allowed) to 1-based column and row.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out int column, out int row)
    {
        column = 0;
        row = 0;
        var i = text.Length > 0 && text[0] == '$' ? 1 : 0;
        var letters = 0;
        while (i < text.Length && char.IsAsciiLetter(text[i]))
        {
            if (++letters > 3)
            {
                return false;
            }

            column = (column * 26) + (char.ToUpperInvariant(text[i]) - 'A' + 1);
            i++;
        }

        if (letters == 0 || column > MaxColumn)
        {
            return false;
        }

        if (i < text.Length && text[i] == '$')
        {
            i++;
        }

        return TryParseRow(text[i..], out row);
    }

    /// <summary>Parses a row number, 1 to 1,048,576, as a row element's <c>r</c> gives it.</summary>
    public static bool TryParseRow(ReadOnlySpan<char> text, out int row)
    {
        row = 0;
        if (text.Length is 0 or > 7)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            row = (row * 10) + (c - '0');
        }

        return row is >= 1 and <= MaxRow;
    }

    /// <summary>The letters of a 1-based column: 1 is A, 27 is AA, 16,384 is XFD.</summary>
    public static string ColumnName(int column)
    {
        var name = string.Empty;
        while (column > 0)
        {
            var digit = (column - 1) % 26;
            name = (char)('A' + digit) + name;
            column = (column - 1) / 26;
        }

        return name;
    }
}

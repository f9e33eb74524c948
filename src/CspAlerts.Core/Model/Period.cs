using System.Globalization;

namespace CspAlerts.Model;

/// <summary>A calendar month, the unit of every series CspAlerts reads.</summary>
public readonly record struct Period(int Year, int Month) : IComparable<Period>
{
    /// <summary>Months since year 0; consecutive months differ by one.</summary>
    public int Index => (Year * 12) + Month - 1;

    /// <summary>The first year of the April–March financial year this month falls in.</summary>
    public int FinancialYear => Month >= 4 ? Year : Year - 1;

    /// <summary>Months elapsed in the financial year up to and including this month (April is 1).</summary>
    public int FinancialMonth => Month >= 4 ? Month - 3 : Month + 9;

    public static Period FromIndex(int index) => new(index / 12, (index % 12) + 1);

    public Period AddMonths(int months) => FromIndex(Index + months);

    public int CompareTo(Period other) => Index.CompareTo(other.Index);

    public static bool operator <(Period left, Period right) => left.Index < right.Index;

    public static bool operator >(Period left, Period right) => left.Index > right.Index;

    public static bool operator <=(Period left, Period right) => left.Index <= right.Index;

    public static bool operator >=(Period left, Period right) => left.Index >= right.Index;

    /// <summary>Parses <c>YYYY-MM</c>; returns false for anything else, such as <c>2016-13</c>.</summary>
    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        if (text is null || text.Length != 7 || text[4] != '-')
        {
            return false;
        }

        return TryCreate(text.AsSpan(0, 4), text.AsSpan(5, 2), out period);
    }

    /// <summary>Parses the MPS column name form <c>YYYYMM</c>.</summary>
    public static bool TryParseCompact(string? text, out Period period)
    {
        period = default;
        if (text is null || text.Length != 6)
        {
            return false;
        }

        return TryCreate(text.AsSpan(0, 4), text.AsSpan(4, 2), out period);
    }

    public static bool TryCreate(ReadOnlySpan<char> year, ReadOnlySpan<char> month, out Period period)
    {
        period = default;
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ||
            !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ||
            y < 1900 || y > 2200 || m < 1 || m > 12)
        {
            return false;
        }

        period = new Period(y, m);
        return true;
    }

    /// <summary>The month as people write it, e.g. "December 2016".</summary>
    public string ToDisplayString() => string.Create(CultureInfo.InvariantCulture, $"{CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(Month)} {Year}");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}

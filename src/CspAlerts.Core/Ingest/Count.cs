using System.Globalization;
using CspAlerts.Model;

namespace CspAlerts.Ingest;

/// <summary>
/// Reads the whole-number counts MPS and LFB files hold, with or without thousands separators,
/// and sums them with checked arithmetic. Every count, read or summed, is held to the most one
/// month may hold (<see cref="DatasetLimits.MaxMonthlyCount"/>): a larger one is a fault, not a figure.
/// </summary>
internal static class Count
{
    /// <summary>Parses a count of 0 up to <paramref name="max"/>, such as <c>12</c> or <c>1,200</c>.</summary>
    public static bool TryParse(string text, long max, out long count)
    {
        count = 0;
        return Number.Ungroup(text) is { } plain
            && long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count)
            && count >= 0
            && count <= max;
    }

    /// <summary>
    /// The error sentence for a cell <see cref="TryParse"/> refused, naming the item it counts,
    /// e.g. "Burglary / Domestic Burglary in Barking and Dagenham at 2016-12".
    /// </summary>
    public static string Problem(string text, string item, long max)
    {
        if (text.Length == 0)
        {
            return $"count for {item} is empty";
        }

        if (Number.Ungroup(text) is not { } plain)
        {
            return $"count '{Shown.Of(text)}' for {item} is not a whole number: {Number.CommaRule}";
        }

        if (long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count) && count < 0)
        {
            return Negative("count", count, item);
        }

        // Digits only, and too many for the limit (or for any count): more than a month may hold, not a fault of form.
        var digits = plain.TrimStart('+');
        return digits.Length > 0 && digits.All(char.IsAsciiDigit)
            ? $"count {Shown.Of(digits.TrimStart('0'))} for {item} is more than {N(max)}, the most one month may hold"
            : $"count '{Shown.Of(text)}' for {item} is not a whole number";
    }

    /// <summary>The error sentence for a count below zero, e.g. "count -3 for burglary in haringey at 2016-12 is negative; counts cannot be below zero".</summary>
    /// <param name="what">What the figure is called where it was read: <c>count</c> in MPS and LFB files, <c>value</c> in a canonical one.</param>
    public static string Negative(string what, double count, string item) =>
        $"{what} {Figure(count)} for {item} is negative; counts cannot be below zero";

    /// <summary>The error sentence for a count over the monthly limit.</summary>
    public static string TooLarge(string what, double count, string item, long max) =>
        $"{what} {Figure(count)} for {item} is more than {N(max)}, the most one month may hold";

    /// <summary>
    /// Adds a count to a sum of counts when the sum stays within <paramref name="max"/>, allocating
    /// nothing: the readers call this for every cell, and <see cref="Add"/>, which words the error,
    /// only when it returns false (the sum is then unchanged).
    /// </summary>
    /// <param name="sum">A sum within the limit, as every sum these methods made is.</param>
    /// <param name="count">The count read, already within the limit (never negative).</param>
    public static bool TryAdd(ref long sum, long count, long max)
    {
        if (sum < 0 || count < 0 || count > max - sum)
        {
            return false;
        }

        sum += count;
        return true;
    }

    /// <summary>
    /// Adds a count to a sum of counts for one indicator, area and month, or says why it cannot:
    /// the sum would pass the monthly limit, or the largest number a count can hold.
    /// </summary>
    /// <param name="sum">The sum so far; the new sum when the result is null.</param>
    /// <param name="count">The count read, already within the limit.</param>
    /// <param name="item">The cell's item as its errors name it.</param>
    /// <param name="total">What is summed, e.g. "total-notifiable-offences in barnet at 2016-12".</param>
    /// <param name="firstLine">The first line summed into the total.</param>
    /// <returns>Null when added; else the error sentence.</returns>
    public static string? Add(ref long sum, long count, string item, string total, int firstLine, long max)
    {
        long result;
        try
        {
            result = checked(sum + count);
        }
        catch (OverflowException)
        {
            return $"count {count} for {item} brings {total} past {N(long.MaxValue)}, the most a count can hold (rows summed from line {firstLine})";
        }

        if (result > max)
        {
            return $"count {count} for {item} brings {total} to {result}, more than {N(max)}, the most one month may hold (rows summed from line {firstLine})";
        }

        sum = result;
        return null;
    }

    /// <summary>True when <see cref="Check"/> finds nothing wrong with the figure; it allocates nothing.</summary>
    public static bool Fits(double figure, IndicatorUnit unit, bool monthly, bool whole, long max) => unit switch
    {
        IndicatorUnit.Count => figure >= 0 && (!whole || figure == Math.Floor(figure)) && (!monthly || figure <= max),
        IndicatorUnit.Percent => figure is >= 0 and <= 100,
        IndicatorUnit.Rate => figure >= 0,
        _ => true,
    };

    /// <summary>
    /// Why a figure cannot be what a canonical column gives for an indicator of this unit, or null
    /// when it can. Counts are whole and not below zero (a monthly value no more than
    /// <paramref name="max"/>), percentages lie between 0 and 100, rates are not below zero. A
    /// target may be fractional; a change (<c>change_pct</c>) is not checked here.
    /// </summary>
    /// <param name="what">The column, e.g. <c>value</c> or <c>london_value</c>.</param>
    /// <param name="monthly">True for the monthly value, held to the monthly limit.</param>
    /// <param name="whole">True when a count must be a whole number (all but targets).</param>
    public static string? Check(string what, double figure, IndicatorUnit unit, string item, bool monthly, bool whole, long max) => unit switch
    {
        IndicatorUnit.Count when figure < 0 => Negative(what, figure, item),
        IndicatorUnit.Count when whole && figure != Math.Floor(figure) => $"{what} {Figure(figure)} for {item} is not a whole number; counts are whole numbers",
        IndicatorUnit.Count when monthly && figure > max => TooLarge(what, figure, item, max),
        IndicatorUnit.Percent when figure is < 0 or > 100 => $"{what} {Figure(figure)} for {item} is not a percentage: percentages lie between 0 and 100",
        IndicatorUnit.Rate when figure < 0 => $"{what} {Figure(figure)} for {item} is negative; rates cannot be below zero",
        _ => null,
    };

    /// <summary>A figure as errors show it: as parsed, without thousands separators; -0 shows as 0.</summary>
    private static string Figure(double figure) => (figure == 0 ? 0 : figure).ToString(CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

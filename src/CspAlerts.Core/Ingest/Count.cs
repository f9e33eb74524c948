using System.Globalization;

namespace CspAlerts.Ingest;

/// <summary>Reads the whole-number counts MPS and LFB files hold, with or without thousands separators.</summary>
internal static class Count
{
    /// <summary>Parses a count of 0 or more, such as <c>12</c> or <c>1,200</c>.</summary>
    public static bool TryParse(string text, out long count)
    {
        count = 0;
        return Number.Ungroup(text) is { } plain
            && long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count)
            && count >= 0;
    }

    /// <summary>
    /// The error sentence for a cell <see cref="TryParse"/> refused, naming the item it counts,
    /// e.g. "Burglary / Domestic Burglary in Barking and Dagenham at 2016-12".
    /// </summary>
    public static string Problem(string text, string item)
    {
        if (text.Length == 0)
        {
            return $"count for {item} is empty";
        }

        if (Number.Ungroup(text) is not { } plain)
        {
            return $"count '{Shown.Of(text)}' for {item} is not a whole number: {Number.CommaRule}";
        }

        return long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count)
            ? Negative("count", count, item)
            : $"count '{Shown.Of(text)}' for {item} is not a whole number";
    }

    /// <summary>The error sentence for a count below zero, e.g. "count -3 for burglary in haringey at 2016-12 is negative; ...".</summary>
    /// <param name="what">What the figure is called where it was read: <c>count</c> in MPS and LFB files, <c>value</c> in a canonical one.</param>
    public static string Negative(string what, double count, string item) =>
        $"{what} {count.ToString(CultureInfo.InvariantCulture)} for {item} is negative; counts cannot be below zero";
}

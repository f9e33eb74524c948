using System.Globalization;
using CspAlerts.Model;

namespace CspAlerts.Rules;

/// <summary>
/// The formats a message may give a figure, checked when the rule set compiles so that rendering a
/// message can neither throw nor run away:
/// <list type="bullet">
/// <item>a standard format <c>F N P E G</c>, and <c>D</c> for whole numbers only, with a precision of at most
/// <see cref="RuleLimits.MaxFormatPrecision"/> (<c>F1</c>, <c>N0</c>, <c>D2</c>);</item>
/// <item>a custom format of at most <see cref="RuleLimits.MaxCustomFormatLength"/> characters, made of
/// <c>0 # . , % ‰ E e + - ;</c>, spaces and text in quotes (<c>+0.0;-0.0</c>, <c>#,0.##' pts'</c>).</item>
/// </list>
/// Text takes no format. A format that passes is then tried on sample values of the measure's kind.
/// </summary>
internal static class NumberFormats
{
    private const string CustomCharacters = "0#.,%‰Ee+-; ";

    private static readonly double[] NumberSamples = [0, 1, -1, 0.5, -1234.5678, 1e15, 1e-7, double.Epsilon, double.MaxValue, double.MinValue];

    private static readonly int[] WholeSamples = [0, 1, -1, 42, int.MaxValue, int.MinValue];

    /// <summary>What is wrong with <paramref name="format"/> for <paramref name="measure"/>, or null when it may be used.</summary>
    public static string? Check(string format, Measure measure, RuleLimits limits)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(limits);
        if (measure.Kind == MeasureKind.Text)
        {
            return TextTakesNone(format, measure.Name, limits);
        }

        var whole = measure.Kind == MeasureKind.Whole;
        var error = IsStandard(format)
            ? CheckStandard(format, measure.Name, whole, limits)
            : CheckCustom(format, measure.Name, limits);
        return error ?? TryOnSamples(format, measure.Name, whole);
    }

    /// <summary>The error for a format given to a text placeholder.</summary>
    public static string TextTakesNone(string format, string name, RuleLimits limits) =>
        $"the format {Shown(format, limits)} cannot apply to '{{{name}}}', which is text";

    /// <summary>A letter and nothing but digits after it, as .NET reads a standard numeric format.</summary>
    private static bool IsStandard(string format) =>
        char.IsAsciiLetter(format[0]) && format.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;

    private static string? CheckStandard(string format, string name, bool whole, RuleLimits limits)
    {
        var letter = char.ToUpperInvariant(format[0]);
        if (letter == 'D' && !whole)
        {
            return $"the format {Shown(format, limits)} of '{{{name}}}' is for whole numbers, but {name} may be fractional: use F0 or N0";
        }

        if (letter is not ('F' or 'N' or 'P' or 'E' or 'G' or 'D'))
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"the format {Shown(format, limits)} of '{{{name}}}' is not allowed: use {(whole ? "D, " : string.Empty)}F, N, P, E or G with a precision of at most {limits.MaxFormatPrecision}, or a custom format such as #,0.0");
        }

        var digits = format.AsSpan(1).TrimStart('0');
        if (digits.Length > 9 || (digits.Length > 0 && int.Parse(digits, CultureInfo.InvariantCulture) > limits.MaxFormatPrecision))
        {
            var precision = digits.Length > 9 ? "more than 999,999,999" : int.Parse(digits, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture);
            return string.Create(
                CultureInfo.InvariantCulture,
                $"the format {Shown(format, limits)} of '{{{name}}}' asks for a precision of {precision}; the limit is {limits.MaxFormatPrecision}");
        }

        return null;
    }

    private static string? CheckCustom(string format, string name, RuleLimits limits)
    {
        if (format.Length > limits.MaxCustomFormatLength)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"the format of '{{{name}}}' is {format.Length:N0} characters long; the limit is {limits.MaxCustomFormatLength}");
        }

        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c is '\'' or '"')
            {
                var close = format.IndexOf(c, i + 1);
                if (close < 0)
                {
                    return $"the format {format} of '{{{name}}}' opens a quote that is not closed";
                }

                i = close;
            }
            else if (!CustomCharacters.Contains(c, StringComparison.Ordinal))
            {
                return $"the format {format} of '{{{name}}}' uses '{c}', which a number format does not: it may have only 0 # . , % ‰ E e + - ; spaces and text in quotes";
            }
        }

        return null;
    }

    private static string? TryOnSamples(string format, string name, bool whole)
    {
        try
        {
            IEnumerable<IFormattable> samples = whole ? WholeSamples.Cast<IFormattable>() : NumberSamples.Cast<IFormattable>();
            foreach (var sample in samples)
            {
                _ = sample.ToString(format, CultureInfo.InvariantCulture);
            }

            return null;
        }
        catch (FormatException)
        {
            return $"the format {format} of '{{{name}}}' is not a number format";
        }
    }

    /// <summary>The format as an error shows it: cut short when it is past the custom format limit.</summary>
    private static string Shown(string format, RuleLimits limits) =>
        format.Length <= limits.MaxCustomFormatLength ? format : string.Concat(format.AsSpan(0, limits.MaxCustomFormatLength), "…");
}

using CspAlerts.Model;

namespace CspAlerts.Measures;

/// <summary>
/// NHS "Making Data Count" XmR charts: centre line at the mean, process limits at mean ± 2.66 × mean
/// moving range, near limits at two thirds of that. No outlier screening, as in the MDC spreadsheets.
/// Each point is classified as NHSRplotthedots classifies it: a point beyond a process limit; a point
/// in a run of 7 rising or 7 falling; a point between a near limit and its process limit that is one
/// of 2 such points within 3 in a row all on one side of the mean; a point in a run of 7 on one side
/// of the mean. The first that applies wins, in that order.
/// </summary>
public static class StatisticalProcessControl
{
    public const int DefaultWindow = 24;
    public const int MinimumPoints = 12;
    private const double LimitFactor = 2.66;
    private const double NearFactor = 2.0 / 3.0 * LimitFactor;
    private const int RunLength = 7;

    /// <summary>
    /// Computes the chart over the values ending at the latest one (up to <paramref name="window"/> of
    /// them) and the highest-priority special cause that flags the latest point. Null when fewer than
    /// twelve points are given. For counts, a lower process limit below zero is reported as 0.
    /// </summary>
    public static SpcResult? Evaluate(ReadOnlySpan<double> values, Polarity polarity, IndicatorUnit unit, int window = DefaultWindow) =>
        Latest(values, polarity, unit, window)?.ToResult();

    /// <summary>As <see cref="Evaluate"/>, as a value: rules read a chart of every fact, and nothing is allocated for it.</summary>
    internal static SpcFigures? Latest(ReadOnlySpan<double> values, Polarity polarity, IndicatorUnit unit, int window = DefaultWindow)
    {
        if (values.Length > window)
        {
            values = values[^window..];
        }

        if (values.Length < MinimumPoints)
        {
            return null;
        }

        var limits = Limits.Of(values);
        var (signal, direction) = PointAt(values, values.Length - 1, limits);
        return new SpcFigures(limits.Mean, limits.Upper, Reported(limits.Lower, unit), signal, Classify(direction, polarity));
    }

    /// <summary>
    /// The whole chart: limits and the classification of every point, as the <c>chart</c> command and
    /// the emails draw it. Null when fewer than twelve points are given.
    /// </summary>
    public static SpcChart? Chart(ReadOnlySpan<double> values, Polarity polarity, IndicatorUnit unit, int window = DefaultWindow)
    {
        if (values.Length > window)
        {
            values = values[^window..];
        }

        if (values.Length < MinimumPoints)
        {
            return null;
        }

        var limits = Limits.Of(values);
        var points = new SpcPoint[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var (signal, direction) = PointAt(values, i, limits);
            points[i] = new SpcPoint(values[i], signal, Classify(direction, polarity));
        }

        return new SpcChart(limits.Mean, limits.Upper, Reported(limits.Lower, unit), limits.NearUpper, limits.NearLower, limits.Lower, points);
    }

    private static double Reported(double lower, IndicatorUnit unit) => unit == IndicatorUnit.Count && lower < 0 ? 0 : lower;

    /// <summary>The special cause of the point at <paramref name="i"/>, looking at its neighbours on both sides.</summary>
    private static (string Signal, int Direction) PointAt(ReadOnlySpan<double> v, int i, Limits l)
    {
        if (IsOutside(v[i], l))
        {
            return ("beyond-limits", Side(v[i], l.Mean) >= 0 ? 1 : -1);
        }

        if (TrendThrough(v, i) is var trend and not 0)
        {
            return ("trend", trend);
        }

        if (IsClose(v[i], l) && TwoOfThreeThrough(v, i, l))
        {
            return ("two-of-three", Side(v[i], l.Mean));
        }

        if (ShiftThrough(v, i, l.Mean))
        {
            return ("shift", Side(v[i], l.Mean));
        }

        return ("none", 0);
    }

    private static bool IsOutside(double x, Limits l) => x > l.Upper || x < l.Lower;

    /// <summary>Between a near limit and its process limit: a point beyond the process limit does not count, as in NHSRplotthedots.</summary>
    private static bool IsClose(double x, Limits l) => !IsOutside(x, l) && (x > l.NearUpper || x < l.NearLower);

    // A point exactly on the mean is on neither side, so it breaks a run.
    private static int Side(double x, double mean) => x > mean ? 1 : x < mean ? -1 : 0;

    /// <summary>
    /// The direction of a run of 7 strictly rising or strictly falling that contains point i, or 0.
    /// A point that ends one run and starts another (a peak) takes the direction of the step after it.
    /// </summary>
    private static int TrendThrough(ReadOnlySpan<double> v, int i)
    {
        if (!InTrend(v, i))
        {
            return 0;
        }

        var useNext = i + 1 < v.Length && InTrend(v, i + 1);
        var step = useNext ? v[i + 1] - v[i] : v[i] - v[i - 1];
        return Math.Sign(step);
    }

    private static bool InTrend(ReadOnlySpan<double> v, int i)
    {
        for (var end = i; end < Math.Min(v.Length, i + RunLength); end++)
        {
            if (TrendEndingAt(v, end) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private static int TrendEndingAt(ReadOnlySpan<double> v, int end)
    {
        if (end < RunLength - 1)
        {
            return 0;
        }

        var direction = Math.Sign(v[end] - v[end - 1]);
        for (var k = end - RunLength + 2; k <= end && direction != 0; k++)
        {
            if (Math.Sign(v[k] - v[k - 1]) != direction)
            {
                return 0;
            }
        }

        return direction;
    }

    /// <summary>Some 3 points in a row containing i are all on one side of the mean with at least 2 of them close to a limit.</summary>
    private static bool TwoOfThreeThrough(ReadOnlySpan<double> v, int i, Limits l)
    {
        for (var start = i - 2; start <= i; start++)
        {
            if (start < 0 || start + 2 >= v.Length)
            {
                continue;
            }

            var side = Side(v[start], l.Mean);
            var close = 0;
            var sameSide = side != 0;
            for (var k = start; k < start + 3; k++)
            {
                sameSide &= Side(v[k], l.Mean) == side;
                close += IsClose(v[k], l) ? 1 : 0;
            }

            if (sameSide && close >= 2)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Point i is in a run of 7 on one side of the mean.</summary>
    private static bool ShiftThrough(ReadOnlySpan<double> v, int i, double mean)
    {
        for (var end = i; end < Math.Min(v.Length, i + RunLength); end++)
        {
            if (end < RunLength - 1)
            {
                continue;
            }

            var side = Side(v[end], mean);
            var run = side != 0;
            for (var k = end - RunLength + 1; k < end && run; k++)
            {
                run = Side(v[k], mean) == side;
            }

            if (run)
            {
                return true;
            }
        }

        return false;
    }

    private static string Classify(int direction, Polarity polarity) => (polarity, direction) switch
    {
        (_, 0) => "common-cause",
        (Polarity.Monitor, _) => "neutral",
        (Polarity.LowerIsBetter, > 0) or (Polarity.HigherIsBetter, < 0) => "concern",
        _ => "improvement",
    };

    private readonly record struct Limits(double Mean, double Upper, double Lower, double NearUpper, double NearLower)
    {
        public static Limits Of(ReadOnlySpan<double> values)
        {
            double sum = 0, movingRange = 0;
            for (var i = 0; i < values.Length; i++)
            {
                sum += values[i];
                if (i > 0)
                {
                    movingRange += Math.Abs(values[i] - values[i - 1]);
                }
            }

            var mean = sum / values.Length;
            var averageMovingRange = movingRange / (values.Length - 1);
            return new Limits(
                mean,
                mean + (LimitFactor * averageMovingRange),
                mean - (LimitFactor * averageMovingRange),
                mean + (NearFactor * averageMovingRange),
                mean - (NearFactor * averageMovingRange));
        }
    }
}

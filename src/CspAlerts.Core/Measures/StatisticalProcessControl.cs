using CspAlerts.Model;

namespace CspAlerts.Measures;

/// <summary>
/// NHS "Making Data Count" XmR charts: centre line at the mean, process limits at mean ± 2.66 × mean
/// moving range, near limits at two thirds of that. No outlier screening, as in the MDC spreadsheets.
/// </summary>
public static class StatisticalProcessControl
{
    public const int DefaultWindow = 24;
    public const int MinimumPoints = 12;
    private const double LimitFactor = 2.66;
    private const int RunLength = 7;

    /// <summary>
    /// Computes the chart over the values ending at the latest one (up to <paramref name="window"/> of
    /// them) and the highest-priority special cause that flags the latest point. Null when fewer than
    /// twelve points are given.
    /// </summary>
    public static SpcResult? Evaluate(ReadOnlySpan<double> values, Polarity polarity, int window = DefaultWindow)
    {
        if (values.Length > window)
        {
            values = values[^window..];
        }

        if (values.Length < MinimumPoints)
        {
            return null;
        }

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
        var upper = mean + (LimitFactor * averageMovingRange);
        var lower = mean - (LimitFactor * averageMovingRange);
        var nearUpper = mean + (2.0 / 3.0 * LimitFactor * averageMovingRange);
        var nearLower = mean - (2.0 / 3.0 * LimitFactor * averageMovingRange);

        var (signal, direction) = Detect(values, mean, upper, lower, nearUpper, nearLower);
        return new SpcResult(mean, upper, lower, signal, Classify(direction, polarity));
    }

    private static (string Signal, int Direction) Detect(
        ReadOnlySpan<double> v, double mean, double upper, double lower, double nearUpper, double nearLower)
    {
        var last = v[^1];
        if (last > upper)
        {
            return ("beyond-limits", 1);
        }

        if (last < lower)
        {
            return ("beyond-limits", -1);
        }

        if (v.Length >= RunLength)
        {
            var run = v[^RunLength..];
            if (AllSteps(run, rising: true))
            {
                return ("trend", 1);
            }

            if (AllSteps(run, rising: false))
            {
                return ("trend", -1);
            }
        }

        var three = v[^3..];
        if (AllOnSide(three, mean, above: true) && CountBeyond(three, nearUpper, above: true) >= 2)
        {
            return ("two-of-three", 1);
        }

        if (AllOnSide(three, mean, above: false) && CountBeyond(three, nearLower, above: false) >= 2)
        {
            return ("two-of-three", -1);
        }

        if (v.Length >= RunLength)
        {
            var run = v[^RunLength..];
            if (AllOnSide(run, mean, above: true))
            {
                return ("shift", 1);
            }

            if (AllOnSide(run, mean, above: false))
            {
                return ("shift", -1);
            }
        }

        return ("none", 0);
    }

    private static bool AllSteps(ReadOnlySpan<double> run, bool rising)
    {
        for (var i = 1; i < run.Length; i++)
        {
            if (rising ? run[i] <= run[i - 1] : run[i] >= run[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    // A point exactly on the mean is on neither side, so it breaks a run.
    private static bool AllOnSide(ReadOnlySpan<double> points, double mean, bool above)
    {
        foreach (var p in points)
        {
            if (above ? p <= mean : p >= mean)
            {
                return false;
            }
        }

        return true;
    }

    private static int CountBeyond(ReadOnlySpan<double> points, double limit, bool above)
    {
        var count = 0;
        foreach (var p in points)
        {
            if (above ? p > limit : p < limit)
            {
                count++;
            }
        }

        return count;
    }

    private static string Classify(int direction, Polarity polarity) => (polarity, direction) switch
    {
        (Polarity.Monitor, _) => "neutral",
        (_, 0) => "common-cause",
        (Polarity.LowerIsBetter, > 0) or (Polarity.HigherIsBetter, < 0) => "concern",
        _ => "improvement",
    };
}

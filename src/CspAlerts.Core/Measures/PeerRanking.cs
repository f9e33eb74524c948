using CspAlerts.Model;

namespace CspAlerts.Measures;

/// <summary>Ranks peers against each other: rank 1 is the best, and ties take the better rank (1, 2, 2, 4).</summary>
internal static class PeerRanking
{
    /// <summary>
    /// Ranks each value among the known values, in place into <paramref name="ranks"/> (0 for an
    /// unknown value), and returns how many values are known. Lower is better unless
    /// <paramref name="polarity"/> is higher-is-better; monitor indicators rank as lower-is-better.
    /// Sorting once makes a group of n cost n log n, not n².
    /// </summary>
    public static int RankAll(ReadOnlySpan<double> values, Span<int> ranks, Span<double> scratch, Polarity polarity)
    {
        var known = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                scratch[known++] = v;
            }
        }

        var sorted = scratch[..known];
        sorted.Sort();
        var higherIsBetter = polarity == Polarity.HigherIsBetter;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (double.IsNaN(v))
            {
                ranks[i] = 0;
                continue;
            }

            // Peers strictly better: below v when lower is better, above v when higher is better.
            ranks[i] = 1 + (higherIsBetter ? known - UpperBound(sorted, v) : LowerBound(sorted, v));
        }

        return known;
    }

    /// <summary>The rank of one value among its peers' values (its own included), or 0 when it is unknown.</summary>
    public static int RankOne(double candidate, ReadOnlySpan<double> peers, Polarity polarity, out int known)
    {
        known = 0;
        var better = 0;
        var higherIsBetter = polarity == Polarity.HigherIsBetter;
        foreach (var p in peers)
        {
            if (double.IsNaN(p))
            {
                continue;
            }

            known++;
            if (higherIsBetter ? p > candidate : p < candidate)
            {
                better++;
            }
        }

        return double.IsNaN(candidate) ? 0 : better + 1;
    }

    private static int LowerBound(ReadOnlySpan<double> sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(ReadOnlySpan<double> sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}

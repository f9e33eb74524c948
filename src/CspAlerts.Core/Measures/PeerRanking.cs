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

    /// <summary>
    /// The rank of one series among its peers' series (its own included) at every month, into
    /// <paramref name="ranks"/> (0 where its value is unknown), and how many peers have a value there
    /// into <paramref name="known"/>. Peer by peer, so each peer's months are read in order.
    /// </summary>
    public static void RankEachMonth(ReadOnlySpan<double> own, IReadOnlyList<double[]> peers, Polarity polarity, Span<int> ranks, Span<int> known)
    {
        var better = ranks;
        better.Clear();
        known.Clear();
        var higherIsBetter = polarity == Polarity.HigherIsBetter;
        foreach (var peer in peers)
        {
            var values = peer.AsSpan(0, own.Length);
            for (var t = 0; t < values.Length; t++)
            {
                var p = values[t];
                if (double.IsNaN(p))
                {
                    continue;
                }

                known[t]++;
                if (higherIsBetter ? p > own[t] : p < own[t])
                {
                    better[t]++;
                }
            }
        }

        for (var t = 0; t < own.Length; t++)
        {
            ranks[t] = double.IsNaN(own[t]) ? 0 : better[t] + 1;
        }
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

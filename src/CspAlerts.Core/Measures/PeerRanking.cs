using CspAlerts.Configuration;

namespace CspAlerts.Measures;

/// <summary>Ranks peers against each other: rank 1 is the best, and ties take the better rank (1, 2, 2, 4).</summary>
internal static class PeerRanking
{
    /// <summary>
    /// Ranks each value among the values given. Lower is better unless <paramref name="polarity"/> is
    /// higher-is-better; monitor indicators rank as lower-is-better, for information only.
    /// NaN values get rank 0 and do not count.
    /// </summary>
    public static int Rank(double candidate, ReadOnlySpan<double> peers, Polarity polarity)
    {
        if (double.IsNaN(candidate))
        {
            return 0;
        }

        var better = 0;
        var higherIsBetter = polarity == Polarity.HigherIsBetter;
        foreach (var p in peers)
        {
            if (!double.IsNaN(p) && (higherIsBetter ? p > candidate : p < candidate))
            {
                better++;
            }
        }

        return better + 1;
    }

    public static int CountKnown(ReadOnlySpan<double> values)
    {
        var n = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                n++;
            }
        }

        return n;
    }
}

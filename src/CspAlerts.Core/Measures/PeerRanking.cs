using CspAlerts.Model;

namespace CspAlerts.Measures;

/// <summary>Ranks peers against each other: rank 1 is the best, and ties take the better rank (1, 2, 2, 4).</summary>
internal static class PeerRanking
{
    /// <summary>
    /// Ranks each value among the known values, in place into <paramref name="ranks"/> (0 for an
    /// unknown value), and returns how many values are known. Lower is better unless
    /// <paramref name="polarity"/> is higher-is-better; monitor indicators rank as lower-is-better.
    /// The known values are sorted once with their positions, and ranks read off in one sweep, so a
    /// group of n costs n log n, not n².
    /// </summary>
    /// <param name="scratch">At least as long as <paramref name="values"/>.</param>
    /// <param name="positions">At least as long as <paramref name="values"/>.</param>
    public static int RankAll(ReadOnlySpan<double> values, Span<int> ranks, Span<double> scratch, Span<int> positions, Polarity polarity)
    {
        var known = 0;
        for (var i = 0; i < values.Length; i++)
        {
            ranks[i] = 0;
            if (!double.IsNaN(values[i]))
            {
                scratch[known] = values[i];
                positions[known++] = i;
            }
        }

        var sorted = scratch[..known];
        var order = positions[..known];
        sorted.Sort(order);
        var higherIsBetter = polarity == Polarity.HigherIsBetter;
        for (var start = 0; start < known;)
        {
            // A run of equal values: each is beaten by those before the run (lower is better) or after it.
            var end = start + 1;
            while (end < known && sorted[end] == sorted[start])
            {
                end++;
            }

            var rank = 1 + (higherIsBetter ? known - end : start);
            for (var k = start; k < end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end;
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
        foreach (var peer in peers)
        {
            // Without branches: a NaN is not counted, and compares false either way.
            var values = peer.AsSpan(0, own.Length);
            for (var t = 0; t < values.Length; t++)
            {
                var p = values[t];
                known[t] += double.IsNaN(p) ? 0 : 1;
                better[t] += (polarity == Polarity.HigherIsBetter ? p > own[t] : p < own[t]) ? 1 : 0;
            }
        }

        for (var t = 0; t < own.Length; t++)
        {
            ranks[t] = double.IsNaN(own[t]) ? 0 : better[t] + 1;
        }
    }
}

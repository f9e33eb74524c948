using System.Runtime.Intrinsics;
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
    /// <param name="order">
    /// A permutation of the positions of <paramref name="values"/>: on entry, the order to start sorting
    /// from (the last month's order, when ranking month after month, which is nearly sorted already);
    /// on return, the positions by value, the unknown last.
    /// </param>
    public static int RankAll(ReadOnlySpan<double> values, Span<int> ranks, Span<double> scratch, Span<int> positions, Span<int> order, Polarity polarity)
    {
        var known = 0;
        var unknown = values.Length;
        foreach (var i in order[..values.Length])
        {
            ranks[i] = 0;
            if (double.IsNaN(values[i]))
            {
                positions[--unknown] = i;
            }
            else
            {
                scratch[known] = values[i];
                positions[known++] = i;
            }
        }

        SortFrom(scratch[..known], positions[..known]);
        positions[..values.Length].CopyTo(order);
        var sorted = scratch[..known];
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
                ranks[positions[k]] = rank;
            }

            start = end;
        }

        return known;
    }

    /// <summary>
    /// Sorts the values with their positions. By insertion first, which takes a pass when they are
    /// nearly in order; once that has moved values more than a few places each on average, by the
    /// library's sort from where it got to.
    /// </summary>
    private static void SortFrom(Span<double> keys, Span<int> items)
    {
        var moves = 0;
        var limit = (8 * keys.Length) + 64;
        for (var i = 1; i < keys.Length; i++)
        {
            var key = keys[i];
            var item = items[i];
            var j = i - 1;
            while (j >= 0 && keys[j] > key)
            {
                keys[j + 1] = keys[j];
                items[j + 1] = items[j];
                j--;
                moves++;
            }

            keys[j + 1] = key;
            items[j + 1] = item;
            if (moves > limit)
            {
                keys.Sort(items);
                return;
            }
        }
    }

    /// <summary>
    /// The rank of one series among its peers' series (its own included) at every month, into
    /// <paramref name="ranks"/> (0 where its value is unknown), and how many peers have a value there
    /// into <paramref name="known"/>. Several months at a time where the processor has vectors: a
    /// peer's NaN is not counted and compares false either way, as one at a time.
    /// </summary>
    public static void RankEachMonth(ReadOnlySpan<double> own, ReadOnlySpan<double[]> peers, Polarity polarity, Span<int> ranks, Span<int> known)
    {
        var higherIsBetter = polarity == Polarity.HigherIsBetter;
        var t = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var width = Vector256<double>.Count;
            for (; t <= own.Length - width; t += width)
            {
                var mine = Vector256.Create(own.Slice(t, width));
                var count = Vector256<long>.Zero;
                var better = Vector256<long>.Zero;
                foreach (var peer in peers)
                {
                    // Each comparison gives -1 (all bits set) where it holds.
                    var theirs = Vector256.Create(peer.AsSpan(t, width));
                    count -= Vector256.Equals(theirs, theirs).AsInt64();
                    better -= (higherIsBetter ? Vector256.GreaterThan(theirs, mine) : Vector256.LessThan(theirs, mine)).AsInt64();
                }

                for (var lane = 0; lane < width; lane++)
                {
                    known[t + lane] = (int)count[lane];
                    ranks[t + lane] = double.IsNaN(own[t + lane]) ? 0 : (int)better[lane] + 1;
                }
            }
        }

        for (; t < own.Length; t++)
        {
            int count = 0, better = 0;
            foreach (var peer in peers)
            {
                var p = peer[t];
                count += double.IsNaN(p) ? 0 : 1;
                better += (higherIsBetter ? p > own[t] : p < own[t]) ? 1 : 0;
            }

            known[t] = count;
            ranks[t] = double.IsNaN(own[t]) ? 0 : better + 1;
        }
    }
}

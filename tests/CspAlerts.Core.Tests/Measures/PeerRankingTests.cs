using CspAlerts.Measures;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Measures;

public class PeerRankingTests
{
    [Fact]
    public void Quartiles_counted_against_the_quarter_marks_are_those_of_dividing()
    {
        for (var size = 1; size <= 400; size++)
        {
            for (var rank = -2; rank <= size + 3; rank++)
            {
                Assert.Equal((int)Math.Ceiling(4.0 * rank / size), PeerPosition.QuartileOf(rank, size));
            }
        }
    }

    [Theory]
    [InlineData(Polarity.LowerIsBetter)]
    [InlineData(Polarity.HigherIsBetter)]
    public void Every_rank_is_one_more_than_the_known_values_strictly_better(Polarity polarity)
    {
        var random = new Random(7);
        var order = Enumerable.Range(0, 400).ToArray();
        for (var round = 0; round < 300; round++)
        {
            // Sizes that fall back from insertion to a full sort and some that do not; each round starts
            // from the order the round before left, for whatever values.
            var values = Enumerable.Range(0, round < 200 ? random.Next(1, 60) : 400)
                .Select(_ => random.Next(8) == 0 ? double.NaN : round < 250 ? random.Next(6) - 2.5 : random.NextDouble())
                .ToArray();
            if (round is < 200 or 200 or 250)
            {
                order = Enumerable.Range(0, values.Length).Reverse().ToArray();
            }

            var ranks = new int[values.Length];
            var known = PeerRanking.RankAll(values, ranks, new double[values.Length], new int[values.Length], order, polarity);

            Assert.Equal(Enumerable.Range(0, values.Length), order.Order());
            Assert.True(order.Take(known).Select(i => values[i]).SequenceEqual(values.Where(v => !double.IsNaN(v)).Order()));

            Assert.Equal(values.Count(v => !double.IsNaN(v)), known);
            for (var i = 0; i < values.Length; i++)
            {
                var better = values.Count(v => polarity == Polarity.HigherIsBetter ? v > values[i] : v < values[i]);
                Assert.Equal(double.IsNaN(values[i]) ? 0 : better + 1, ranks[i]);
            }
        }
    }

    [Theory]
    [InlineData(Polarity.LowerIsBetter)]
    [InlineData(Polarity.HigherIsBetter)]
    public void Ranking_every_month_at_once_gives_the_rank_of_each_month_alone(Polarity polarity)
    {
        var random = new Random(11);
        const int months = 29; // not a whole number of vectors, so the months after the last vector are counted one by one
        double Draw() => random.Next(6) == 0 ? double.NaN : random.Next(5);
        var own = Enumerable.Range(0, months).Select(_ => Draw()).ToArray();
        var peers = Enumerable.Range(0, 15).Select(_ => Enumerable.Range(0, months).Select(_ => Draw()).ToArray()).Append(own).ToArray();
        var ranks = new int[months];
        var known = new int[months];

        PeerRanking.RankEachMonth(own, peers, polarity, ranks, known);

        for (var t = 0; t < months; t++)
        {
            var at = peers.Select(p => p[t]).ToArray();
            Assert.Equal(at.Count(v => !double.IsNaN(v)), known[t]);
            var better = at.Count(v => polarity == Polarity.HigherIsBetter ? v > own[t] : v < own[t]);
            Assert.Equal(double.IsNaN(own[t]) ? 0 : better + 1, ranks[t]);
        }
    }
}

using CspAlerts.Diagnostics;
using CspAlerts.Ingest;
using CspAlerts.Measures;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Measures;

public class MeasureCalculatorTests
{
    private static readonly SourceLocation Here = new("test", 1, 1);

    private static Area Borough(string id, long? population = null) =>
        new(id, id, null, [], population is long p ? new Dictionary<int, long> { [2015] = p, [2016] = p * 2 } : new Dictionary<int, long>(), null, Here);

    private static Indicator Indicator(string id, Polarity polarity = Polarity.LowerIsBetter, IndicatorUnit unit = IndicatorUnit.Count) =>
        new(id, id, "crime", [], polarity, unit, "lead", [], IndicatorSources.None, Here);

    private static CspConfiguration Config(IReadOnlyList<Area> boroughs, IReadOnlyList<Indicator> indicators, IReadOnlyList<Target>? targets = null)
    {
        var areas = boroughs.Append(new Area("london", "London", null, [], new Dictionary<int, long>(), "met", Here)).ToList();
        var met = new PeerGroup("met", "Met", boroughs.Select(b => b.Id).ToList(), new Dictionary<string, IReadOnlyList<string>>(), Here);
        return new CspConfiguration(areas, [], [met], indicators, [], targets ?? [], Schedule.Empty, []);
    }

    private static IEnumerable<Observation> Monthly(string indicator, string area, Period from, params double[] values) =>
        values.Select((v, i) => new Observation(indicator, area, from.AddMonths(i), v, SuppliedFigures.None, new SourceRef("test.csv", i + 2)));

    [Fact]
    public void Value_is_the_rolling_twelve_month_total_and_previous_is_the_total_a_year_earlier()
    {
        var config = Config([Borough("a")], [Indicator("burglary")]);
        var months = Enumerable.Range(1, 24).Select(i => (double)i).ToArray();
        var table = new MeasureCalculator(config).Compute(Monthly("burglary", "a", new Period(2015, 1), months));

        var fact = table.Find("burglary", "a", new Period(2016, 12))!;

        Assert.Equal(222, fact.Value);        // 13 + … + 24
        Assert.Equal(78, fact.Previous);      // 1 + … + 12
        Assert.Equal(144, fact.Change);
        Assert.Equal(100.0 * 144 / 78, fact.ChangePct!.Value, 9);
        Assert.Equal(24, fact.MonthValue);
    }

    [Fact]
    public void A_measure_that_cannot_be_computed_is_null_not_zero()
    {
        var config = Config([Borough("a")], [Indicator("burglary")]);
        var table = new MeasureCalculator(config).Compute(Monthly("burglary", "a", new Period(2016, 1), 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5));

        var fact = table.Find("burglary", "a", new Period(2016, 12))!;

        Assert.Equal(60, fact.Value);
        Assert.Null(fact.Previous);
        Assert.Null(fact.Change);
        Assert.Null(fact.ChangePct);
        Assert.Null(fact.Rate);
        Assert.Equal(45, fact.Ytd); // April to December 2016
        Assert.Null(table.Find("burglary", "a", new Period(2016, 3))!.Ytd); // April 2015 is not in the data
    }

    [Fact]
    public void A_missing_month_leaves_the_rolling_total_unknown()
    {
        var config = Config([Borough("a")], [Indicator("burglary")]);
        var observations = Monthly("burglary", "a", new Period(2016, 1), 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5)
            .Where(o => o.Period != new Period(2016, 6));
        var table = new MeasureCalculator(config).Compute(observations);

        Assert.Null(table.Find("burglary", "a", new Period(2016, 12))!.Value);
    }

    [Fact]
    public void ChangePct_is_null_when_the_previous_total_is_zero()
    {
        var config = Config([Borough("a")], [Indicator("burglary")]);
        var months = Enumerable.Repeat(0.0, 12).Concat(Enumerable.Repeat(1.0, 12)).ToArray();
        var fact = new MeasureCalculator(config).Compute(Monthly("burglary", "a", new Period(2015, 1), months)).Find("burglary", "a", new Period(2016, 12))!;

        Assert.Equal(0, fact.Previous);
        Assert.Equal(12, fact.Change);
        Assert.Null(fact.ChangePct);
    }

    [Fact]
    public void Rate_uses_the_population_of_the_calendar_year_of_the_month()
    {
        var config = Config([Borough("a", population: 1000)], [Indicator("burglary")]);
        var table = new MeasureCalculator(config).Compute(Monthly("burglary", "a", new Period(2015, 1), Enumerable.Repeat(1.0, 24).ToArray()));

        Assert.Equal(12.0, table.Find("burglary", "a", new Period(2015, 12))!.Rate);   // 12 / 1000 × 1000
        Assert.Equal(6.0, table.Find("burglary", "a", new Period(2016, 12))!.Rate);    // 12 / 2000 × 1000
    }

    [Fact]
    public void Year_to_date_runs_from_April_and_restarts_each_April()
    {
        var config = Config([Borough("a")], [Indicator("fires")]);
        var table = new MeasureCalculator(config).Compute(Monthly("fires", "a", new Period(2016, 3), 100, 20, 24, 12));

        Assert.Equal(44, table.Find("fires", "a", new Period(2016, 5))!.Ytd);
        Assert.Equal(56, table.Find("fires", "a", new Period(2016, 6))!.Ytd);
        Assert.Null(table.Find("fires", "a", new Period(2016, 3))!.Ytd);
    }

    [Theory]
    [InlineData(null, 2016, 8, 50.0)]          // 120 × 5 / 12: April to August
    [InlineData(new[] { 14.0, 28, 42, 56, 70, 85, 99, 113, 127 }, 2016, 12, 127.0)]
    [InlineData(new[] { 14.0, 28, 42, 56, 70, 85, 99, 113, 127 }, 2016, 4, 14.0)]
    public void YtdTarget_is_the_profile_value_or_the_annual_target_pro_rata(double[]? profile, int year, int month, double expected)
    {
        var target = new Target("fires", "a", 2016, profile is null ? 120 : null, profile, Here);
        var config = Config([Borough("a")], [Indicator("fires")], [target]);
        var table = new MeasureCalculator(config).Compute(Monthly("fires", "a", new Period(2016, 4), 1, 1, 1, 1, 1, 1, 1, 1, 1));

        Assert.Equal(expected, table.Find("fires", "a", new Period(year, month))!.YtdTarget);
    }

    [Theory]
    [InlineData(Polarity.LowerIsBetter, new[] { 1, 2, 2, 4 })]
    [InlineData(Polarity.Monitor, new[] { 1, 2, 2, 4 })]
    [InlineData(Polarity.HigherIsBetter, new[] { 4, 2, 2, 1 })]
    public void Ties_take_the_better_rank_and_polarity_sets_the_direction(Polarity polarity, int[] expectedRanks)
    {
        string[] ids = ["a", "b", "c", "d"];
        var config = Config(ids.Select(id => Borough(id, 1000)).ToList(), [Indicator("x", polarity)]);
        // Twelve months of 10 a year ago, then a flat level that sets each area's change and rate.
        double[] levels = [11, 12, 12, 15];
        var observations = ids.SelectMany((id, i) => Monthly("x", id, new Period(2015, 1),
            Enumerable.Repeat(10.0, 12).Concat(Enumerable.Repeat(levels[i], 12)).ToArray()));
        var table = new MeasureCalculator(config).Compute(observations);

        for (var i = 0; i < ids.Length; i++)
        {
            var met = table.Find("x", ids[i], new Period(2016, 12))!.Peers["met"];
            Assert.Equal(expectedRanks[i], met.ChangeRank);
            Assert.Equal(expectedRanks[i], met.RateRank);
            Assert.Equal(expectedRanks[i], met.Rank);
            Assert.Equal(4, met.Size);
            Assert.Equal(expectedRanks[i], met.Quartile);
        }
    }

    [Theory]
    [InlineData(12, 15, 4)]
    [InlineData(25, 32, 4)]
    [InlineData(24, 32, 3)]
    [InlineData(1, 32, 1)]
    [InlineData(8, 32, 1)]
    [InlineData(9, 32, 2)]
    public void Quartile_is_the_ceiling_of_four_times_rank_over_size(int rank, int size, int quartile) =>
        Assert.Equal(quartile, PeerPosition.QuartileOf(rank, size));

    [Fact]
    public void The_benchmark_rank_is_the_change_rank_when_no_population_is_known()
    {
        string[] ids = ["a", "b", "c"];
        var config = Config(ids.Select(id => Borough(id)).ToList(), [Indicator("x")]);
        double[] levels = [9, 12, 11];
        var table = new MeasureCalculator(config).Compute(ids.SelectMany((id, i) => Monthly("x", id, new Period(2015, 1),
            Enumerable.Repeat(10.0, 12).Concat(Enumerable.Repeat(levels[i], 12)).ToArray())));

        var b = table.Find("x", "b", new Period(2016, 12))!.Peers["met"];
        Assert.Null(b.RateRank);
        Assert.Equal(3, b.ChangeRank);
        Assert.Equal(3, b.Rank);
        Assert.Equal(4, b.Quartile);
    }

    [Fact]
    public void A_supplied_rank_is_the_benchmark_rank()
    {
        var config = Config([Borough("a")], [Indicator("x")]);
        var msg = new PeerGroup("msg", "MSG", [], new Dictionary<string, IReadOnlyList<string>>(), Here);
        config = new CspConfiguration(config.Areas, [], [.. config.PeerGroups, msg], config.Indicators, [], [], Schedule.Empty, []);
        var supplied = new Observation("x", "a", new Period(2016, 12), null, new SuppliedFigures() { Ranks = new Dictionary<string, int> { ["msg_rank"] = 13, ["msg_size"] = 15 } }, new SourceRef("s.csv", 2));

        var fact = new MeasureCalculator(config).Compute([supplied]).Find("x", "a", new Period(2016, 12))!;

        Assert.Equal(13, fact.Peers["msg"].Rank);
        Assert.Equal(15, fact.Peers["msg"].Size);
        Assert.Equal(4, fact.Peers["msg"].Quartile);
        Assert.Null(fact.Peers["msg"].ChangeRank);
        Assert.Null(fact.Value);
    }

    [Fact]
    public void London_change_is_the_change_of_the_summed_London_total()
    {
        var config = Config([Borough("a"), Borough("b")], [Indicator("x")]);
        var observations = Monthly("x", "a", new Period(2015, 1), [.. Enumerable.Repeat(10.0, 12), .. Enumerable.Repeat(20.0, 12)])
            .Concat(Monthly("x", "b", new Period(2015, 1), [.. Enumerable.Repeat(30.0, 12), .. Enumerable.Repeat(30.0, 12)]));
        var table = new MeasureCalculator(config).Compute(observations);

        var a = table.Find("x", "a", new Period(2016, 12))!;
        Assert.Equal(100, a.ChangePct);
        Assert.Equal(25, a.LondonChangePct); // (600 − 480) / 480
        Assert.Equal(600, table.Find("x", "london", new Period(2016, 12))!.Value);
    }

    [Fact]
    public void Supplied_figures_are_used_as_given()
    {
        var config = Config([Borough("a")], [Indicator("reoffending", unit: IndicatorUnit.Percent)]);
        var supplied = new Observation("reoffending", "a", new Period(2016, 12), 25.1,
            new SuppliedFigures(LondonValue: 25.7, EnglandValue: 25.6, Previous: 26.0), new SourceRef("s.csv", 2));

        var fact = new MeasureCalculator(config).Compute([supplied]).Find("reoffending", "a", new Period(2016, 12))!;

        Assert.Equal(25.1, fact.Value);
        Assert.Equal(26.0, fact.Previous);
        Assert.Equal(25.7, fact.LondonValue);
        Assert.Equal(25.6, fact.EnglandValue);
        Assert.Null(fact.Rate);
    }
}

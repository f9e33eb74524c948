using CspAlerts.Diagnostics;
using CspAlerts.Ingest;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Ingest;

public sealed class ObservationSetTests
{
    private static readonly Period December2016 = new(2016, 12);

    private static Observation Burglary(string file, int line, double? value, SuppliedFigures? supplied = null, Period? period = null) =>
        new("burglary", "barking-and-dagenham", period ?? December2016, value, supplied ?? SuppliedFigures.None, new SourceRef(file, line));

    private static Dataset Dataset(string file, params Observation[] observations) =>
        new(file, "canonical", observations, observations.Length, new Dictionary<string, int>());

    [Fact]
    public void A_value_and_supplied_figures_from_different_datasets_combine()
    {
        var set = ObservationSet.From(
        [
            Dataset("mps.csv", Burglary("mps.csv", 4, 119)),
            Dataset("partner.csv", Burglary("partner.csv", 3, null, new SuppliedFigures(MsgRank: 3, MsgSize: 15))),
        ]);

        var merged = Assert.Single(set.All);
        Assert.Equal(119, merged.Value);
        Assert.Equal(new SuppliedFigures(MsgRank: 3, MsgSize: 15), merged.Supplied);
        Assert.Equal(new SourceRef("mps.csv", 4), merged.Source);
    }

    [Fact]
    public void The_merged_source_is_where_the_value_came_from()
    {
        var set = ObservationSet.From(
        [
            Dataset("partner.csv", Burglary("partner.csv", 3, null, new SuppliedFigures(MetRank: 5))),
            Dataset("mps.csv", Burglary("mps.csv", 4, 119)),
        ]);

        Assert.Equal(new SourceRef("mps.csv", 4), Assert.Single(set.All).Source);
    }

    [Fact]
    public void Equal_figures_from_two_datasets_agree()
    {
        var set = ObservationSet.From(
        [
            Dataset("a.csv", Burglary("a.csv", 2, 119, new SuppliedFigures(Note: "as published"))),
            Dataset("b.csv", Burglary("b.csv", 7, 119, new SuppliedFigures(Note: "as published", Ytd: 900))),
        ]);

        Assert.Equal(new SuppliedFigures(Ytd: 900, Note: "as published"), Assert.Single(set.All).Supplied);
    }

    [Fact]
    public void Different_figures_are_an_error_naming_both_files_and_lines()
    {
        var load = Assert.Throws<DatasetRejectedException>(() => ObservationSet.From(
        [
            Dataset("seeds/other.csv", Burglary("seeds/other.csv", 7, 118, new SuppliedFigures(ChangePct: -20.7, Note: "draft"))),
            Dataset("seeds/mine.csv", Burglary("seeds/mine.csv", 3, 120, new SuppliedFigures(ChangePct: -21, Note: "final"))),
        ]));

        Assert.Equal(
        [
            "seeds/mine.csv:3:1: conflicting value for burglary in barking-and-dagenham at 2016-12: 120 here and 118 at seeds/other.csv:7",
            "seeds/mine.csv:3:1: conflicting change_pct for burglary in barking-and-dagenham at 2016-12: -21 here and -20.7 at seeds/other.csv:7",
            "seeds/mine.csv:3:1: conflicting note for burglary in barking-and-dagenham at 2016-12: 'final' here and 'draft' at seeds/other.csv:7",
        ],
            load.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_series_is_ordered_by_period()
    {
        var set = ObservationSet.From(
        [
            Dataset("b.csv", Burglary("b.csv", 2, 119, period: new Period(2016, 12)), Burglary("b.csv", 3, 110, period: new Period(2016, 10))),
            Dataset("a.csv", Burglary("a.csv", 2, 95, period: new Period(2016, 11))),
        ]);

        Assert.Equal([110, 95, 119], set.Series("burglary", "barking-and-dagenham").Select(o => o.Value));
        Assert.Empty(set.Series("burglary", "barnet"));
    }

    [Fact]
    public void Keys_and_the_latest_period_cover_every_dataset()
    {
        var set = ObservationSet.From(
        [
            Dataset("a.csv", Burglary("a.csv", 2, 119) with { Area = "barnet", Period = new Period(2017, 1) }),
            Dataset("b.csv", Burglary("b.csv", 2, 119) with { Indicator = "robbery" }, Burglary("b.csv", 3, 40)),
        ]);

        Assert.Equal([("burglary", "barking-and-dagenham"), ("burglary", "barnet"), ("robbery", "barking-and-dagenham")], set.Keys);
        Assert.Equal(new Period(2017, 1), set.LatestPeriod);
        Assert.Equal(2, set.Datasets.Count);
        Assert.Equal(3, set.All.Count());
    }

    [Fact]
    public void An_empty_set_has_no_latest_period()
    {
        Assert.Null(ObservationSet.Empty.LatestPeriod);
        Assert.Empty(ObservationSet.From([]).Keys);
    }
}

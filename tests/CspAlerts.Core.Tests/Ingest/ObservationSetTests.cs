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
            Dataset("partner.csv", Burglary("partner.csv", 3, null, new SuppliedFigures() { Ranks = new Dictionary<string, int> { ["msg_rank"] = 3, ["msg_size"] = 15 } })),
        ]);

        var merged = Assert.Single(set.All);
        Assert.Equal(119, merged.Value);
        Assert.Equal(new SuppliedFigures() { Ranks = new Dictionary<string, int> { ["msg_rank"] = 3, ["msg_size"] = 15 } }, merged.Supplied);
        Assert.Equal(new SourceRef("mps.csv", 4), merged.Source);
    }

    [Fact]
    public void The_merged_source_is_where_the_value_came_from()
    {
        var set = ObservationSet.From(
        [
            Dataset("partner.csv", Burglary("partner.csv", 3, null, new SuppliedFigures() { Ranks = new Dictionary<string, int> { ["met_rank"] = 5 } })),
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

    [Fact]
    public void Under_Newest_the_largest_revision_is_the_one_that_moved_furthest_either_way()
    {
        var set = ObservationSet.From(
        [
            Dataset("2017-01.csv",
                Burglary("2017-01.csv", 2, 119, new SuppliedFigures(LondonValue: 5200) { Ranks = new Dictionary<string, int> { ["met_rank"] = 5 } }),
                Burglary("2017-01.csv", 3, 84, period: new Period(2017, 1))),
            Dataset("2017-02.csv",
                Burglary("2017-02.csv", 2, 118, new SuppliedFigures(LondonValue: 5190) { Ranks = new Dictionary<string, int> { ["met_rank"] = 6 } }),
                Burglary("2017-02.csv", 3, 95, period: new Period(2017, 2))),
        ],
            RevisionPolicy.Newest);

        Assert.Equal(
        [
            new Revision("burglary", "barking-and-dagenham", December2016, "value", 119, 118, new SourceRef("2017-01.csv", 2), new SourceRef("2017-02.csv", 2)),
            new Revision("burglary", "barking-and-dagenham", December2016, "london_value", 5200, 5190, new SourceRef("2017-01.csv", 2), new SourceRef("2017-02.csv", 2)),
            new Revision("burglary", "barking-and-dagenham", December2016, "met_rank", 5, 6, new SourceRef("2017-01.csv", 2), new SourceRef("2017-02.csv", 2)),
        ],
            set.Revisions.All);
        Assert.Equal(("london_value", -10.0), (set.Revisions.Largest?.Field, set.Revisions.Largest?.Change));
        Assert.Equal(new SuppliedFigures(LondonValue: 5190) { Ranks = new Dictionary<string, int> { ["met_rank"] = 6 } }, set.Find("burglary", "barking-and-dagenham", December2016)?.Supplied);
    }

    [Fact]
    public void A_figure_revised_by_each_of_two_newer_releases_counts_twice()
    {
        // Each release's latest month is a month later; the listed order does not matter.
        var set = ObservationSet.From(
        [
            Dataset("march.csv", Burglary("march.csv", 4, 121), Burglary("march.csv", 2, 0, period: new Period(2017, 3))),
            Dataset("january.csv", Burglary("january.csv", 2, 119)),
            Dataset("february.csv", Burglary("february.csv", 3, 120), Burglary("february.csv", 2, 0, period: new Period(2017, 2))),
        ],
            RevisionPolicy.Newest);

        Assert.Equal([(119.0, 120.0), (120.0, 121.0)], set.Revisions.All.Select(r => (r.Old, r.New)));
        Assert.Equal(2, set.Revisions.Count);
        Assert.Equal(121, set.Find("burglary", "barking-and-dagenham", December2016)?.Value);
    }

    [Fact]
    public void A_release_repeating_a_figure_as_it_was_keeps_the_first_source_and_a_later_revision_names_it()
    {
        var ranks = new SuppliedFigures(LondonValue: 5200) { Ranks = new Dictionary<string, int> { ["met_rank"] = 5 } };
        var set = ObservationSet.From(
        [
            Dataset("2017-01.csv", Burglary("2017-01.csv", 2, 119, ranks), Burglary("2017-01.csv", 3, 84, period: new Period(2017, 1))),
            Dataset("2017-02.csv", Burglary("2017-02.csv", 5, 119, ranks with { Ranks = new Dictionary<string, int> { ["met_rank"] = 5 } }), Burglary("2017-02.csv", 3, 0, period: new Period(2017, 2))),
            Dataset("2017-03.csv", Burglary("2017-03.csv", 7, 118, ranks), Burglary("2017-03.csv", 3, 0, period: new Period(2017, 3))),
        ],
            RevisionPolicy.Newest);

        Assert.Equal(
            [new Revision("burglary", "barking-and-dagenham", December2016, "value", 119, 118, new SourceRef("2017-01.csv", 2), new SourceRef("2017-03.csv", 7))],
            set.Revisions.All);
        Assert.Equal(new SourceRef("2017-03.csv", 7), set.Find("burglary", "barking-and-dagenham", December2016)?.Source);
        Assert.Equal(new SourceRef("2017-01.csv", 3), set.Find("burglary", "barking-and-dagenham", new Period(2017, 1))?.Source);
    }

    [Fact]
    public void Under_Newest_a_newer_note_replaces_an_older_one_without_counting_as_a_revision()
    {
        var set = ObservationSet.From(
        [
            Dataset("draft.csv", Burglary("draft.csv", 2, 119, new SuppliedFigures(Note: "draft"))),
            Dataset("final.csv", Burglary("final.csv", 2, 119, new SuppliedFigures(Note: "final"))),
        ],
            RevisionPolicy.Newest);

        Assert.Equal("final", Assert.Single(set.All).Supplied.Note);
        Assert.Equal(0, set.Revisions.Count);
    }

    [Fact]
    public void Under_Newest_two_figures_for_one_key_within_one_dataset_are_still_a_conflict()
    {
        var load = Assert.Throws<DatasetRejectedException>(() => ObservationSet.From(
            [Dataset("hand-made.csv", Burglary("hand-made.csv", 2, 119), Burglary("hand-made.csv", 3, 120))],
            RevisionPolicy.Newest));

        Assert.Equal(
            ["hand-made.csv:3:1: conflicting value for burglary in barking-and-dagenham at 2016-12: 120 here and 119 at hand-made.csv:2"],
            load.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void An_unknown_revision_policy_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ObservationSet.From([], (RevisionPolicy)7));
    }
}

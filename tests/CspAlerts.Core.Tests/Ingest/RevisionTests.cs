using CspAlerts.Configuration;
using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Ingest;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Ingest;

/// <summary>
/// Publishers re-issue files with corrected figures. Two MPS releases overlap in April to June 2016;
/// the newer corrects Barking and Dagenham's domestic burglaries in May from 77 to 80.
/// </summary>
public sealed class RevisionTests
{
    private static readonly DatasetLoader Loader = new(TestConfiguration.Create());

    private static readonly string Older = DatasetFiles.Path("revisions/mps-2016-01-to-06.csv");

    private static readonly string Newer = DatasetFiles.Path("revisions/mps-2016-04-to-09.csv");

    private static readonly string Draft = DatasetFiles.Path("partner-draft-2016-12.csv");

    private static readonly string Final = TestFiles.Ingest("canonical-bd-2016-12.csv");

    private static readonly Period May2016 = new(2016, 5);

    private static double? Value(ObservationSet set, string indicator, int month) =>
        set.Find(indicator, "barking-and-dagenham", new Period(2016, month))?.Value;

    [Fact]
    public void Overlapping_releases_that_disagree_are_refused_by_default_naming_both_files()
    {
        var load = Assert.Throws<DatasetRejectedException>(() => Loader.LoadAll([Older, Newer]));

        Assert.Equal(
        [
            $"{Newer}:2:1: conflicting value for burglary in barking-and-dagenham at 2016-05: 122 here and 119 at {Older}:2",
            $"{Newer}:3:1: conflicting value for residential-burglary in barking-and-dagenham at 2016-05: 80 here and 77 at {Older}:3",
            $"{Newer}:2:1: conflicting value for total-notifiable-offences in barking-and-dagenham at 2016-05: 122 here and 119 at {Older}:2",
        ],
            load.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Under_Newest_the_newer_release_s_figures_replace_the_older_s_and_each_revision_is_reported()
    {
        var set = Loader.LoadAll([Older, Newer], RevisionPolicy.Newest);

        // One corrected cell revises every indicator its row feeds: burglary, residential burglary and the total.
        Assert.Equal((122, 80, 122), (Value(set, "burglary", 5), Value(set, "residential-burglary", 5), Value(set, "total-notifiable-offences", 5)));
        Assert.Equal(new SourceRef(Newer, 3), set.Find("residential-burglary", "barking-and-dagenham", May2016)?.Source);
        Assert.Equal(3, set.Revisions.Count);
        Assert.Equal(
        [
            new Revision("burglary", "barking-and-dagenham", May2016, "value", 119, 122, new SourceRef(Older, 2), new SourceRef(Newer, 2)),
            new Revision("residential-burglary", "barking-and-dagenham", May2016, "value", 77, 80, new SourceRef(Older, 3), new SourceRef(Newer, 3)),
            new Revision("total-notifiable-offences", "barking-and-dagenham", May2016, "value", 119, 122, new SourceRef(Older, 2), new SourceRef(Newer, 2)),
        ],
            set.Revisions.All);
        Assert.Equal(set.Revisions.All[0], set.Revisions.Largest);
        Assert.Equal(
            $"value for burglary in barking-and-dagenham at 2016-05: 119 at {Older}:2 revised to 122 at {Newer}:2",
            set.Revisions.Largest?.ToString());
    }

    [Fact]
    public void Months_only_one_release_gives_are_kept_and_figures_both_give_alike_are_not_revisions()
    {
        var set = Loader.LoadAll([Older, Newer], RevisionPolicy.Newest);

        // January to March come from the older release only, July to September from the newer only.
        Assert.Equal([147, 139, 105, 89, 122, 110, 87, 87, 94], Enumerable.Range(1, 9).Select(m => Value(set, "burglary", m)));
        Assert.Equal(new SourceRef(Older, 2), set.Find("burglary", "barking-and-dagenham", new Period(2016, 4))?.Source);
        Assert.All(set.Revisions.All, r => Assert.Equal(May2016, r.Period));
    }

    [Fact]
    public void The_newer_release_is_the_one_with_the_later_latest_month_not_the_one_given_later()
    {
        var set = Loader.LoadAll([Newer, Older], RevisionPolicy.Newest);

        Assert.Equal(122, Value(set, "burglary", 5));
        Assert.Equal(new SourceRef(Older, 2), set.Revisions.Largest?.OldSource);
        Assert.Equal([Newer, Older], set.Datasets.Select(d => d.File));
    }

    [Fact]
    public void A_folder_of_releases_is_revised_the_same_way()
    {
        var set = Loader.LoadAll([DatasetFiles.Path("revisions")], RevisionPolicy.Newest);

        Assert.Equal(80, Value(set, "residential-burglary", 5));
        Assert.Equal(3, set.Revisions.Count);
    }

    [Fact]
    public void Supplied_figures_follow_the_same_policy()
    {
        var refused = Assert.Throws<DatasetRejectedException>(() => Loader.LoadAll([Draft, Final]));
        var set = Loader.LoadAll([Draft, Final], RevisionPolicy.Newest);

        Assert.Equal(
        [
            $"{Final}:4:1: conflicting met_rank for burglary in barking-and-dagenham at 2016-12: 5 here and 6 at {Draft}:2",
            $"{Final}:4:1: conflicting note for burglary in barking-and-dagenham at 2016-12: 'MSG and MET ranks as printed in the call-over report' here and 'Draft: MET rank before the December figures were final' at {Draft}:2",
        ],
            refused.Errors.Select(e => e.ToString()));

        // Both releases end in December 2016, so the one given later is newer. The note is text, not a figure.
        var burglary = set.Find("burglary", "barking-and-dagenham", new Period(2016, 12));
        Assert.Equal((5, "MSG and MET ranks as printed in the call-over report"), (burglary?.Supplied.Ranks.GetValueOrDefault("met_rank"), burglary?.Supplied.Note));
        Assert.Equal(1, set.Revisions.Count);
        Assert.Equal(
            new Revision("burglary", "barking-and-dagenham", new Period(2016, 12), "met_rank", 6, 5, new SourceRef(Draft, 2), new SourceRef(Final, 4)),
            set.Revisions.Largest);
    }

    [Fact]
    public void Of_two_releases_with_the_same_latest_month_the_one_given_later_is_newer()
    {
        var set = Loader.LoadAll([Final, Draft], RevisionPolicy.Newest);

        Assert.Equal(6, set.Find("burglary", "barking-and-dagenham", new Period(2016, 12))?.Supplied.Ranks.GetValueOrDefault("met_rank"));
        Assert.Equal((5.0, 6.0), (set.Revisions.Largest?.Old, set.Revisions.Largest?.New));
    }

    [Fact]
    public void Releases_from_streams_are_revised_as_files_are()
    {
        var set = Loader.LoadAll(
        [
            DatasetSource.FromStream("upload 2", () => File.OpenRead(Newer)),
            DatasetSource.FromStream("upload 1", () => File.OpenRead(Older)),
        ],
            RevisionPolicy.Newest);

        Assert.Equal("value for burglary in barking-and-dagenham at 2016-05: 119 at upload 1:2 revised to 122 at upload 2:2", set.Revisions.Largest?.ToString());
    }

    [Theory]
    [InlineData("duplicate-row.csv", "duplicate-row.csv:5:1: duplicate row for burglary in barking-and-dagenham at 2016-12 (first at line 4)")]
    [InlineData("mps-duplicate-row.csv", "mps-duplicate-row.csv:4:1: duplicate row for Burglary / Domestic Burglary in Barking and Dagenham (first at line 3)")]
    [InlineData("lfb-duplicate-row.csv", "lfb-duplicate-row.csv:4:1: duplicate row for ALL DELIBERATE FIRES in Barking and dagenham at 2016-04 (first at line 2)")]
    public void Within_one_file_a_duplicate_row_is_an_error_under_Newest_too(string file, string expected)
    {
        var load = Assert.Throws<DatasetRejectedException>(() => Loader.LoadAll([TestFiles.BadDataset(file)], RevisionPolicy.Newest));

        Assert.Equal([TestFiles.BadDataset(expected)], load.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Releases_that_agree_have_no_revisions()
    {
        var set = Loader.LoadAll([DatasetSource.FromFile(Older), DatasetSource.FromStream("the same again", () => File.OpenRead(Older))], RevisionPolicy.Newest);

        Assert.Equal(0, set.Revisions.Count);
        Assert.Null(set.Revisions.Largest);
        Assert.Same(RevisionSummary.None, Loader.LoadAll([Older]).Revisions);
    }

    [Fact]
    public void The_seeds_load_alike_under_either_policy()
    {
        var loader = new DatasetLoader(ConfigurationLoader.Load(RepoFiles.Rules));

        var refused = loader.LoadAll([RepoFiles.Seeds]);
        var newest = loader.LoadAll([RepoFiles.Seeds], RevisionPolicy.Newest);

        Assert.Equal(refused.All, newest.All);
        Assert.Equal(0, newest.Revisions.Count);
    }
}

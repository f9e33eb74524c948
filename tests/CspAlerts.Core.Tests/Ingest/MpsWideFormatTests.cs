using CspAlerts.Core.Tests.Support;
using CspAlerts.Ingest;

namespace CspAlerts.Core.Tests.Ingest;

public sealed class MpsWideFormatTests
{
    private static readonly DatasetLoader Loader = new(TestConfiguration.Create());

    private static readonly Dataset Historical = Loader.Load(TestFiles.Ingest("mps-historical-2015-2016.csv"));

    private static double Sum(Dataset dataset, string indicator, string area, int year) =>
        dataset.Observations
            .Where(o => o.Indicator == indicator && o.Area == area && o.Period.Year == year)
            .Sum(o => o.Value!.Value);

    private static double At(Dataset dataset, string indicator, string area, string period) =>
        dataset.Observations.Single(o => o.Indicator == indicator && o.Area == area && o.Period.ToString() == period).Value!.Value;

    [Fact]
    public void Barking_and_Dagenham_burglary_sums_to_the_figures_in_the_call_over_report()
    {
        // The report gives 1632 -> 1294 (down 338) for the 12 months to December 2016. Checked on the
        // raw historical file with: awk -F, '$3=="Barking and Dagenham" && $1=="Burglary"
        // {for(i=73;i<=84;i++) s+=$i; for(i=61;i<=72;i++) p+=$i} END{print s, p}' -> 1294 1632.
        Assert.Equal(1294, Sum(Historical, "burglary", "barking-and-dagenham", 2016));
        Assert.Equal(1632, Sum(Historical, "burglary", "barking-and-dagenham", 2015));
    }

    [Fact]
    public void One_row_feeds_every_indicator_that_takes_its_category()
    {
        // Domestic Burglary is 100 in December 2016 and Burglary Business and Community 19.
        Assert.Equal(119, At(Historical, "burglary", "barking-and-dagenham", "2016-12"));
        Assert.Equal(100, At(Historical, "residential-burglary", "barking-and-dagenham", "2016-12"));
        Assert.Equal(840, Sum(Historical, "residential-burglary", "barking-and-dagenham", 2016));
    }

    [Fact]
    public void Minor_categories_select_only_their_rows()
    {
        // The report gives theft from the person 299 -> 350 and robbery 573 -> 552 (12 months to Dec 2016).
        Assert.Equal(350, Sum(Historical, "theft-from-person", "barking-and-dagenham", 2016));
        Assert.Equal(299, Sum(Historical, "theft-from-person", "barking-and-dagenham", 2015));
        Assert.Equal(552, Sum(Historical, "robbery", "barking-and-dagenham", 2016));
        Assert.Equal(198, Sum(Historical, "rape", "barnet", 2016));
    }

    [Fact]
    public void Major_star_takes_every_row()
    {
        // Every row of Barking and Dagenham summed over 2016 in the slice (python csv module: 17753),
        // which includes the quoted minor texts that hold commas.
        Assert.Equal(17753, Sum(Historical, "total-notifiable-offences", "barking-and-dagenham", 2016));
        Assert.Equal(25678, Sum(Historical, "total-notifiable-offences", "barnet", 2016));
    }

    [Fact]
    public void The_airports_row_is_skipped_and_counted()
    {
        Assert.Equal(new Dictionary<string, int> { ["London Heathrow and London City Airports"] = 47 }, Historical.SkippedLabels);
        Assert.Equal(["barking-and-dagenham", "barnet"], Historical.Observations.Select(o => o.Area).Distinct());
    }

    [Fact]
    public void Every_mapped_indicator_gets_every_area_and_month_of_the_file()
    {
        Assert.Equal("mps-wide", Historical.Format);
        Assert.Equal(152, Historical.RowsRead);

        // 6 indicators with an old-classification mapping × 2 boroughs × 24 months; the LFB and
        // canonical-only indicators get nothing.
        Assert.Equal(6 * 2 * 24, Historical.Observations.Count);
        Assert.Equal(
            ["burglary", "residential-burglary", "robbery", "theft-from-person", "total-notifiable-offences", "rape"],
            Historical.Observations.Select(o => o.Indicator).Distinct());
        Assert.All(Historical.Observations, o => Assert.True(o.Supplied.IsEmpty));
    }

    [Fact]
    public void The_source_line_is_the_first_row_that_contributed()
    {
        var burglary = Historical.Observations.First(o => o.Indicator == "burglary" && o.Area == "barking-and-dagenham");
        var residential = Historical.Observations.First(o => o.Indicator == "residential-burglary" && o.Area == "barking-and-dagenham");

        Assert.Equal(new SourceRef(TestFiles.Ingest("mps-historical-2015-2016.csv"), 4), burglary.Source);
        Assert.Equal(5, residential.Source.Line);
    }

    [Fact]
    public void A_missing_MPS_row_counts_as_zero()
    {
        var dataset = Loader.Load(TestFiles.Ingest("mps-missing-row.csv"));

        var barnetRobbery = dataset.Observations.Where(o => o.Indicator == "robbery" && o.Area == "barnet").ToList();
        Assert.Equal(12, barnetRobbery.Count);
        Assert.All(barnetRobbery, o =>
        {
            Assert.Equal(0, o.Value);
            Assert.Equal(1, o.Source.Line);
        });

        // Theft from the person has no row at all in this file, yet every area and month is given.
        Assert.Equal(24, dataset.Observations.Count(o => o.Indicator == "theft-from-person" && o.Value == 0));
        Assert.Equal(40, At(dataset, "robbery", "barking-and-dagenham", "2016-12"));
        Assert.Equal(4, dataset.Observations.First(o => o.Indicator == "robbery" && o.Area == "barking-and-dagenham").Source.Line);
    }

    [Theory]
    [InlineData("mps-new-boroughname.csv")]
    [InlineData("mps-new-group-subgroup-bocu.csv")]
    public void The_new_UPPER_CASE_classification_is_read_under_each_label_header(string file)
    {
        var dataset = Loader.Load(TestFiles.Ingest(file));

        // Derived from the old-classification slice, so the figures are those of the old file.
        Assert.Equal(1294, Sum(dataset, "burglary", "barking-and-dagenham", 2016));
        Assert.Equal(840, Sum(dataset, "residential-burglary", "barking-and-dagenham", 2016));
        Assert.Equal(2374, Sum(dataset, "residential-burglary", "barnet", 2016));
        Assert.Equal(350, Sum(dataset, "theft-from-person", "barking-and-dagenham", 2016));
        Assert.Equal(17753, Sum(dataset, "total-notifiable-offences", "barking-and-dagenham", 2016));
        Assert.Equal(47, dataset.SkippedLabels["London Heathrow and London City Airports"]);
    }

    [Fact]
    public void The_label_header_variants_give_the_same_observations()
    {
        var byBoroughName = Loader.Load(TestFiles.Ingest("mps-new-boroughname.csv")).Observations;
        var byBocu = Loader.Load(TestFiles.Ingest("mps-new-group-subgroup-bocu.csv")).Observations;

        Assert.Equal(
            byBoroughName.Select(o => (o.Indicator, o.Area, o.Period, o.Value)),
            byBocu.Select(o => (o.Indicator, o.Area, o.Period, o.Value)));
    }

    [Fact]
    public void Category_names_match_ignoring_case_and_surrounding_spaces()
    {
        var dataset = Loader.Load(TestFiles.Ingest("mps-category-spacing.csv"));

        Assert.Equal(1294, Sum(dataset, "burglary", "barking-and-dagenham", 2016));
        Assert.Equal(840, Sum(dataset, "residential-burglary", "barking-and-dagenham", 2016));
    }

    [Fact]
    public void Counts_with_thousands_separators_as_Excel_exports_them_are_read()
    {
        // Each borough's rows of the slice summed into one row per month, saved as Excel saves "#,##0".
        var totals = Loader.Load(DatasetFiles.Path("mps-borough-totals-2016.csv"));

        Assert.Equal(1357, At(totals, "total-notifiable-offences", "barking-and-dagenham", "2016-12"));
        foreach (var area in new[] { "barking-and-dagenham", "barnet" })
        {
            Assert.Equal(Sum(Historical, "total-notifiable-offences", area, 2016), Sum(totals, "total-notifiable-offences", area, 2016));
        }
    }
}

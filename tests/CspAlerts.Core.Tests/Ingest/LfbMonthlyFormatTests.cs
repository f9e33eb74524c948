using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Ingest;

namespace CspAlerts.Core.Tests.Ingest;

public sealed class LfbMonthlyFormatTests
{
    private static readonly Dataset Slice = new DatasetLoader(TestConfiguration.Create()).Load(TestFiles.Ingest("lfb-2016-slice.csv"));

    private static List<double> Monthly(string indicator, string area) =>
        [.. Slice.Observations.Where(o => o.Indicator == indicator && o.Area == area).OrderBy(o => o.Period).Select(o => o.Value!.Value)];

    [Fact]
    public void Barking_and_Dagenham_deliberate_fires_match_the_arson_table_of_the_call_over_report()
    {
        // The report's arson table, April to December 2016: 20 24 12 26 22 26 11 13 11, YTD 165.
        var aprilToDecember = Monthly("deliberate-fires", "barking-and-dagenham").Skip(3).ToList();

        Assert.Equal([20, 24, 12, 26, 22, 26, 11, 13, 11], aprilToDecember);
        Assert.Equal(165, aprilToDecember.Sum());
    }

    [Fact]
    public void The_month_comes_from_Year_and_Month_not_the_faulty_Date_column()
    {
        // Every row of the slice has Date "01-16"; the months are still January to December.
        var periods = Slice.Observations.Where(o => o.Indicator == "deliberate-fires" && o.Area == "barking-and-dagenham").Select(o => o.Period.ToString());

        Assert.Equal(Enumerable.Range(1, 12).Select(m => $"2016-{m:D2}"), periods);
    }

    [Fact]
    public void Several_callout_types_add_up_into_one_indicator()
    {
        // DELIBERATE FIRES IN RUBBISH + DELIBERATE VEHICLE FIRES, month by month, from the slice.
        Assert.Equal([7, 14, 16, 19, 19, 9, 18, 14, 13, 10, 10, 14], Monthly("deliberate-rubbish-and-vehicle-fires", "barking-and-dagenham"));

        // January's first contributing row is the rubbish fires row on line 8.
        Assert.Equal(8, Slice.Observations.First(o => o.Indicator == "deliberate-rubbish-and-vehicle-fires").Source.Line);
    }

    [Fact]
    public void Not_geo_coded_rows_are_skipped_and_counted()
    {
        // 4 callout types × 12 months; the label is counted without the file's leading space.
        Assert.Equal(new Dictionary<string, int> { ["not geo-coded"] = 48 }, Slice.SkippedLabels);
    }

    [Fact]
    public void The_City_of_London_is_an_area_of_its_own()
    {
        Assert.Equal([2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0], Monthly("deliberate-fires", "city-of-london"));
    }

    [Fact]
    public void Callout_types_no_indicator_takes_are_not_used()
    {
        Assert.Equal("lfb-monthly", Slice.Format);
        Assert.Equal(144, Slice.RowsRead);

        // ALL FIRES maps to nothing: 2 indicators × 2 areas × 12 months.
        Assert.Equal(2 * 2 * 12, Slice.Observations.Count);
    }

    [Fact]
    public void A_count_with_a_thousands_separator_is_read()
    {
        // No borough reaches 1,000 incidents of a type in a month; the figure is made up to show the separator.
        var dataset = new DatasetLoader(TestConfiguration.Create()).Load(DatasetSource.FromText("lfb.csv",
            "Borough,Callout_type,Date,Number of reported incidents,Year,Month\nBarking and dagenham,ALL DELIBERATE FIRES,01-16,\"1,020\",2016,04\n"));

        Assert.Equal(1020, Assert.Single(dataset.Observations).Value);
    }

    [Fact]
    public void A_count_with_decimals_is_not_a_whole_number_even_with_a_thousands_separator()
    {
        var source = DatasetSource.FromText("lfb.csv",
            "Borough,Callout_type,Date,Number of reported incidents,Year,Month\nBarking and dagenham,ALL DELIBERATE FIRES,01-16,\"1,020.5\",2016,04\n");

        var error = Assert.Single(Assert.Throws<DatasetRejectedException>(() => new DatasetLoader(TestConfiguration.Create()).Load(source)).Errors);

        Assert.Equal("lfb.csv:2:4: count '1,020.5' for ALL DELIBERATE FIRES in Barking and dagenham at 2016-04 is not a whole number", error.ToString());
    }
}

using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Ingest;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Ingest;

public sealed class CanonicalFormatTests : IDisposable
{
    private static readonly DatasetLoader Loader = new(TestConfiguration.Create());

    private static readonly Period December2016 = new(2016, 12);

    /// <summary>The rows of canonical-bd-2016-12.csv, as a partner would type them into a spreadsheet.</summary>
    private static readonly object?[]?[] WorkbookRows =
    [
        ["Indicator", "Area", "Period", "Value", "london_value", "england_value", "msg_rank", "msg_size", "met_rank", "met_size", "change_pct", "note"],
        ["proven-reoffending-young-people", "barking-and-dagenham", "2016-12", 43.0, 43.2, 37.7],
        ["proven-reoffending", "barking-and-dagenham", "2016-12", 25.1, 25.7, 25.6],
        ["burglary", "Barking and Dagenham", "2016-12", null, null, null, 3.0, 15.0, 5.0, 32.0, null, "MSG and MET ranks as printed in the call-over report"],
        ["serious-youth-violence", "barking-and-dagenham", "2016-12", null, null, null, null, null, 25.0, 32.0, 9.6, "Up 22 victims"],

        // Excel turns a typed 2016-12 into a date; it is read back as its month.
        ["first-time-entrants", "Barking & Dagenham", new DateOnly(2016, 12, 1), 595.0, null, null, null, null, null, null, null, "rate per 100,000 aged 10-17"],
    ];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Observation Find(Dataset dataset, string indicator) =>
        dataset.Observations.Single(o => o.Indicator == indicator);

    [Fact]
    public void Supplied_figures_are_read_as_given()
    {
        var dataset = Loader.Load(TestFiles.Ingest("canonical-bd-2016-12.csv"));

        var youth = Find(dataset, "proven-reoffending-young-people");
        Assert.Equal(("barking-and-dagenham", December2016, 43.0), (youth.Area, youth.Period, youth.Value));
        Assert.Equal(new SuppliedFigures(LondonValue: 43.2, EnglandValue: 37.7), youth.Supplied);
        Assert.Equal(new SourceRef(TestFiles.Ingest("canonical-bd-2016-12.csv"), 2), youth.Source);
        Assert.Equal("canonical", dataset.Format);
        Assert.Equal(5, dataset.RowsRead);
    }

    [Fact]
    public void A_row_may_supply_only_ready_made_figures()
    {
        var dataset = Loader.Load(TestFiles.Ingest("canonical-bd-2016-12.csv"));

        var burglary = Find(dataset, "burglary");
        Assert.Null(burglary.Value);
        Assert.Equal(
            new SuppliedFigures(Note: "MSG and MET ranks as printed in the call-over report") { Ranks = new Dictionary<string, int> { ["msg_rank"] = 3, ["msg_size"] = 15, ["met_rank"] = 5, ["met_size"] = 32 } },
            burglary.Supplied);
        Assert.Equal(
            new SuppliedFigures(ChangePct: 9.6, Note: "Up 22 victims") { Ranks = new Dictionary<string, int> { ["met_rank"] = 25, ["met_size"] = 32 } },
            Find(dataset, "serious-youth-violence").Supplied);
    }

    [Fact]
    public void Header_names_ignore_case_and_area_labels_match_by_name()
    {
        var dataset = Loader.Load(TestFiles.Ingest("canonical-bd-2016-12.csv"));

        // The header says "Indicator", "Area"...; the rows say "Barking and Dagenham" and "Barking & Dagenham".
        Assert.All(dataset.Observations, o => Assert.Equal("barking-and-dagenham", o.Area));
        Assert.Equal(595, Find(dataset, "first-time-entrants").Value);
    }

    [Fact]
    public void Ignored_area_labels_skip_the_row_and_are_counted()
    {
        var path = _temp.File("with-unknown.csv");
        File.WriteAllText(path, "indicator,area,period,value\nburglary,Unknown,2016-12,3\nburglary,barnet,2016-12,284\nrobbery,Unknown,2016-12,1\n");

        var dataset = Loader.Load(path);

        Assert.Equal(new Dictionary<string, int> { ["Unknown"] = 2 }, dataset.SkippedLabels);
        Assert.Equal("barnet", Assert.Single(dataset.Observations).Area);
    }

    [Fact]
    public void Numbers_with_thousands_separators_as_Excel_exports_them_are_read()
    {
        // Total notifiable offences as summed from the MPS slice: December 2016 and the twelve months before.
        var dataset = Loader.Load(DatasetFiles.Path("canonical-excel-export.csv"));

        Assert.Equal(
            [("barking-and-dagenham", 1357.0, 17167.0), ("barnet", 2089.0, 24584.0)],
            dataset.Observations.Select(o => (o.Area, o.Value!.Value, o.Supplied.Previous!.Value)));
    }

    [Theory]
    [InlineData("\"1,200.5\"", 1200.5)]
    [InlineData("\"12,345,678.25\"", 12345678.25)]
    [InlineData("\"999\"", 999)]
    [InlineData("1200.5", 1200.5)]
    public void A_thousands_separator_may_come_with_decimals_where_decimals_are_allowed(string cell, double expected)
    {
        var dataset = Loader.Load(DatasetSource.FromText("rates.csv", $"indicator,area,period,value\nfirst-time-entrants,barnet,2016-12,{cell}\n"));

        Assert.Equal(expected, Assert.Single(dataset.Observations).Value);
    }

    [Fact]
    public void A_change_may_be_negative_with_a_thousands_separator()
    {
        var dataset = Loader.Load(DatasetSource.FromText("rates.csv", "indicator,area,period,value,change_pct\nfirst-time-entrants,barnet,2016-12,12,\"-1,200.5\"\n"));

        Assert.Equal(-1200.5, Assert.Single(dataset.Observations).Supplied.ChangePct);
    }

    [Theory]
    [InlineData("1,20")]
    [InlineData("1,2000")]
    [InlineData(",")]
    [InlineData(",200")]
    [InlineData("1,")]
    [InlineData("0,5")]
    [InlineData("1234,567")]
    [InlineData("1,200,5")]
    [InlineData("1.200,5")]
    [InlineData("1,200.")]
    [InlineData("1,200e3")]
    public void A_comma_that_could_mean_something_else_is_an_error(string cell)
    {
        var source = DatasetSource.FromText("rates.csv", $"indicator,area,period,value\nfirst-time-entrants,barnet,2016-12,\"{cell}\"\n");

        var error = Assert.Single(Assert.Throws<DatasetRejectedException>(() => Loader.Load(source)).Errors);

        Assert.Equal($"rates.csv:2:4: value '{cell}' is not a number: a comma may only separate thousands, as in 1,200", error.ToString());
    }

    [Fact]
    public void Ranks_may_carry_a_thousands_separator_too()
    {
        var dataset = Loader.Load(DatasetSource.FromText("ranks.csv", "indicator,area,period,value,msg_rank,msg_size\nburglary,barnet,2016-12,,\"1,001\",\"1,200\"\n"));

        var supplied = Assert.Single(dataset.Observations).Supplied;
        Assert.Equal((1001, 1200), supplied.RankIn("msg"));
    }

    [Fact]
    public void A_change_may_fall_below_zero_and_minus_zero_is_zero()
    {
        var dataset = Loader.Load(DatasetSource.FromText("partner.csv",
            "indicator,area,period,value,previous,change_pct\n" +
            "first-time-entrants,barnet,2016-12,0,12.5,-100\n" +
            "proven-reoffending,barnet,2016-12,100,0,250\n" +
            "burglary,barnet,2016-12,0,1,-20.7\n" +
            "robbery,barnet,2016-12,-0,,\n"));

        Assert.Equal([0, 100, 0, 0], dataset.Observations.Select(o => o.Value!.Value));
        Assert.Equal([-100, 250, -20.7, null], dataset.Observations.Select(o => o.Supplied.ChangePct));
    }

    [Theory]
    [InlineData("burglary,barnet,2016-12,2.5", "value 2.5 for burglary in barnet at 2016-12 is not a whole number; counts are whole numbers")]
    [InlineData("burglary,barnet,2016-12,-2.5", "value -2.5 for burglary in barnet at 2016-12 is negative; counts cannot be below zero")]
    [InlineData("burglary,barnet,2016-12,\"10,000,001\"", "value 10000001 for burglary in barnet at 2016-12 is more than 10,000,000, the most one month may hold")]
    [InlineData("proven-reoffending,barnet,2016-12,250", "value 250 for proven-reoffending in barnet at 2016-12 is not a percentage: percentages lie between 0 and 100")]
    [InlineData("proven-reoffending,barnet,2016-12,-0.4", "value -0.4 for proven-reoffending in barnet at 2016-12 is not a percentage: percentages lie between 0 and 100")]
    [InlineData("first-time-entrants,barnet,2016-12,-12.5", "value -12.5 for first-time-entrants in barnet at 2016-12 is negative; rates cannot be below zero")]
    public void A_value_outside_what_its_unit_allows_is_an_error(string row, string expected)
    {
        var source = DatasetSource.FromText("partner.csv", $"indicator,area,period,value\n{row}\n");

        var error = Assert.Single(Assert.Throws<DatasetRejectedException>(() => Loader.Load(source)).Errors);

        Assert.Equal($"partner.csv:2:4: {expected}", error.ToString());
    }

    [Theory]
    [InlineData("previous", "-1", "previous -1 for burglary in barnet at 2016-12 is negative; counts cannot be below zero")]
    [InlineData("ytd", "12.5", "ytd 12.5 for burglary in barnet at 2016-12 is not a whole number; counts are whole numbers")]
    [InlineData("london_value", "-3", "london_value -3 for burglary in barnet at 2016-12 is negative; counts cannot be below zero")]
    [InlineData("target", "-10", "target -10 for burglary in barnet at 2016-12 is negative; counts cannot be below zero")]
    public void A_supplied_figure_in_the_indicator_s_unit_is_held_to_it(string column, string figure, string expected)
    {
        var source = DatasetSource.FromText("partner.csv", $"indicator,area,period,value,{column}\nburglary,barnet,2016-12,5,{figure}\n");

        var error = Assert.Single(Assert.Throws<DatasetRejectedException>(() => Loader.Load(source)).Errors);

        Assert.Equal($"partner.csv:2:5: {expected}", error.ToString());
    }

    [Fact]
    public void A_target_for_a_count_may_be_fractional_and_a_count_may_be_as_large_as_the_limit()
    {
        var dataset = Loader.Load(DatasetSource.FromText("partner.csv", "indicator,area,period,value,target,ytd_target\nburglary,barnet,2016-12,\"10,000,000\",1234.5,925.875\n"));

        var observation = Assert.Single(dataset.Observations);
        Assert.Equal((10_000_000, 1234.5, 925.875), (observation.Value!.Value, observation.Supplied.Target!.Value, observation.Supplied.YtdTarget!.Value));
    }

    [Fact]
    public void A_negative_count_on_a_row_with_other_faults_is_reported_with_them()
    {
        var source = DatasetSource.FromText("partner.csv", "indicator,area,period,value\nburglary,Narnia,2016-13,-3\n");

        var load = Assert.Throws<DatasetRejectedException>(() => Loader.Load(source));

        Assert.Equal(
        [
            "partner.csv:2:2: unknown area 'Narnia'",
            "partner.csv:2:3: invalid period '2016-13': expected YYYY-MM",
            "partner.csv:2:4: value -3 for burglary in Narnia at 2016-13 is negative; counts cannot be below zero",
        ],
            load.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void The_first_sheet_of_a_workbook_reads_like_the_CSV()
    {
        var path = _temp.File("partner.xlsx");
        XlsxWriter.Write(path, WorkbookRows);

        var fromWorkbook = Loader.Load(path);
        var fromCsv = Loader.Load(TestFiles.Ingest("canonical-bd-2016-12.csv"));

        Assert.Equal("canonical", fromWorkbook.Format);
        Assert.Equal(
            fromCsv.Observations.Select(o => o with { Source = o.Source with { File = path } }),
            fromWorkbook.Observations);
    }

    [Fact]
    public void Workbook_errors_name_the_spreadsheet_row()
    {
        var path = _temp.File("partner.xlsx");

        // Row 3 is left empty, as a partner might; the bad area is on spreadsheet row 4.
        XlsxWriter.Write(path,
        [
            ["indicator", "area", "period", "value"],
            ["burglary", "barnet", "2016-12", 284.0],
            null,
            ["burglary", "Narnia", "2016-12", 5.0],
        ]);

        var error = Assert.Single(Assert.Throws<DatasetRejectedException>(() => Loader.Load(path)).Errors);

        Assert.Equal($"{path}:4:2: unknown area 'Narnia'", error.ToString());
    }

    [Fact]
    public void A_damaged_workbook_is_rejected()
    {
        var path = _temp.File("damaged.xlsx");
        File.WriteAllText(path, "indicator,area,period,value\n");

        var error = Assert.Single(Assert.Throws<DatasetRejectedException>(() => Loader.Load(path)).Errors);

        Assert.StartsWith($"{path}:1:1: cannot read the workbook: ", error.ToString(), StringComparison.Ordinal);
    }
}

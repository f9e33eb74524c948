using CspAlerts.Charts.Tests.Support;
using CspAlerts.Evaluation;
using CspAlerts.Model;

namespace CspAlerts.Charts.Tests;

/// <summary>The backtest chart of the seeds for Barking and Dagenham, 2014–2016.</summary>
public class BacktestChartRendererTests
{
    private static readonly Lazy<BacktestResult> Result = new(() => Backtest.Run(
        SeedRun.Engine,
        new BacktestRequest([Path.Combine(SeedRun.Root, "seeds")], new Period(2014, 1), new Period(2016, 12)) { Areas = ["barking-and-dagenham"] }));

    [Fact]
    public void The_chart_is_a_png_960_by_480_with_a_line_per_rule_in_many_colours()
    {
        var png = new BacktestChartRenderer().Render(Result.Value);

        Assert.True(Png.HasSignature(png), "no PNG signature");
        Assert.Equal((960, 480), Png.Size(png));
        using var bitmap = Png.Decode(png);
        Assert.True(Png.DistinctColours(bitmap) > 20, $"{Png.DistinctColours(bitmap)} distinct colours");
    }

    [Fact]
    public void The_title_names_the_area_and_the_months()
    {
        Assert.Equal(
            "Items fired per rule and month, Barking and Dagenham, January 2014 to December 2016",
            BacktestChartRenderer.Title(Result.Value));
    }
}

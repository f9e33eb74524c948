using CspAlerts.Charts.Tests.Support;
using CspAlerts.Model;
using SkiaSharp;

namespace CspAlerts.Charts.Tests;

/// <summary>
/// SPC charts of real series from the seed data for Barking and Dagenham, December 2016: burglary
/// (January and March 2015 beyond the upper limit and a run above the mean in 2015, of concern; the
/// ten months to December 2016 below the mean, an improvement) and theft of motor vehicle (common
/// cause only).
/// </summary>
public class XmrChartRendererTests
{
    private static readonly Period December2016 = new(2016, 12);

    private readonly XmrChartRenderer _renderer = new();

    private static Indicator IndicatorOf(string id) => SeedRun.Engine.Configuration.FindIndicator(id)!;

    private static Area Barking => SeedRun.Engine.Configuration.FindArea("barking-and-dagenham")!;

    private byte[] Render(string indicator) => _renderer.Render(IndicatorOf(indicator), Barking, December2016, SeedRun.Result.Table)!;

    [Fact]
    public void The_chart_is_a_png_640_by_320_with_a_title_and_many_colours()
    {
        var png = Render("burglary");

        Assert.True(Png.HasSignature(png), "no PNG signature");
        Assert.Equal((640, 320), Png.Size(png));
        using var bitmap = Png.Decode(png);
        Assert.True(Png.DarkPixels(bitmap, 0, ChartStyle.TitleBand - 2) > 300, "the title is drawn");
        Assert.True(Png.DistinctColours(bitmap) > 20, $"{Png.DistinctColours(bitmap)} distinct colours");
    }

    [Fact]
    public void Points_are_coloured_by_variation_concern_orange_improvement_blue_common_cause_grey()
    {
        using var bitmap = Png.Decode(Render("burglary"));

        Assert.True(Png.PixelsNear(bitmap, SKColor.Parse("#00B0F0"), 16) > 150, "improvement points");
        Assert.True(Png.PixelsNear(bitmap, SKColor.Parse("#E46C0A"), 16) > 150, "points of concern");
        Assert.True(Png.PixelsNear(bitmap, SKColor.Parse("#A6A6A6"), 8) > 150, "common cause points and line");
    }

    [Fact]
    public void The_points_of_a_run_are_all_special_causes_and_the_rest_common_cause()
    {
        var chart = SeedRun.Result.Table.SpcChartOf("burglary", "barking-and-dagenham", December2016)!;

        // March to December 2016 (105 … 119) are all below the mean of 121.9: ten points of one run. July and
        // August 2016 (87, 87) lie between the lower near limit (90.5) and the lower limit (74.8): the
        // higher-priority two-of-three names them.
        var run = chart.Points.TakeLast(10).ToList();
        Assert.All(run, p => Assert.Equal("improvement", p.Variation));
        Assert.Equal(
            ["shift", "shift", "shift", "shift", "two-of-three", "two-of-three", "shift", "shift", "shift", "shift"],
            run.Select(p => p.Signal));
        Assert.Equal(("beyond-limits", "concern"), (chart.Points[0].Signal, chart.Points[0].Variation));
        Assert.Equal(("none", "common-cause"), (chart.Points[1].Signal, chart.Points[1].Variation));
    }

    [Fact]
    public void A_chart_with_no_special_cause_has_no_blue_or_orange()
    {
        using var bitmap = Png.Decode(Render("theft-of-motor-vehicle"));

        Assert.True(Png.PixelsNear(bitmap, SKColor.Parse("#00B0F0"), 16) < 20, "no improvement point");
        Assert.True(Png.PixelsNear(bitmap, SKColor.Parse("#E46C0A"), 16) < 20, "no point of concern");
    }

    [Fact]
    public void The_title_and_caption_say_in_words_what_the_chart_shows()
    {
        var chart = SeedRun.Result.Table.SpcChartOf("burglary", "barking-and-dagenham", December2016)!;

        Assert.Equal("Burglary in Barking and Dagenham: SPC chart, 24 months to December 2016", XmrChartRenderer.Title(IndicatorOf("burglary"), Barking, December2016, 24));
        Assert.Equal("December 2016: special cause, an improvement, 7 or more months in a row below the mean", XmrChartRenderer.Caption(chart, December2016, IndicatorUnit.Count));
    }

    [Fact]
    public void The_caption_says_when_the_limits_rest_on_fewer_than_24_months()
    {
        var points = Enumerable.Range(0, 14).Select(i => new SpcPoint(i % 2 == 0 ? 10 : 12, "none", "common-cause")).ToList();
        var chart = new SpcChart(11, 16.32, 5.68, 14.55, 7.45, 5.68, points);

        Assert.Equal("March 2015: common cause variation, no special cause (limits from only 14 months)", XmrChartRenderer.Caption(chart, new Period(2015, 3), IndicatorUnit.Count));
    }

    [Fact]
    public void The_caption_says_when_a_counts_lower_limit_is_left_out_for_being_below_zero()
    {
        var points = Enumerable.Range(0, 24).Select(i => new SpcPoint(i % 2 == 0 ? 1 : 4, "none", "common-cause")).ToList();
        var chart = new SpcChart(2.5, 10.48, 0, 7.82, -2.82, -5.48, points);

        Assert.Equal("December 2016: common cause variation, no special cause (no lower limit: it is below zero)", XmrChartRenderer.Caption(chart, December2016, IndicatorUnit.Count));
        Assert.Equal("December 2016: common cause variation, no special cause", XmrChartRenderer.Caption(chart, December2016, IndicatorUnit.Rate));
    }

    [Fact]
    public void There_is_no_chart_with_fewer_than_12_months_in_a_row()
    {
        // The seed data starts in October 2012: November 2013 has 14 months, September 2013 only 12, August 2013 11.
        var table = SeedRun.Result.Table;

        Assert.NotNull(_renderer.Render(IndicatorOf("burglary"), Barking, new Period(2013, 9), table));
        Assert.Null(_renderer.Render(IndicatorOf("burglary"), Barking, new Period(2013, 8), table));
    }

    [Fact]
    public void A_special_cause_on_a_monitor_indicator_is_drawn_in_purple()
    {
        var values = Enumerable.Range(0, 24).Select(i => i < 17 ? (i % 2 == 0 ? 10.0 : 12.0) : 14.0 + (i % 2)).ToArray();
        var chart = CspAlerts.Measures.StatisticalProcessControl.Chart(values, Polarity.Monitor, IndicatorUnit.Count)!;
        var months = Enumerable.Range(0, 24).Select(i => December2016.AddMonths(i - 23)).ToList();

        using var bitmap = Png.Decode(_renderer.Draw(chart, months, IndicatorUnit.Count, "Sexual offences", XmrChartRenderer.Caption(chart, December2016, IndicatorUnit.Count)));

        Assert.Equal("neutral", chart.Points[^1].Variation);
        Assert.True(Png.PixelsNear(bitmap, SKColor.Parse("#490092"), 16) > 150, "neutral points");
        Assert.True(Png.PixelsNear(bitmap, SKColor.Parse("#E46C0A"), 16) < 20, "no point of concern");
    }

    [Fact]
    public void Writes_the_example_chart_next_to_the_test_binaries()
    {
        var png = Render("burglary");

        // Copied by hand to docs/images/spc-chart-example.png for the docs when the chart changes.
        var path = Path.Combine(AppContext.BaseDirectory, "spc-chart-example.png");
        File.WriteAllBytes(path, png);
        Assert.True(File.Exists(path));
    }
}

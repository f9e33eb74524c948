using CspAlerts.Charts.Tests.Support;
using CspAlerts.Model;
using SkiaSharp;

namespace CspAlerts.Charts.Tests;

/// <summary>The trend chart of a real item: theft of motor vehicle in Barking and Dagenham, from the seed data.</summary>
public class TrendChartRendererTests
{
    /// <summary>The rows the title is drawn in, short of the frame of the data area below them.</summary>
    private const int TitleBand = TrendChartRenderer.TitleBand - 2;

    // Made for each test, so that a missing font fails every test with its own message.
    private readonly TrendChartRenderer _renderer = new();

    [Fact]
    public void The_theft_of_motor_vehicle_chart_is_a_png_480_by_240()
    {
        var png = _renderer.Render(SeedRun.TheftOfMotorVehicle, SeedRun.Result.Table);

        Assert.NotNull(png);
        Assert.True(Png.HasSignature(png), "no PNG signature");
        Assert.Equal((480, 240), Png.Size(png));
        using var bitmap = Png.Decode(png);
        Assert.Equal((480, 240), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void The_chart_is_not_blank_it_has_dark_text_in_the_title_and_many_colours()
    {
        var png = _renderer.Render(SeedRun.TheftOfMotorVehicle, SeedRun.Result.Table)!;

        using var bitmap = Png.Decode(png);
        Assert.True(Png.DarkPixels(bitmap, 0, TitleBand) > 300, $"{Png.DarkPixels(bitmap, 0, TitleBand)} dark pixels in the title band");
        Assert.True(Png.DistinctColours(bitmap) > 20, $"{Png.DistinctColours(bitmap)} distinct colours");
    }

    [Fact]
    public void The_monthly_bars_the_rolling_average_and_london_are_each_drawn_in_their_colour()
    {
        var png = _renderer.Render(SeedRun.TheftOfMotorVehicle, SeedRun.Result.Table)!;

        using var bitmap = Png.Decode(png);
        Assert.True(Png.PixelsNear(bitmap, SKColor.Parse("#9ECAE1"), 8) > 1000, "monthly bars");
        Assert.True(Png.PixelsNear(bitmap, SKColor.Parse("#08519C")) > 200, "rolling monthly average");
        Assert.True(Png.PixelsNear(bitmap, SKColor.Parse("#D95F0E")) > 200, "London per borough");
    }

    [Fact]
    public void The_labels_are_drawn_the_title_band_differs_a_lot_from_a_chart_with_an_empty_title()
    {
        var item = SeedRun.TheftOfMotorVehicle;
        var trend = Trend.Collect(item, SeedRun.Result.Table, TrendChartRenderer.Months);

        using var titled = Png.Decode(_renderer.Draw(trend, TrendChartRenderer.Title(item)));
        using var untitled = Png.Decode(_renderer.Draw(trend, string.Empty));

        var different = Png.DifferentPixels(titled, untitled, 0, TitleBand);
        Assert.True(different > 500, $"only {different} pixels of the title band differ");
        Assert.True(Png.DarkPixels(untitled, 0, TitleBand) < 20, "the untitled chart has text where its title would be");
    }

    [Fact]
    public void The_title_names_the_indicator_the_area_and_the_month()
    {
        Assert.Equal(
            "Theft of motor vehicle in Barking and Dagenham, 24 months to December 2016",
            TrendChartRenderer.Title(SeedRun.TheftOfMotorVehicle));
    }

    [Fact]
    public void Month_labels_are_the_short_month_name_and_the_year()
    {
        Assert.Equal("Jan 2016", TrendChartRenderer.MonthLabel(new Period(2016, 1)));
        Assert.Equal("Dec 2014", TrendChartRenderer.MonthLabel(new Period(2014, 12)));
    }

    [Fact]
    public void The_figures_are_24_months_of_monthly_values_r12_over_12_and_londons_r12_over_12_over_32()
    {
        var item = SeedRun.TheftOfMotorVehicle;
        var table = SeedRun.Result.Table;

        var trend = Trend.Collect(item, table, TrendChartRenderer.Months);

        Assert.Equal(24, trend.Months.Count);
        Assert.Equal(new Period(2015, 1), trend.Months[0]);
        Assert.Equal(new Period(2016, 12), trend.Months[^1]);
        Assert.Equal(24, trend.MonthsWithValues);
        var december = table.Find("theft-of-motor-vehicle", "barking-and-dagenham", new Period(2016, 12))!;
        var london = table.Find("theft-of-motor-vehicle", "london", new Period(2016, 12))!;
        Assert.Equal(december.MonthValue, trend.Monthly[^1]);
        Assert.Equal(december.Value!.Value / 12, trend.Rolling[^1]!.Value, 9);
        Assert.Equal(london.Value!.Value / 12 / 32, trend.London[^1]!.Value, 9);
        Assert.NotNull(trend.Spc);
        Assert.Equal(december.Spc, trend.Spc);
    }

    [Fact]
    public void An_item_with_fewer_than_3_months_of_values_has_no_chart()
    {
        var table = SeedRun.Result.Table;
        var item = SeedRun.TheftOfMotorVehicle with { Period = table.First.AddMonths(1) };

        Assert.Null(_renderer.Render(item, table));
    }

    [Fact]
    public void An_item_with_exactly_3_months_of_values_has_a_chart()
    {
        var table = SeedRun.Result.Table;
        var item = SeedRun.TheftOfMotorVehicle with { Period = table.First.AddMonths(2) };

        var png = _renderer.Render(item, table);

        Assert.NotNull(png);
        Assert.Equal((480, 240), Png.Size(png));
    }

    [Fact]
    public void A_percentage_given_for_one_month_has_no_rolling_line_and_no_chart()
    {
        var table = SeedRun.Result.Table;
        var indicator = SeedRun.Engine.Configuration.FindIndicator("proven-reoffending")!;
        var item = SeedRun.TheftOfMotorVehicle with { Indicator = indicator };

        var trend = Trend.Collect(item, table, TrendChartRenderer.Months);

        Assert.Equal(IndicatorUnit.Percent, trend.Unit);
        Assert.Equal(25.1, trend.Monthly[^1]);
        Assert.Equal(1, trend.MonthsWithValues);
        Assert.All(trend.Rolling, Assert.Null);
        Assert.Null(_renderer.Render(item, table));
    }

    [Fact]
    public void An_item_past_the_end_of_the_data_has_no_chart()
    {
        var table = SeedRun.Result.Table;
        var item = SeedRun.TheftOfMotorVehicle with { Period = table.Last.AddMonths(30) };

        Assert.Null(_renderer.Render(item, table));
    }

    [Fact]
    public void A_missing_font_stops_the_renderer_with_a_message_naming_the_font_and_the_package()
    {
        var error = Assert.Throws<ChartFontMissingException>(() => ChartFont.Require("No Such Font Sans"));

        Assert.Contains("\"No Such Font Sans\" is not installed", error.Message, StringComparison.Ordinal);
        Assert.Contains("fonts-dejavu-core", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_chart_font_is_installed_here_and_is_scottplots_default()
    {
        ChartFont.Require(ChartFont.Family);

        Assert.Equal("DejaVu Sans", ScottPlot.Fonts.Default);
    }

    [Fact]
    public void Charts_draw_at_another_size_when_asked()
    {
        var png = new TrendChartRenderer(600, 300).Render(SeedRun.TheftOfMotorVehicle, SeedRun.Result.Table)!;

        Assert.Equal((600, 300), Png.Size(png));
    }

    [Fact]
    public void Every_charted_item_of_the_seed_run_renders()
    {
        foreach (var item in SeedRun.Result.Items)
        {
            var png = _renderer.Render(item, SeedRun.Result.Table);
            if (png is not null)
            {
                Assert.Equal((480, 240), Png.Size(png));
            }
        }
    }
}

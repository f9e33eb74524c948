using CspAlerts.Evaluation;
using CspAlerts.Measures;
using CspAlerts.Model;
using CspAlerts.Notify;
using ScottPlot;

namespace CspAlerts.Charts;

/// <summary>
/// Draws an item's trend as a small PNG for the lead emails with ScottPlot: 24 months to the item's
/// month of monthly values (bars), for counts the rolling twelve-month total / 12 and London's per
/// borough (London's R12 / 12 / 32) as lines, and the SPC mean and process limits as dashed lines.
/// Needs the font <see cref="ChartFont.Family"/>; the constructor throws <see cref="ChartFontMissingException"/> without it.
/// </summary>
public sealed class TrendChartRenderer : ChartSize, IChartRenderer
{
    /// <summary>The months a chart covers, ending at the item's month.</summary>
    public const int Months = 24;

    /// <summary>Fewer months with a value than this and no chart is drawn.</summary>
    public const int MinimumMonths = 3;

    /// <summary>The rows at the top the title is drawn in: a one-line title never changes the layout below it.</summary>
    internal const int TitleBand = ChartStyle.TitleBand;

    private static readonly Color MonthlyColour = Color.FromHex("#9ECAE1");
    private static readonly Color RollingColour = Color.FromHex("#08519C");
    private static readonly Color LondonColour = Color.FromHex("#D95F0E");
    private static readonly Color SpcColour = Color.FromHex("#636363");

    /// <summary>Checks the chart font is installed and makes it ScottPlot's default.</summary>
    /// <param name="width">Width in pixels; the emails show charts 480 wide.</param>
    /// <param name="height">Height in pixels.</param>
    public TrendChartRenderer(int width = 480, int height = 240)
        : base(width, height, minWidth: 200, minHeight: 120)
    {
    }

    /// <summary>The chart's title, e.g. "Theft of motor vehicle in Barking and Dagenham, 24 months to December 2016".</summary>
    public static string Title(Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return $"{item.Indicator.Name} in {item.Area.Name}, {Months} months to {item.Period.ToDisplayString()}";
    }

    /// <summary>The chart as PNG bytes, or null when fewer than <see cref="MinimumMonths"/> of the 24 months have a value.</summary>
    public byte[]? Render(Item item, FactTable table)
    {
        var trend = Trend.Collect(item, table, Months);
        return trend.MonthsWithValues < MinimumMonths ? null : Draw(trend, Title(item));
    }

    /// <summary>Draws the figures under the given title (the tests draw one with an empty title to see the text).</summary>
    internal byte[] Draw(Trend trend, string title)
    {
        var plot = ChartStyle.NewPlot();
        try
        {
            var x = Enumerable.Range(0, trend.Months.Count).Select(i => (double)i).ToArray();
            AddMonthly(plot, x, trend.Monthly);
            AddLine(plot, x, trend.Rolling, RollingColour, trend.Unit == IndicatorUnit.Count ? "Rolling monthly average" : string.Empty, LinePattern.Solid);
            AddLine(plot, x, trend.London, LondonColour, trend.Unit == IndicatorUnit.Count ? "London, per borough" : "London", LinePattern.Solid);
            AddSpc(plot, trend);

            ChartStyle.MonthAxis(plot, trend.Months);
            ChartStyle.NumberAxis(plot, trend.Unit);
            plot.Axes.Margins(horizontal: 0.02, vertical: 0.08);
            plot.Axes.AutoScale();
            var limits = plot.Axes.GetLimits();
            var bottom = trend.Unit == IndicatorUnit.Count || limits.Bottom > 0 ? 0 : limits.Bottom;
            plot.Axes.SetLimitsY(bottom, limits.Top);
            plot.Axes.SetLimitsX(-0.7, trend.Months.Count - 0.3);

            ChartStyle.Title(plot, title, Width);
            ChartStyle.Legend(plot);

            return plot.GetImageBytes(Width, Height, ImageFormat.Png);
        }
        finally
        {
            plot.Dispose();
        }
    }

    private static void AddMonthly(Plot plot, double[] x, IReadOnlyList<double?> values)
    {
        var bars = new List<Bar>();
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is double v)
            {
                bars.Add(new Bar { Position = x[i], Value = v, FillColor = MonthlyColour, LineWidth = 0, Size = 0.7 });
            }
        }

        var plottable = plot.Add.Bars(bars);
        plottable.LegendText = "Monthly";
    }

    /// <summary>A line broken where months have no figure; only its first piece is named in the legend.</summary>
    private static void AddLine(Plot plot, double[] x, IReadOnlyList<double?> values, Color colour, string legend, LinePattern pattern)
    {
        var named = false;
        var i = 0;
        while (i < values.Count)
        {
            if (values[i] is null)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < values.Count && values[i] is not null)
            {
                i++;
            }

            var line = plot.Add.Scatter(x[start..i], [.. values.Skip(start).Take(i - start).Select(v => v!.Value)], colour);
            line.LineWidth = 2;
            line.LinePattern = pattern;
            line.MarkerSize = i - start == 1 ? 4 : 0;
            if (!named && legend.Length > 0)
            {
                line.LegendText = legend;
                named = true;
            }
        }
    }

    private static void AddSpc(Plot plot, Trend trend)
    {
        if (trend.Spc is not { } spc)
        {
            return;
        }

        var mean = plot.Add.HorizontalLine(spc.Mean, 1, SpcColour, LinePattern.Dashed);
        mean.LegendText = "Mean";
        var upper = plot.Add.HorizontalLine(spc.UpperLimit, 1, SpcColour, LinePattern.Dotted);
        upper.LegendText = "Process limits";

        // A count cannot fall below zero: a lower limit under it says nothing and would stretch the axis.
        if (trend.Unit != IndicatorUnit.Count || spc.LowerLimit > 0)
        {
            plot.Add.HorizontalLine(spc.LowerLimit, 1, SpcColour, LinePattern.Dotted);
        }
    }

    /// <summary>"Jan 2016".</summary>
    internal static string MonthLabel(Period month) => ChartStyle.MonthLabel(month);
}

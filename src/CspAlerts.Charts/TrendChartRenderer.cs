using System.Globalization;
using CspAlerts.Evaluation;
using CspAlerts.Measures;
using CspAlerts.Model;
using CspAlerts.Notify;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace CspAlerts.Charts;

/// <summary>
/// Draws an item's trend as a small PNG for the lead emails with ScottPlot: 24 months to the item's
/// month of monthly values (bars), for counts the rolling twelve-month total / 12 and London's per
/// borough (London's R12 / 12 / 32) as lines, and the SPC mean and process limits as dashed lines.
/// Needs the font <see cref="ChartFont.Family"/>; the constructor throws <see cref="ChartFontMissingException"/> without it.
/// </summary>
public sealed class TrendChartRenderer : IChartRenderer
{
    /// <summary>The months a chart covers, ending at the item's month.</summary>
    public const int Months = 24;

    /// <summary>Fewer months with a value than this and no chart is drawn.</summary>
    public const int MinimumMonths = 3;

    /// <summary>The rows at the top the title is drawn in: a one-line title never changes the layout below it.</summary>
    internal const int TitleBand = 24;

    private const float TitleSize = 11;
    private const float SmallestTitleSize = 9;
    private const float TickSize = 9;
    private const float LegendSize = 8;

    private static readonly Color MonthlyColour = Color.FromHex("#9ECAE1");
    private static readonly Color RollingColour = Color.FromHex("#08519C");
    private static readonly Color LondonColour = Color.FromHex("#D95F0E");
    private static readonly Color SpcColour = Color.FromHex("#636363");
    private static readonly Color TextColour = Color.FromHex("#222222");

    /// <summary>Checks the chart font is installed and makes it ScottPlot's default.</summary>
    /// <param name="width">Width in pixels; the emails show charts 480 wide.</param>
    /// <param name="height">Height in pixels.</param>
    public TrendChartRenderer(int width = 480, int height = 240)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 120);
        ChartFont.Use();
        Width = width;
        Height = height;
    }

    public int Width { get; }

    public int Height { get; }

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
        var plot = new Plot();
        try
        {
            plot.FigureBackground.Color = Colors.White;
            plot.DataBackground.Color = Colors.White;
            plot.Grid.MajorLineColor = Color.FromHex("#E8E8E8");
            plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;

            var x = Enumerable.Range(0, trend.Months.Count).Select(i => (double)i).ToArray();
            AddMonthly(plot, x, trend.Monthly);
            AddLine(plot, x, trend.Rolling, RollingColour, trend.Unit == IndicatorUnit.Count ? "Rolling monthly average" : string.Empty, LinePattern.Solid);
            AddLine(plot, x, trend.London, LondonColour, trend.Unit == IndicatorUnit.Count ? "London, per borough" : "London", LinePattern.Solid);
            AddSpc(plot, trend);

            MonthAxis(plot, trend.Months);
            plot.Axes.Left.TickLabelStyle.FontSize = TickSize;
            plot.Axes.Left.TickLabelStyle.ForeColor = TextColour;
            plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Number, IntegerTicksOnly = trend.Unit == IndicatorUnit.Count };
            plot.Axes.Margins(horizontal: 0.02, vertical: 0.08);
            plot.Axes.AutoScale();
            var limits = plot.Axes.GetLimits();
            var bottom = trend.Unit == IndicatorUnit.Count || limits.Bottom > 0 ? 0 : limits.Bottom;
            plot.Axes.SetLimitsY(bottom, limits.Top);
            plot.Axes.SetLimitsX(-0.7, trend.Months.Count - 0.3);

            plot.Axes.Title.FullFigureCenter = true;
            plot.Axes.Title.VerticalPadding = 6;
            plot.Axes.Title.MinimumSize = TitleBand;
            plot.Axes.Title.Label.ForeColor = TextColour;
            plot.Axes.Title.Label.Bold = true;
            var (text, size) = FitTitle(title);
            plot.Title(text, size);

            // One row of keys under the chart, with no frame or shadow.
            var panel = plot.ShowLegend(Edge.Bottom);
            panel.Padding = new PixelPadding(0, 0, 2, 2);
            plot.Legend.FontSize = LegendSize;
            plot.Legend.FontColor = TextColour;
            plot.Legend.OutlineColor = Colors.Transparent;
            plot.Legend.BackgroundColor = Colors.Transparent;
            plot.Legend.ShadowColor = Colors.Transparent;
            plot.Legend.TightHorizontalWrapping = true;
            plot.Legend.SymbolWidth = 14;
            plot.Legend.SymbolPadding = 3;
            plot.Legend.InterItemPadding = new PixelPadding(0, 9, 0, 0);
            plot.Legend.Padding = new PixelPadding(0);

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

    /// <summary>Month names under the bars: every fourth month back from the item's month is labelled, every month ticked.</summary>
    private static void MonthAxis(Plot plot, IReadOnlyList<Period> months)
    {
        var ticks = new NumericManual();
        for (var i = 0; i < months.Count; i++)
        {
            if ((months.Count - 1 - i) % 4 == 0)
            {
                ticks.AddMajor(i, MonthLabel(months[i]));
            }
            else
            {
                ticks.AddMinor(i);
            }
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickSize;
        plot.Axes.Bottom.TickLabelStyle.ForeColor = TextColour;
    }

    /// <summary>"Jan 2016".</summary>
    internal static string MonthLabel(Period month) =>
        string.Create(CultureInfo.InvariantCulture, $"{CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(month.Month)} {month.Year}");

    private static string Number(double value) =>
        value.ToString(Math.Abs(value) >= 1000 ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);

    /// <summary>The title at the largest size from 11 down to 9 that fits the width; past that, broken after its comma.</summary>
    private (string Text, float Size) FitTitle(string title)
    {
        // ScottPlot caches its typefaces: this one is borrowed, not disposed.
        var typeface = Fonts.GetTypeface(ChartFont.Family, bold: true, italic: false);
        var room = Width - 16;
        for (var size = TitleSize; size >= SmallestTitleSize; size -= 0.5f)
        {
            using var font = new SKFont(typeface, size);
            if (font.MeasureText(title) <= room)
            {
                return (title, size);
            }
        }

        var comma = title.LastIndexOf(", ", StringComparison.Ordinal);
        return comma < 0 ? (title, SmallestTitleSize) : (string.Concat(title.AsSpan(0, comma + 1), "\n", title.AsSpan(comma + 2)), TitleSize - 1);
    }
}

using System.Globalization;
using CspAlerts.Model;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace CspAlerts.Charts;

/// <summary>
/// The look every chart shares: white ground, light grid, month names under the axis, a bold title
/// that fits the width, and one frameless row of keys under the chart. Set in <see cref="ChartFont.Family"/>.
/// </summary>
internal static class ChartStyle
{
    /// <summary>The rows at the top the title is drawn in: a one-line title never changes the layout below it.</summary>
    public const int TitleBand = 24;

    public const float TickSize = 9;

    public static readonly Color TextColour = Color.FromHex("#222222");

    private const float TitleSize = 11;
    private const float SmallestTitleSize = 9;
    private const float LegendSize = 8;

    /// <summary>A plot with the shared background and grid; the caller disposes it.</summary>
    public static Plot NewPlot()
    {
        var plot = new Plot();
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Color.FromHex("#E8E8E8");
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        return plot;
    }

    /// <summary>Numbers on the left axis, whole numbers only for counts.</summary>
    public static void NumberAxis(Plot plot, IndicatorUnit unit)
    {
        plot.Axes.Left.TickLabelStyle.FontSize = TickSize;
        plot.Axes.Left.TickLabelStyle.ForeColor = TextColour;
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Number, IntegerTicksOnly = unit == IndicatorUnit.Count };
    }

    /// <summary>The bold title, centred over the whole figure, at the largest size that fits <paramref name="width"/>.</summary>
    public static void Title(Plot plot, string title, int width)
    {
        plot.Axes.Title.FullFigureCenter = true;
        plot.Axes.Title.VerticalPadding = 6;
        plot.Axes.Title.MinimumSize = TitleBand;
        plot.Axes.Title.Label.ForeColor = TextColour;
        plot.Axes.Title.Label.Bold = true;
        var (text, size) = FitTitle(title, width);
        plot.Title(text, size);
    }

    /// <summary>One row of keys under the chart, with no frame or shadow.</summary>
    public static void Legend(Plot plot)
    {
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
    }

    /// <summary>Month names under the points: every fourth month back from the last is labelled, every month ticked.</summary>
    public static void MonthAxis(Plot plot, IReadOnlyList<Period> months)
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
    public static string MonthLabel(Period month) =>
        string.Create(CultureInfo.InvariantCulture, $"{CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(month.Month)} {month.Year}");

    public static string Number(double value) =>
        value.ToString(Math.Abs(value) >= 1000 ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);

    /// <summary>The title at the largest size from 11 down to 9 that fits the width; past that, broken after its last comma.</summary>
    private static (string Text, float Size) FitTitle(string title, int width)
    {
        // ScottPlot caches its typefaces: this one is borrowed, not disposed.
        var typeface = Fonts.GetTypeface(ChartFont.Family, bold: true, italic: false);
        var room = width - 16;
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

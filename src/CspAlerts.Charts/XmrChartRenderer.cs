using CspAlerts.Evaluation;
using CspAlerts.Measures;
using CspAlerts.Model;
using CspAlerts.Notify;
using ScottPlot;

namespace CspAlerts.Charts;

/// <summary>
/// Draws an XmR (statistical process control) chart in the NHS "Making Data Count" style as a PNG:
/// the monthly values joined by a grey line, the mean, the process limits, and each point coloured by
/// its variation (grey for common cause; orange for a special cause of concern, blue for improvement,
/// purple for a monitor indicator), special-cause points drawn larger. Under the axis it says in
/// words what the latest month shows. The <c>chart</c> command writes it; emails and pages can show
/// the same picture through <see cref="IChartRenderer"/>. Needs the font <see cref="ChartFont.Family"/>.
/// </summary>
public sealed class XmrChartRenderer : ChartSize, IChartRenderer
{
    internal static readonly Color CommonCause = Color.FromHex("#A6A6A6");
    internal static readonly Color Concern = Color.FromHex("#E46C0A");
    internal static readonly Color Improvement = Color.FromHex("#00B0F0");
    internal static readonly Color Neutral = Color.FromHex("#490092");
    private static readonly Color MeanColour = Color.FromHex("#222222");
    private static readonly Color LimitColour = Color.FromHex("#7F7F7F");

    /// <summary>Checks the chart font is installed and makes it ScottPlot's default.</summary>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public XmrChartRenderer(int width = 640, int height = 320)
        : base(width, height, minWidth: 300, minHeight: 160)
    {
    }

    /// <summary>"Theft of motor vehicle in Barking and Dagenham: SPC chart, 24 months to December 2016".</summary>
    public static string Title(Indicator indicator, Area area, Period period, int months)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(area);
        return $"{indicator.Name} in {area.Name}: SPC chart, {months} months to {period.ToDisplayString()}";
    }

    /// <summary>
    /// What the latest month shows, in words, e.g. "December 2016: special cause of concern, 7 or more
    /// months in a row above the mean". Says when the limits rest on fewer than 24 months, and when a
    /// count's lower limit is left out because it falls below zero.
    /// </summary>
    public static string Caption(SpcChart chart, Period period, IndicatorUnit unit)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var last = chart.Points[^1];
        var text = last.IsSpecialCause
            ? $"{period.ToDisplayString()}: special cause{Kind(last.Variation)}, {Reason(chart)}"
            : $"{period.ToDisplayString()}: common cause variation, no special cause";
        var notes = new List<string>();
        if (chart.Points.Count < StatisticalProcessControl.DefaultWindow)
        {
            notes.Add($"limits from only {chart.Points.Count} months");
        }

        if (!DrawsLowerLimit(chart, unit))
        {
            notes.Add("no lower limit: it is below zero");
        }

        return notes.Count == 0 ? text : $"{text} ({string.Join("; ", notes)})";
    }

    // For counts a limit below zero is reported as 0: a line on the floor of the axis would say nothing.
    private static bool DrawsLowerLimit(SpcChart chart, IndicatorUnit unit) => unit != IndicatorUnit.Count || chart.ComputedLowerLimit > 0;

    /// <summary>The chart for an email item: its indicator, area and month.</summary>
    public byte[]? Render(Item item, FactTable table)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Render(item.Indicator, item.Area, item.Period, table);
    }

    /// <summary>The chart as PNG bytes, or null when fewer than 12 consecutive months with a figure end at the month.</summary>
    public byte[]? Render(Indicator indicator, Area area, Period period, FactTable table)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(table);
        var chart = table.SpcChartOf(indicator.Id, area.Id, period);
        if (chart is null || !IsFinite(chart))
        {
            return null;
        }

        var months = Enumerable.Range(0, chart.Points.Count).Select(i => period.AddMonths(i - chart.Points.Count + 1)).ToList();
        return Draw(chart, months, indicator.Unit, Title(indicator, area, period, months.Count), Caption(chart, period, indicator.Unit));
    }

    internal byte[] Draw(SpcChart chart, IReadOnlyList<Period> months, IndicatorUnit unit, string title, string caption)
    {
        var plot = ChartStyle.NewPlot();
        try
        {
            var x = Enumerable.Range(0, chart.Points.Count).Select(i => (double)i).ToArray();
            var y = chart.Points.Select(p => p.Value).ToArray();

            var line = plot.Add.Scatter(x, y, CommonCause);
            line.LineWidth = 1.5f;
            line.MarkerSize = 0;

            var mean = plot.Add.HorizontalLine(chart.Mean, 1.5f, MeanColour, LinePattern.Solid);
            mean.LegendText = "Mean";
            var upper = plot.Add.HorizontalLine(chart.UpperLimit, 1.5f, LimitColour, LinePattern.Dashed);
            upper.LegendText = "Process limits";

            if (DrawsLowerLimit(chart, unit))
            {
                plot.Add.HorizontalLine(chart.LowerLimit, 1.5f, LimitColour, LinePattern.Dashed);
            }

            AddPoints(plot, x, chart.Points, "common-cause", CommonCause, 5, "Common cause");
            AddPoints(plot, x, chart.Points, "concern", Concern, 8, "Special cause: concern");
            AddPoints(plot, x, chart.Points, "improvement", Improvement, 8, "Special cause: improvement");
            AddPoints(plot, x, chart.Points, "neutral", Neutral, 8, "Special cause: neither better nor worse");

            ChartStyle.MonthAxis(plot, months);
            ChartStyle.NumberAxis(plot, unit);
            plot.Axes.Bottom.Label.Text = caption;
            plot.Axes.Bottom.Label.FontSize = ChartStyle.TickSize + 1;
            plot.Axes.Bottom.Label.ForeColor = ChartStyle.TextColour;
            plot.Axes.Bottom.Label.Bold = false;

            plot.Axes.Margins(horizontal: 0.02, vertical: 0.08);
            plot.Axes.AutoScale();
            var limits = plot.Axes.GetLimits();
            if (unit == IndicatorUnit.Count && limits.Bottom < 0)
            {
                plot.Axes.SetLimitsY(0, limits.Top);
            }

            plot.Axes.SetLimitsX(-0.7, chart.Points.Count - 0.3);
            ChartStyle.Title(plot, title, Width);
            ChartStyle.Legend(plot);
            return plot.GetImageBytes(Width, Height, ImageFormat.Png);
        }
        finally
        {
            plot.Dispose();
        }
    }

    private static void AddPoints(Plot plot, double[] x, IReadOnlyList<SpcPoint> points, string variation, Color colour, float size, string legend)
    {
        var chosen = Enumerable.Range(0, points.Count).Where(i => points[i].Variation == variation).ToList();
        if (chosen.Count == 0)
        {
            return;
        }

        double[] xs = [.. chosen.Select(i => x[i])];
        double[] ys = [.. chosen.Select(i => points[i].Value)];
        var markers = plot.Add.ScatterPoints(xs, ys, colour);
        markers.MarkerSize = size;
        markers.MarkerShape = MarkerShape.FilledCircle;
        markers.LegendText = legend;
    }

    private static string Kind(string variation) => variation switch
    {
        "concern" => " of concern",
        "improvement" => ", an improvement",
        _ => " (a monitor indicator: neither better nor worse)",
    };

    private static string Reason(SpcChart chart)
    {
        var last = chart.Points[^1];
        var previous = chart.Points.Count > 1 ? chart.Points[^2].Value : last.Value;
        return last.Signal switch
        {
            "beyond-limits" => last.Value > chart.Mean ? "above the upper process limit" : "below the lower process limit",
            "trend" => last.Value > previous ? "7 or more months in a row rising" : "7 or more months in a row falling",
            "two-of-three" => last.Value > chart.Mean
                ? "2 of the last 3 months close to the upper process limit"
                : "2 of the last 3 months close to the lower process limit",
            _ => last.Value > chart.Mean ? "7 or more months in a row above the mean" : "7 or more months in a row below the mean",
        };
    }

    private static bool IsFinite(SpcChart chart) =>
        double.IsFinite(chart.Mean) && double.IsFinite(chart.UpperLimit) && double.IsFinite(chart.LowerLimit)
        && chart.Points.All(p => double.IsFinite(p.Value));
}

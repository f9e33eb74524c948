using CspAlerts.Evaluation;
using CspAlerts.Model;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace CspAlerts.Charts;

/// <summary>
/// Draws a backtest as a PNG: one line per rule, items fired per month; with a comparison, the
/// compared rule set's line dashed in the same colour. Needs the font <see cref="ChartFont.Family"/>.
/// </summary>
public sealed class BacktestChartRenderer : ChartSize
{
    // Colour-blind safe (Okabe–Ito), then two greys for long rule sets.
    private static readonly Color[] Palette =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#D55E00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#E69F00"), Color.FromHex("#56B4E9"), Color.FromHex("#000000"), Color.FromHex("#F0E442"),
        Color.FromHex("#999999"), Color.FromHex("#555555"),
    ];

    /// <summary>Checks the chart font is installed and makes it ScottPlot's default.</summary>
    public BacktestChartRenderer(int width = 960, int height = 480)
        : base(width, height, minWidth: 300, minHeight: 200)
    {
    }

    /// <summary>"Backtest, Barking and Dagenham, January 2012 to December 2021: items fired per rule and month".</summary>
    public static string Title(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var where = result.Areas.Count == 1 ? result.Areas[0].Name : $"{result.Areas.Count} areas";
        return $"Items fired per rule and month, {where}, {result.From.ToDisplayString()} to {result.To.ToDisplayString()}";
    }

    /// <summary>The chart as PNG bytes.</summary>
    public byte[] Render(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = ChartStyle.NewPlot();
        try
        {
            var months = Enumerable.Range(0, result.Months).Select(result.MonthAt).ToList();
            var x = Enumerable.Range(0, result.Months).Select(i => (double)i).ToArray();
            for (var r = 0; r < result.Rules.Count; r++)
            {
                var colour = Palette[r % Palette.Length];
                var rule = result.Rules[r];
                if (rule.InBase)
                {
                    var line = plot.Add.Scatter(x, Column(result.Counts, r), colour);
                    line.LineWidth = 1.5f;
                    line.MarkerSize = 0;
                    line.LegendText = rule.Id;
                }

                if (result.Compared is { } compared && rule.InCompared)
                {
                    var line = plot.Add.Scatter(x, Column(compared, r), colour);
                    line.LineWidth = 1.5f;
                    line.MarkerSize = 0;
                    line.LinePattern = LinePattern.Dashed;
                    line.LegendText = rule.InBase ? string.Empty : rule.Id + " (compared)";
                }
            }

            YearAxis(plot, months);
            plot.Axes.Left.TickLabelStyle.FontSize = ChartStyle.TickSize;
            plot.Axes.Left.TickLabelStyle.ForeColor = ChartStyle.TextColour;
            plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = ChartStyle.Number, IntegerTicksOnly = true };
            plot.Axes.Left.Label.Text = result.Compared is null ? "Items fired" : "Items fired (dashed: compared rules)";
            plot.Axes.Left.Label.FontSize = ChartStyle.TickSize;
            plot.Axes.Margins(horizontal: 0.01, vertical: 0.08);
            plot.Axes.AutoScale();
            var limits = plot.Axes.GetLimits();
            plot.Axes.SetLimitsY(0, Math.Max(1, limits.Top));
            ChartStyle.Title(plot, Title(result), Width);
            ChartStyle.Legend(plot);
            return plot.GetImageBytes(Width, Height, ImageFormat.Png);
        }
        finally
        {
            plot.Dispose();
        }
    }

    private static double[] Column(int[,] counts, int rule)
    {
        var column = new double[counts.GetLength(0)];
        for (var m = 0; m < column.Length; m++)
        {
            column[m] = counts[m, rule];
        }

        return column;
    }

    /// <summary>Years under January (or the first month); every month a minor tick when there are few.</summary>
    private static void YearAxis(Plot plot, List<Period> months)
    {
        var ticks = new NumericManual();
        var byMonth = months.Count <= 36;
        for (var i = 0; i < months.Count; i++)
        {
            if (byMonth && (months.Count - 1 - i) % 3 == 0)
            {
                ticks.AddMajor(i, ChartStyle.MonthLabel(months[i]));
            }
            else if (!byMonth && (months[i].Month == 1 || i == 0))
            {
                ticks.AddMajor(i, months[i].Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (byMonth)
            {
                ticks.AddMinor(i);
            }
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.TickLabelStyle.FontSize = ChartStyle.TickSize;
        plot.Axes.Bottom.TickLabelStyle.ForeColor = ChartStyle.TextColour;
    }
}

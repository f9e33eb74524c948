using CspAlerts.Measures;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Measures;

/// <summary>
/// Each special-cause rule on series whose limits were worked out by hand (and checked with a few
/// lines of Python: mean, mean moving range, mean ± 2.66 and ± 1.773 moving ranges).
/// </summary>
public class StatisticalProcessControlTests
{
    // Alternating 10/12 keeps the mean at 11 and the mean moving range at 2: limits 11 ± 5.32, near limits 11 ± 3.547.
    private static double[] Stable(int n) => [.. Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 10.0 : 12.0)];

    private static SpcResult Evaluate(double[] values, Polarity polarity = Polarity.LowerIsBetter, IndicatorUnit unit = IndicatorUnit.Count) =>
        StatisticalProcessControl.Evaluate(values, polarity, unit)!;

    [Fact]
    public void Fewer_than_twelve_points_give_no_chart() =>
        Assert.Null(StatisticalProcessControl.Evaluate(Stable(11), Polarity.LowerIsBetter, IndicatorUnit.Count));

    [Fact]
    public void The_limits_are_the_mean_plus_or_minus_2_66_mean_moving_ranges()
    {
        var spc = Evaluate(Stable(24));

        Assert.Equal(11, spc.Mean, 9);
        Assert.Equal(11 + (2.66 * 2), spc.UpperLimit, 9);
        Assert.Equal(11 - (2.66 * 2), spc.LowerLimit, 9);
        Assert.Equal("none", spc.Signal);
        Assert.Equal("common-cause", spc.Variation);
    }

    [Fact]
    public void Only_the_last_24_months_are_used()
    {
        double[] values = [.. Enumerable.Repeat(1000.0, 10), .. Stable(24)];
        Assert.Equal(11, Evaluate(values).Mean, 9);
    }

    [Theory]
    [InlineData(Polarity.LowerIsBetter, 40.0, "beyond-limits", "concern")]
    [InlineData(Polarity.HigherIsBetter, 40.0, "beyond-limits", "improvement")]
    [InlineData(Polarity.LowerIsBetter, -20.0, "beyond-limits", "improvement")]
    [InlineData(Polarity.HigherIsBetter, -20.0, "beyond-limits", "concern")]
    [InlineData(Polarity.Monitor, 40.0, "beyond-limits", "neutral")]
    [InlineData(Polarity.Monitor, -20.0, "beyond-limits", "neutral")]
    public void A_point_beyond_a_process_limit_is_a_special_cause_in_the_direction_of_polarity(Polarity polarity, double last, string signal, string variation)
    {
        double[] values = [.. Stable(23), last];
        var spc = Evaluate(values, polarity, IndicatorUnit.Rate);
        Assert.Equal(signal, spc.Signal);
        Assert.Equal(variation, spc.Variation);
    }

    [Theory]
    [InlineData(Polarity.LowerIsBetter)]
    [InlineData(Polarity.HigherIsBetter)]
    [InlineData(Polarity.Monitor)]
    public void With_no_special_cause_the_variation_is_common_cause_whatever_the_polarity(Polarity polarity)
    {
        var spc = Evaluate(Stable(24), polarity);
        Assert.Equal("none", spc.Signal);
        Assert.Equal("common-cause", spc.Variation);
    }

    [Fact]
    public void Seven_points_rising_in_a_row_is_a_trend()
    {
        double[] values = [.. Stable(17), 8, 9, 10, 11, 12, 13, 14];
        var spc = Evaluate(values);
        Assert.Equal("trend", spc.Signal);
        Assert.Equal("concern", spc.Variation);
    }

    [Fact]
    public void Six_points_rising_is_not_yet_a_trend()
    {
        double[] values = [.. Stable(18), 9, 10, 11, 11.5, 11.8, 11.9];
        Assert.Equal("none", Evaluate(values).Signal);
    }

    [Fact]
    public void An_equal_step_breaks_a_trend()
    {
        double[] values = [.. Stable(17), 8, 9, 10, 10, 12, 13, 14];
        Assert.NotEqual("trend", Evaluate(values).Signal);
    }

    [Fact]
    public void Two_of_three_close_to_a_limit_with_the_latest_one_of_them_is_a_special_cause()
    {
        // Mean 11.417, mean moving range 2.348: near upper limit 15.58, upper limit 17.66; 16 lies between.
        double[] values = [.. Stable(21), 16, 12, 16];
        var spc = Evaluate(values, Polarity.HigherIsBetter);
        Assert.True(16 < spc.UpperLimit);
        Assert.Equal("two-of-three", spc.Signal);
        Assert.Equal("improvement", spc.Variation);
    }

    [Fact]
    public void Two_of_three_close_to_a_limit_does_not_flag_a_latest_point_inside_the_near_limit()
    {
        // Mean 11.417, mean moving range 2.174: near upper limit 15.27, upper limit 17.20. The two 16s are
        // close to the limit and all three are above the mean, but 12 is not itself close to the limit.
        double[] values = [.. Stable(21), 16, 16, 12];
        Assert.Equal("none", Evaluate(values).Signal);
    }

    [Fact]
    public void A_point_beyond_the_process_limit_does_not_count_towards_two_of_three()
    {
        // Mean 11.667, mean moving range 2.870: near upper limit 16.60, upper limit 19.07. 20 is beyond the
        // process limit, 12 above the mean, 18 close to the limit: only one close point, as NHSRplotthedots counts.
        double[] values = [.. Stable(21), 20, 12, 18];
        Assert.Equal("none", Evaluate(values).Signal);
    }

    [Fact]
    public void Seven_points_on_one_side_of_the_mean_is_a_shift()
    {
        double[] values = [.. Stable(17), 12, 12.5, 12, 12.5, 12, 12.5, 12];
        var spc = Evaluate(values);
        Assert.Equal("shift", spc.Signal);
        Assert.Equal("concern", spc.Variation);
    }

    [Fact]
    public void A_point_on_the_mean_breaks_a_run()
    {
        // The run above the mean is broken by a point exactly on the mean (11 when all 24 average to 11).
        double[] values = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 11, 11, 11, 11, 11, 11];
        Assert.Equal("none", Evaluate(values).Signal);
    }

    [Fact]
    public void For_counts_a_lower_limit_below_zero_is_reported_as_zero()
    {
        // Mean 1.583, mean moving range 2.636: lower limit 1.583 − 7.012 = −5.429.
        double[] values = [0, 3, 0, 4, 1, 0, 2, 5, 0, 1, 0, 3];

        Assert.Equal(0, Evaluate(values, unit: IndicatorUnit.Count).LowerLimit);
        Assert.Equal(-5.429, Evaluate(values, unit: IndicatorUnit.Rate).LowerLimit, 3);
    }

    [Fact]
    public void The_chart_marks_every_point_of_a_run_not_only_the_last()
    {
        double[] values = [.. Stable(17), 12, 12.5, 12, 12.5, 12, 12.5, 12];
        var chart = StatisticalProcessControl.Chart(values, Polarity.LowerIsBetter, IndicatorUnit.Count)!;

        Assert.All(chart.Points.TakeLast(7), p => Assert.Equal(("shift", "concern"), (p.Signal, p.Variation)));
        Assert.All(chart.Points.Take(17), p => Assert.Equal(("none", "common-cause"), (p.Signal, p.Variation)));
    }

    [Fact]
    public void A_peak_between_a_rising_and_a_falling_run_takes_the_direction_after_it()
    {
        // 8 up to 14 then down to 8: both runs are trends; the peak belongs to the fall.
        double[] values = [.. Stable(11), 8, 9, 10, 11, 12, 13, 14, 13, 12, 11, 10, 9, 8];
        var chart = StatisticalProcessControl.Chart(values, Polarity.LowerIsBetter, IndicatorUnit.Count)!;

        Assert.All(chart.Points.Skip(11).Take(6), p => Assert.Equal(("trend", "concern"), (p.Signal, p.Variation)));
        Assert.All(chart.Points.Skip(17), p => Assert.Equal(("trend", "improvement"), (p.Signal, p.Variation)));
        Assert.Equal("improvement", Evaluate(values).Variation);
    }

    [Fact]
    public void The_charts_last_point_is_the_months_signal()
    {
        double[] values = [.. Stable(21), 16, 12, 16];
        var chart = StatisticalProcessControl.Chart(values, Polarity.HigherIsBetter, IndicatorUnit.Count)!;
        var spc = Evaluate(values, Polarity.HigherIsBetter);

        Assert.Equal((spc.Signal, spc.Variation), (chart.Points[^1].Signal, chart.Points[^1].Variation));
        Assert.Equal((spc.Mean, spc.UpperLimit, spc.LowerLimit), (chart.Mean, chart.UpperLimit, chart.LowerLimit));
        Assert.True(chart.Points[^3].IsSpecialCause);
        Assert.False(chart.Points[^2].IsSpecialCause);
    }
}

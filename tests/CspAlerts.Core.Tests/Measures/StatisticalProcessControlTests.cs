using CspAlerts.Measures;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Measures;

public class StatisticalProcessControlTests
{
    // Alternating 10/12 keeps the mean at 11 and the mean moving range at 2: limits 11 ± 5.32, near limits 11 ± 3.547.
    private static double[] Stable(int n) => Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 10.0 : 12.0).ToArray();

    [Fact]
    public void Fewer_than_twelve_points_give_no_chart() =>
        Assert.Null(StatisticalProcessControl.Evaluate(Stable(11), Polarity.LowerIsBetter));

    [Fact]
    public void The_limits_are_the_mean_plus_or_minus_2_66_mean_moving_ranges()
    {
        var spc = StatisticalProcessControl.Evaluate(Stable(24), Polarity.LowerIsBetter)!;

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
        Assert.Equal(11, StatisticalProcessControl.Evaluate(values, Polarity.LowerIsBetter)!.Mean, 9);
    }

    [Theory]
    [InlineData(Polarity.LowerIsBetter, 40.0, "beyond-limits", "concern")]
    [InlineData(Polarity.HigherIsBetter, 40.0, "beyond-limits", "improvement")]
    [InlineData(Polarity.LowerIsBetter, -20.0, "beyond-limits", "improvement")]
    [InlineData(Polarity.Monitor, 40.0, "beyond-limits", "neutral")]
    public void A_point_beyond_a_process_limit_is_a_special_cause_in_the_direction_of_polarity(Polarity polarity, double last, string signal, string variation)
    {
        double[] values = [.. Stable(23), last];
        var spc = StatisticalProcessControl.Evaluate(values, polarity)!;
        Assert.Equal(signal, spc.Signal);
        Assert.Equal(variation, spc.Variation);
    }

    [Fact]
    public void Seven_points_rising_in_a_row_is_a_trend()
    {
        double[] values = [.. Stable(17), 8, 9, 10, 11, 12, 13, 14];
        var spc = StatisticalProcessControl.Evaluate(values, Polarity.LowerIsBetter)!;
        Assert.Equal("trend", spc.Signal);
        Assert.Equal("concern", spc.Variation);
    }

    [Fact]
    public void Six_points_rising_is_not_yet_a_trend()
    {
        double[] values = [.. Stable(18), 9, 10, 11, 11.5, 11.8, 11.9];
        Assert.Equal("none", StatisticalProcessControl.Evaluate(values, Polarity.LowerIsBetter)!.Signal);
    }

    [Fact]
    public void Two_of_three_beyond_a_near_limit_on_the_same_side_is_a_special_cause()
    {
        // Mean and moving range come out so that 16 is beyond the upper near limit but inside the process limit.
        double[] values = [.. Stable(21), 16, 12, 16];
        var spc = StatisticalProcessControl.Evaluate(values, Polarity.HigherIsBetter)!;
        Assert.True(16 < spc.UpperLimit);
        Assert.Equal("two-of-three", spc.Signal);
        Assert.Equal("improvement", spc.Variation);
    }

    [Fact]
    public void Seven_points_on_one_side_of_the_mean_is_a_shift()
    {
        double[] values = [.. Stable(17), 12, 12.5, 12, 12.5, 12, 12.5, 12];
        var spc = StatisticalProcessControl.Evaluate(values, Polarity.LowerIsBetter)!;
        Assert.Equal("shift", spc.Signal);
        Assert.Equal("concern", spc.Variation);
    }

    [Fact]
    public void A_point_on_the_mean_breaks_a_run()
    {
        // The run above the mean is broken by a point exactly on the mean (11 when all 24 average to 11).
        double[] values = [10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 11, 11, 11, 11, 11, 11];
        Assert.Equal("none", StatisticalProcessControl.Evaluate(values, Polarity.LowerIsBetter)!.Signal);
    }
}

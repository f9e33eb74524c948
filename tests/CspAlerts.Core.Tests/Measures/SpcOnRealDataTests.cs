using CspAlerts.Core.Tests.Support;
using CspAlerts.Measures;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Measures;

/// <summary>
/// SPC on the real MPS historical file (the benchmark's unmodified copy; its README gives the source),
/// at months where the special-cause rules are easy to get wrong. NHSRplotthedots gives the signals
/// expected here.
/// </summary>
public class SpcOnRealDataTests
{
    private static readonly Lazy<FactTable> Table = new(() => RepoFiles.Facts(data: RepoFiles.MpsHistory));

    [Fact]
    public void Hackney_theft_from_the_person_in_December_2021_is_common_cause_the_last_point_being_inside_the_near_limit()
    {
        // Mean 226.0, near upper limit 311.8, upper limit 354.7. October and November 2021 (431, 382) are
        // beyond the process limit; December (294) is inside the near limit, so no two-of-three.
        var spc = Table.Value.Find("theft-from-person", "hackney", new Period(2021, 12))!.Spc!;

        Assert.Equal(226.04, spc.Mean, 2);
        Assert.Equal(("none", "common-cause"), (spc.Signal, spc.Variation));
    }

    [Fact]
    public void Barnet_theft_from_a_motor_vehicle_in_August_2019_is_a_shift_not_two_of_three()
    {
        // Mean 265.8, near upper limit 324.7, upper limit 354.2: June and July 2019 (354, 332) are close to the
        // limit, August (296) is not; February to August 2019 are all above the mean.
        var spc = Table.Value.Find("theft-from-motor-vehicle", "barnet", new Period(2019, 8))!.Spc!;

        Assert.Equal(265.83, spc.Mean, 2);
        Assert.Equal(("shift", "concern"), (spc.Signal, spc.Variation));
    }

    [Fact]
    public void The_chart_of_a_month_carries_the_same_limits_and_signal_as_its_fact()
    {
        var period = new Period(2019, 8);
        var fact = Table.Value.Find("theft-from-motor-vehicle", "barnet", period)!;
        var chart = Table.Value.SpcChartOf("theft-from-motor-vehicle", "barnet", period)!;

        Assert.Equal(24, chart.Points.Count);
        Assert.Equal((fact.Spc!.Mean, fact.Spc.UpperLimit, fact.Spc.LowerLimit), (chart.Mean, chart.UpperLimit, chart.LowerLimit));
        Assert.Equal(fact.Spc.Signal, chart.Points[^1].Signal);
        Assert.Equal(fact.MonthValue, chart.Points[^1].Value);
    }
}

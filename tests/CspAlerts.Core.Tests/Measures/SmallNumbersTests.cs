using CspAlerts.Measures;

namespace CspAlerts.Core.Tests.Measures;

/// <summary>
/// changeP and londonRateZ against values computed independently. The p-values up to 884 + 694 were
/// computed in Python with exact integers: min(1, 2 × Σ_{j ≤ min} C(n, j) / 2ⁿ) as a Fraction. The two
/// largest were summed in Python with math.lgamma and math.fsum (the exact sum takes too long), which
/// agrees with the exact one to 1e-12 where both were run.
/// </summary>
public class SmallNumbersTests
{
    [Theory]
    [InlineData(4, 3, 1.0)] // City of London's fires, 4 to 3: nothing to see.
    [InlineData(0, 0, 1.0)]
    [InlineData(50, 50, 1.0)]
    [InlineData(0, 5, 0.0625)] // 2 × (1/2)^5
    [InlineData(3, 12, 0.03515625)] // 2 × (1 + 15 + 105 + 455) / 2^15
    [InlineData(10, 20, 0.09873714670538902)]
    [InlineData(20, 10, 0.09873714670538902)]
    [InlineData(100, 130, 0.055613577781392386)]
    [InlineData(1000, 1100, 0.030720707864242296)]
    [InlineData(694, 884, 1.9046362862698034e-06)] // Barking and Dagenham, theft of motor vehicle, December 2016
    [InlineData(5000, 5200, 0.04878796312682245)]
    [InlineData(120000, 121000, 0.04185416159880379)]
    public void ChangeP_is_the_two_sided_exact_conditional_binomial_test(double previous, double now, double expected)
    {
        var p = SmallNumbers.ChangeP(previous, now);

        Assert.NotNull(p);
        Assert.Equal(expected, p.Value, expected * 1e-9);
    }

    [Theory]
    [InlineData(null, 5.0)]
    [InlineData(5.0, null)]
    [InlineData(-1.0, 5.0)]
    [InlineData(4.5, 5.0)]
    [InlineData(double.NaN, 5.0)]
    public void ChangeP_is_null_without_two_whole_counts(double? previous, double? now) =>
        Assert.Null(SmallNumbers.ChangeP(previous, now));

    [Fact]
    public void A_very_large_change_gives_a_p_value_of_zero_or_more_never_a_failure()
    {
        var p = SmallNumbers.ChangeP(10, 100_000);
        Assert.NotNull(p);
        Assert.InRange(p.Value, 0, 1e-300);
    }

    [Fact]
    public void LondonRateZ_is_the_observed_minus_expected_count_over_its_Poisson_standard_deviation()
    {
        // 884 offences among 208,182 people against London's 3.0 per 1,000: E = 624.546, z = (884 − E) / √E = 10.3819.
        var rate = 884 / 208182.0 * 1000;

        Assert.Equal(10.381931402496498, SmallNumbers.FunnelZ(rate, 3.0, 208182)!.Value, 9);
    }

    [Fact]
    public void LondonRateZ_of_a_small_area_is_small_however_far_its_rate_is_from_Londons()
    {
        // 3 among 8,000 is 0.375 per 1,000, a quarter below London's 0.5; E = 4, so z = (3 − 4) / 2 = −0.5.
        Assert.Equal(-0.5, SmallNumbers.FunnelZ(0.375, 0.5, 8000)!.Value, 12);
    }

    [Theory]
    [InlineData(null, 3.0, 1000L)]
    [InlineData(2.0, null, 1000L)]
    [InlineData(2.0, 3.0, null)]
    [InlineData(2.0, 0.0, 1000L)]
    [InlineData(2.0, 3.0, 0L)]
    public void LondonRateZ_is_null_without_a_rate_a_positive_London_rate_and_a_population(double? rate, double? london, long? population) =>
        Assert.Null(SmallNumbers.FunnelZ(rate, london, population));
}

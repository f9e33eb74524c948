using CspAlerts.Core.Tests.Support;
using CspAlerts.Measures;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Measures;

/// <summary>changeP and londonRateZ as facts carry them, on the seed data for December 2016.</summary>
public class SmallNumbersInFactsTests
{
    private static readonly Period December2016 = new(2016, 12);

    private static readonly Lazy<FactTable> Seeds = new(() =>
    {
        return RepoFiles.Facts();
    });

    private static Fact FactOf(string indicator, string area) => Seeds.Value.Find(indicator, area, December2016)!;

    [Fact]
    public void The_City_of_Londons_fires_going_from_4_to_3_have_a_p_value_of_1_and_no_London_comparison()
    {
        var fact = FactOf("deliberate-fires", "city-of-london");

        Assert.Equal((4.0, 3.0), (fact.Previous, fact.Value));
        Assert.Equal(-25, fact.ChangePct);
        Assert.Equal(1, fact.ChangeP);
        Assert.Null(fact.LondonRateZ); // the City is in no aggregate, so it has no London rate
    }

    [Fact]
    public void A_boroughs_london_rate_z_is_its_observed_minus_expected_count_over_the_square_root_of_expected()
    {
        var fact = FactOf("theft-of-motor-vehicle", "barking-and-dagenham");
        var expected = fact.LondonRate!.Value * 208182 / 1000;

        Assert.Equal((884 - expected) / Math.Sqrt(expected), fact.LondonRateZ!.Value, 9);
    }

    [Fact]
    public void Rates_and_percentages_have_neither_measure()
    {
        var fact = FactOf("proven-reoffending", "barking-and-dagenham");

        Assert.Null(fact.ChangeP);
        Assert.Null(fact.LondonRateZ);
    }
}

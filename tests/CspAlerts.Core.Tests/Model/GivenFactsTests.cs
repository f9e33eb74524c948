using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Model;

/// <summary>Facts as a rule test gives them: by measure name, the rest derived where the figures allow.</summary>
public class GivenFactsTests
{
    private static readonly Indicator Robbery = new("robbery", "Robbery", "crime", [], Polarity.LowerIsBetter, IndicatorUnit.Count, "lead", [], IndicatorSources.None, new SourceLocation("x", 1, 1));

    [Fact]
    public void Every_measure_of_a_fact_can_be_given_but_the_indicators_own_attributes()
    {
        var refused = TestMeasures.Standard.All.Where(m => GivenFacts.CannotGive(m) is not null).Select(m => m.Name);

        Assert.Equal(["polarity", "unit"], refused);
    }

    [Fact]
    public void Change_change_percent_and_quartiles_follow_from_the_figures_given()
    {
        var fact = GivenFacts.Build(
            Robbery,
            "barking-and-dagenham",
            new Period(2016, 12),
            [new("value", 884.0, new("x", 1, 1)), new("previous", 694.0, new("x", 1, 1)), new("metRank", 29, new("x", 1, 1)), new("metSize", 32, new("x", 1, 1))],
            TestMeasures.Standard);

        Assert.Equal(190, fact.Change);
        Assert.Equal(27.378, fact.ChangePct!.Value, 3);
        Assert.Equal(4, fact.Peers["met"].Quartile);
        Assert.Equal(GivenFacts.DefaultHistory, fact.History);
        Assert.Null(fact.Ytd);
    }
}

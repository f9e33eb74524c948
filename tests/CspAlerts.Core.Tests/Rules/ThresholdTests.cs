using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Model;
using CspAlerts.Rules;

namespace CspAlerts.Core.Tests.Rules;

/// <summary>What would clear an item, or make a rule fire, worked out from the condition and the figures.</summary>
public class ThresholdTests
{
    private static readonly SourceLocation Here = new("rules/r.yaml", 1, 1);

    private static CompiledRule Compile(string when, int @for = 1) =>
        CompiledRuleSet.Compile([new RuleDefinition("r", "r", RuleSelector.Default, when, Rag.Red, false, true, "m", @for, Here, Here)], TestMeasures.Standard).Rules[0];

    private static RuleFact Fact(
        Polarity polarity = Polarity.LowerIsBetter,
        double? changePct = null,
        double? londonChangePct = null,
        double? ytd = null,
        double? ytdTarget = null,
        PeerPosition? met = null,
        string? spcVariation = null)
    {
        var indicator = new Indicator("x", "X", "crime", [], polarity, IndicatorUnit.Count, "lead", [], IndicatorSources.None, Here);
        var peers = met is null ? new Dictionary<string, PeerPosition>() : new Dictionary<string, PeerPosition> { ["met"] = met };
        var spc = spcVariation is null ? null : new SpcResult(10, 20, 0, "beyond-limits", spcVariation);
        var fact = new Fact("x", "a", new Period(2016, 12), 100, 80, 20, changePct, null, londonChangePct, null, null, ytd, ytdTarget, null, peers, spc, 9);
        return new RuleFact(fact, indicator, TestMeasures.Standard);
    }

    public static TheoryData<string, string> Clearing => new()
    {
        { "Worse(changePct, londonChangePct)", "clears when the change falls to London's change (+21.0%) or below (now +27.4%)" },
        { "metQuartile == 4", "clears at rank 24 of 32 or better (now 29 of 32)" },
        { "Worsening(changePct) >= 10", "clears when the change falls below +10.0% (now +27.4%)" },
        { "changePct >= 10 && metQuartile == 4", "clears when the change falls below +10.0% (now +27.4%), or at rank 24 of 32 or better (now 29 of 32)" },
        { "changePct >= 10 || metQuartile == 4", "clears when the change falls below +10.0% (now +27.4%) and at rank 24 of 32 or better (now 29 of 32)" },
        { "10 <= changePct", "clears when the change falls below +10.0% (now +27.4%)" },
        { "!(changePct < 10)", "clears when the change falls below +10.0% (now +27.4%)" },
        { "spcVariation == \"concern\"", "clears when spcVariation is no longer concern (now concern)" },
        { "changePct * changePct > 100", Threshold.Unsolvable },
        { "true", "never clears: the condition holds for every month the rule applies to" },
    };

    [Theory]
    [MemberData(nameof(Clearing))]
    public void A_rule_that_fired_says_what_would_clear_it(string when, string expected)
    {
        var fact = Fact(changePct: 27.4, londonChangePct: 21.0, met: new PeerPosition(32, 20, 3, 29, 4, 29, 4, PeerPosition.ByRate), spcVariation: "concern");

        Assert.True(Compile(when).Holds(fact));
        Assert.Equal(expected, Threshold.Explain(Compile(when), fact));
    }

    [Fact]
    public void Where_higher_is_better_a_fall_is_the_deterioration_and_a_rise_clears_it()
    {
        var fact = Fact(Polarity.HigherIsBetter, changePct: -15.0);

        Assert.Equal("clears when the change rises above -10.0% (now -15.0%)", Threshold.Explain(Compile("Worsening(changePct) >= 10"), fact));
    }

    [Fact]
    public void A_rule_that_did_not_fire_says_what_would_make_it_fire()
    {
        var fact = Fact(ytd: 120, ytdTarget: 127);

        Assert.Equal("fires when the year to date rises above the year-to-date target (127) (now 120)", Threshold.Explain(Compile("Worse(ytd, ytdTarget)"), fact));
    }

    [Fact]
    public void A_rule_that_must_hold_for_several_months_says_so()
    {
        var fact = Fact(changePct: 5);

        Assert.Equal("fires when the change rises to +10.0% or above (now +5.0%) (3 months in a row are needed to fire)", Threshold.Explain(Compile("changePct >= 10", @for: 3), fact));
    }

    [Fact]
    public void A_comparison_with_a_missing_figure_says_it_needs_the_figure()
    {
        var fact = Fact(changePct: 12);

        Assert.Equal("fires only when London's change has a figure", Threshold.Explain(Compile("Worse(changePct, londonChangePct)"), fact));
    }
}

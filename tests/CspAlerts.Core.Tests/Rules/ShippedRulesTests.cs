using CspAlerts.Configuration;
using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Model;
using CspAlerts.Rules;

namespace CspAlerts.Core.Tests.Rules;

/// <summary>
/// Rule tests for the rules shipped in rules/: input facts and whether each rule fires, including
/// the cases where it must not.
/// </summary>
public class ShippedRulesTests
{
    private static readonly Lazy<(CspConfiguration Config, CompiledRuleSet Rules)> Shipped = new(() =>
    {
        var config = ConfigurationLoader.Load(RepoFiles.Rules);
        return (config, CompiledRuleSet.Compile(config.Rules, config.Measures));
    });

    private static readonly SourceLocation Here = new("test", 1, 1);

    public static TheoryData<string, string, FactSpec, bool> Cases => new()
    {
        // worse-than-london: counts compare the 12-month change, rates and percentages the value.
        { "worse-than-london", "lower-is-better/count", new FactSpec(ChangePct: 8, LondonChangePct: 3), true },
        { "worse-than-london", "lower-is-better/count", new FactSpec(ChangePct: -8, LondonChangePct: 3), false },
        { "worse-than-london", "lower-is-better/count", new FactSpec(ChangePct: 8), false },
        { "worse-than-london", "higher-is-better/count", new FactSpec(ChangePct: -8, LondonChangePct: 3), true },
        { "worse-than-london", "lower-is-better/percent", new FactSpec(Value: 26, LondonValue: 25.7), true },
        { "worse-than-london", "lower-is-better/percent", new FactSpec(Value: 25.1, LondonValue: 25.7), false },
        { "worse-than-london", "monitor/count", new FactSpec(ChangePct: 52.5, LondonChangePct: 29.9), false },

        { "bottom-quartile-msg", "lower-is-better/count", new FactSpec(MsgRank: 12, MsgSize: 15), true },
        { "bottom-quartile-msg", "lower-is-better/count", new FactSpec(MsgRank: 11, MsgSize: 15), false },
        { "bottom-quartile-msg", "lower-is-better/count", new FactSpec(), false },

        { "bottom-quartile-met", "lower-is-better/count", new FactSpec(MetRank: 25, MetSize: 32), true },
        { "bottom-quartile-met", "lower-is-better/count", new FactSpec(MetRank: 24, MetSize: 32), false },
        { "bottom-quartile-met", "monitor/count", new FactSpec(MetRank: 32, MetSize: 32), false },

        { "worst-quartile-change-met", "lower-is-better/count", new FactSpec(MetChangeRank: 32, MetSize: 32), true },
        { "worst-quartile-change-met", "lower-is-better/count", new FactSpec(MetChangeRank: 5, MetSize: 32), false },

        { "ytd-off-target", "lower-is-better/count", new FactSpec(Ytd: 165, YtdTarget: 127), true },
        { "ytd-off-target", "lower-is-better/count", new FactSpec(Ytd: 120, YtdTarget: 127), false },
        { "ytd-off-target", "higher-is-better/count", new FactSpec(Ytd: 14, YtdTarget: 18), true },
        { "ytd-off-target", "higher-is-better/count", new FactSpec(Ytd: 21, YtdTarget: 18), false },
        { "ytd-off-target", "lower-is-better/count", new FactSpec(Ytd: 165), false },

        // significant-deterioration and good-performance: for counts the change must also pass the exact test.
        { "significant-deterioration", "lower-is-better/count", new FactSpec(ChangePct: 10, ChangeP: 0.049), true },
        { "significant-deterioration", "lower-is-better/count", new FactSpec(ChangePct: 9.9, ChangeP: 0.001), false },
        { "significant-deterioration", "lower-is-better/count", new FactSpec(ChangePct: 33.3, ChangeP: 0.73), false },
        { "significant-deterioration", "lower-is-better/count", new FactSpec(ChangePct: 10, ChangeP: 0.05), false },
        { "significant-deterioration", "lower-is-better/count", new FactSpec(ChangePct: 10), false },
        { "significant-deterioration", "higher-is-better/count", new FactSpec(ChangePct: -10, ChangeP: 0.01), true },
        { "significant-deterioration", "higher-is-better/count", new FactSpec(ChangePct: 10, ChangeP: 0.01), false },
        { "significant-deterioration", "lower-is-better/percent", new FactSpec(ChangePct: 10), true },
        { "significant-deterioration", "lower-is-better/rate", new FactSpec(ChangePct: 9.9), false },

        { "good-performance", "lower-is-better/count", new FactSpec(ChangePct: -20.7, MetRank: 5, MetSize: 32), true },
        { "good-performance", "lower-is-better/count", new FactSpec(ChangePct: -3.7, MetRank: 19, MetSize: 32), false },
        { "good-performance", "lower-is-better/count", new FactSpec(ChangePct: 2, MsgRank: 3, MsgSize: 15), true },
        { "good-performance", "higher-is-better/count", new FactSpec(ChangePct: 12, ChangeP: 0.02), true },
        { "good-performance", "higher-is-better/count", new FactSpec(ChangePct: 12, ChangeP: 0.4), false },
        { "good-performance", "lower-is-better/count", new FactSpec(ChangePct: -25, ChangeP: 1), false }, // City of London's fires, 4 to 3
        { "good-performance", "lower-is-better/count", new FactSpec(ChangePct: -25, ChangeP: 0.003), true },
        { "good-performance", "lower-is-better/percent", new FactSpec(ChangePct: -12), true },

        { "spc-concern", "lower-is-better/count", new FactSpec(SpcVariation: "concern"), true },
        { "spc-concern", "lower-is-better/count", new FactSpec(SpcVariation: "improvement"), false },

        { "monitor-only", "monitor/count", new FactSpec(ChangePct: 52.5), true },
        { "monitor-only", "lower-is-better/count", new FactSpec(ChangePct: 52.5), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_shipped_rule_fires_exactly_when_its_condition_holds(string ruleId, string kind, FactSpec spec, bool fires)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var (_, rules) = Shipped.Value;
        var rule = rules.Rules.Single(r => r.Definition.Id == ruleId);
        var indicator = IndicatorOf(kind);

        var applies = rule.Definition.AppliesTo.Matches(indicator, ragRule: rule.Definition.Rag is not null);
        var holds = applies && rule.Holds(new RuleFact(spec.ToFact(indicator.Id), indicator, TestMeasures.Standard));

        Assert.Equal(fires, holds);
    }

    [Fact]
    public void Every_shipped_rule_has_rule_tests()
    {
        var tested = Cases.Select(c => (string)c[0]).ToHashSet();
        Assert.All(Shipped.Value.Rules.Rules, r => Assert.Contains(r.Definition.Id, tested));
    }

    [Fact]
    public void The_shipped_rules_include_every_rule_the_specification_names()
    {
        var ids = Shipped.Value.Rules.Rules.Select(r => r.Definition.Id).ToList();
        Assert.Equal(
            ["worse-than-london", "bottom-quartile-msg", "bottom-quartile-met", "worst-quartile-change-met", "ytd-off-target",
             "significant-deterioration", "spc-concern", "good-performance", "monitor-only"],
            ids);
    }

    [Fact]
    public void Messages_render_figures_and_say_n_a_for_a_missing_one()
    {
        var (_, rules) = Shipped.Value;
        var rule = rules.Rules.Single(r => r.Definition.Id == "ytd-off-target");
        var indicator = IndicatorOf("lower-is-better/count");
        var fact = new FactSpec(Ytd: 165, YtdTarget: 127).ToFact(indicator.Id);

        var text = rule.Message.Render(new RuleFact(fact, indicator, TestMeasures.Standard), new MessageContext("ytd-off-target", "deliberate-fires", "Deliberate fires", "barking-and-dagenham", "Barking and Dagenham", new Period(2016, 12)));

        Assert.Contains("165", text, StringComparison.Ordinal);
        Assert.Contains("127", text, StringComparison.Ordinal);
        Assert.Contains("Barking and Dagenham", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
    }

    private static Indicator IndicatorOf(string kind)
    {
        var parts = kind.Split('/');
        var polarity = parts[0] switch
        {
            "lower-is-better" => Polarity.LowerIsBetter,
            "higher-is-better" => Polarity.HigherIsBetter,
            _ => Polarity.Monitor,
        };
        var unit = parts[1] switch
        {
            "count" => IndicatorUnit.Count,
            "rate" => IndicatorUnit.Rate,
            _ => IndicatorUnit.Percent,
        };
        return new Indicator("x", "Deliberate fires", "crime", [], polarity, unit, "crime-lead", [], IndicatorSources.None, Here);
    }
}

/// <summary>The figures of a fact a rule test sets; everything else is null.</summary>
public sealed record FactSpec(
    double? Value = null,
    double? ChangePct = null,
    double? LondonChangePct = null,
    double? LondonValue = null,
    double? Ytd = null,
    double? YtdTarget = null,
    int? MetRank = null,
    int? MetChangeRank = null,
    int? MetSize = null,
    int? MsgRank = null,
    int? MsgSize = null,
    string? SpcVariation = null,
    double? ChangeP = null)
{
    public Fact ToFact(string indicator)
    {
        var peers = new Dictionary<string, PeerPosition>();
        if (MetSize is int metSize)
        {
            var rank = MetRank ?? MetChangeRank;
            peers["met"] = new PeerPosition(metSize, MetChangeRank, PeerPosition.QuartileOf(MetChangeRank, metSize), null, null, rank, PeerPosition.QuartileOf(rank, metSize));
        }

        if (MsgSize is int msgSize)
        {
            peers["msg"] = new PeerPosition(msgSize, null, null, null, null, MsgRank, PeerPosition.QuartileOf(MsgRank, msgSize));
        }

        var spc = SpcVariation is null ? null : new SpcResult(10, 20, 0, "beyond-limits", SpcVariation);
        return new Fact(indicator, "a", new Period(2016, 12), Value, null, null, ChangePct, null, LondonChangePct, LondonValue, null, Ytd, YtdTarget, null, peers, spc, null)
        {
            ChangeP = ChangeP,
        };
    }
}

using CspAlerts.Model;
using CspAlerts.Rules;

namespace CspAlerts.Benchmarks;

/// <summary>The shipped rules written by hand in C#: the baseline the compiled conditions are measured against.</summary>
internal static class HandWrittenRules
{
    public static Dictionary<CompiledRule, Func<RuleFact, bool>> For(CompiledRuleSet rules) =>
        rules.Rules.ToDictionary(r => r, r => Predicate(r.Definition.Id));

    private static Func<RuleFact, bool> Predicate(string id) => id switch
    {
        "worse-than-london" => f => f.Indicator.Unit == IndicatorUnit.Count ? f.Worse(f.Fact.ChangePct, f.Fact.LondonChangePct) : f.Worse(f.Fact.Value, f.Fact.LondonValue),
        "bottom-quartile-msg" => f => Quartile(f, "msg") == 4,
        "bottom-quartile-met" => f => Quartile(f, "met") == 4,
        "worst-quartile-change-met" => f => f.Fact.Peers.GetValueOrDefault("met")?.ChangeQuartile == 4,
        "ytd-off-target" => f => f.Worse(f.Fact.Ytd, f.Fact.YtdTarget),
        "significant-deterioration" => f => f.Worsening(f.Fact.ChangePct) >= 10 && Significant(f),
        "spc-concern" => f => f.Fact.Spc?.Variation == "concern",
        "good-performance" => f => Quartile(f, "met") == 1 || Quartile(f, "msg") == 1 || (f.Worsening(f.Fact.ChangePct) <= -10 && Significant(f)),
        "monitor-only" => _ => true,
        _ => throw new InvalidOperationException($"no hand-written predicate for rule '{id}'"),
    };

    private static bool Significant(RuleFact f) => f.Indicator.Unit != IndicatorUnit.Count || f.Fact.ChangeP < 0.05;

    private static int? Quartile(RuleFact f, string group) => f.Fact.Peers.GetValueOrDefault(group)?.Quartile;
}

using CspAlerts.Rules;

namespace CspAlerts.Benchmarks;

/// <summary>The shipped rules written by hand in C#: the baseline the compiled conditions are measured against.</summary>
internal static class HandWrittenRules
{
    public static Dictionary<CompiledRule, Func<RuleFact, bool>> For(CompiledRuleSet rules) =>
        rules.Rules.ToDictionary(r => r, r => Predicate(r.Definition.Id));

    private static Func<RuleFact, bool> Predicate(string id) => id switch
    {
        "worse-than-london" => f => f.Unit == "count" ? f.Worse(f.ChangePct, f.LondonChangePct) : f.Worse(f.Value, f.LondonValue),
        "bottom-quartile-msg" => f => f.MsgQuartile == 4,
        "bottom-quartile-met" => f => f.MetQuartile == 4,
        "worst-quartile-change-met" => f => f.MetChangeQuartile == 4,
        "ytd-off-target" => f => f.Worse(f.Ytd, f.YtdTarget),
        "significant-deterioration" => f => f.Worsening(f.ChangePct) >= 10,
        "spc-concern" => f => f.SpcVariation == "concern",
        "good-performance" => f => f.MetQuartile == 1 || f.MsgQuartile == 1 || f.Worsening(f.ChangePct) <= -10,
        "monitor-only" => _ => true,
        _ => throw new InvalidOperationException($"no hand-written predicate for rule '{id}'"),
    };
}

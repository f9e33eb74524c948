using CspAlerts.Diagnostics;
using CspAlerts.Model;
using CspAlerts.Rules;

namespace CspAlerts.Evaluation;

/// <summary>
/// Finds rules that can never fire with this configuration: a rule that applies to no indicator, or
/// whose condition needs a figure that nothing supplies for any indicator it applies to (a target
/// where no target is set, London's rate for indicators that are not counts). These are warnings,
/// not errors: the rule set is valid, but a rule that never fires is almost always a mistake.
/// </summary>
public static class RuleReach
{
    /// <summary>One warning per rule that can never fire, at its condition, in rule order.</summary>
    public static IReadOnlyList<ConfigError> Warnings(CspConfiguration configuration, CompiledRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(rules);
        var warnings = new List<ConfigError>();
        foreach (var rule in rules.Rules)
        {
            var definition = rule.Definition;
            var applies = configuration.Indicators.Where(i => definition.AppliesTo.Matches(i, ragRule: definition.Rag is not null)).ToList();
            if (applies.Count == 0)
            {
                var why = definition.AppliesTo.IsDefault
                    ? "every indicator is monitor-only, and a rule without appliesTo skips them"
                    : definition.Rag is not null && configuration.Indicators.Any(i => i.IsMonitor && definition.AppliesTo.Matches(i, ragRule: false))
                        ? "the indicators its appliesTo selects are monitor-only, which a RAG rule never rates; use 'monitor: true'"
                        : "no indicator matches every list in its appliesTo";
                warnings.Add(new ConfigError(definition.Location, $"warning: rule '{definition.Id}' can never fire: it applies to no indicator, as {why}"));
                continue;
            }

            // The figures each indicator lacks; the rule can fire if any indicator lacks none.
            var lacking = new Dictionary<Measure, List<Indicator>>();
            var canFire = false;
            foreach (var indicator in applies)
            {
                var missing = FigureNeeds.Of(rule, indicator, rules.Measures).Where(m => Unsupplied(m, indicator, configuration) is not null).ToList();
                canFire |= missing.Count == 0;
                foreach (var measure in missing)
                {
                    (lacking.TryGetValue(measure, out var list) ? list : lacking[measure] = []).Add(indicator);
                }
            }

            if (!canFire)
            {
                var (measure, indicators) = lacking.OrderByDescending(kv => kv.Value.Count).First();
                var reason = Unsupplied(measure, indicators[0], configuration, many: indicators.Count > 1);
                warnings.Add(new ConfigError(
                    definition.WhenLocation,
                    $"warning: rule '{definition.Id}' can never fire: its condition needs {measure.Name}, and nothing supplies it for {Named(indicators, applies.Count)}: {reason}"));
            }
        }

        return warnings;
    }

    /// <summary>Why a figure is never there for an indicator, or null when some data or configuration can supply it.</summary>
    private static string? Unsupplied(Measure measure, Indicator indicator, CspConfiguration configuration, bool many = false)
    {
        var (it, its, itIs) = many ? ("them", "their", "they are") : ("it", "its", "it is");
        var isCount = indicator.Unit == IndicatorUnit.Count;
        var published = indicator.Sources.MpsOld.Count + indicator.Sources.MpsNew.Count + indicator.Sources.Lfb.Count > 0;
        switch (measure.Name)
        {
            case "target" or "ytdTarget" when published && !configuration.Targets.Any(t => t.Indicator == indicator.Id):
                return $"no target is set for {it} in the targets configuration, and {its} figures come from the police or fire brigade files, which carry none";
            case "englandValue" when published:
                return $"only a partner's file supplies England's figure, and {its} figures come from the police or fire brigade files";
            case "rate" or "londonRate" or "londonChangePct" when !isCount:
                return $"{measure.Name} is worked out for counts only, and {itIs} {(many ? "rates or percentages" : indicator.Unit == IndicatorUnit.Rate ? "a rate" : "a percentage")}";
            case "londonValue" when isCount && published:
                return $"londonValue is London's figure for rates and percentages, and {itIs} {(many ? "counts" : "a count")}; compare londonChangePct or londonRate instead";
        }

        // A peer rank may be supplied ready-made (msg_rank) even for a group with no members configured.
        return null;
    }

    private static string Named(List<Indicator> indicators, int of)
    {
        const int Shown = 4;
        var names = string.Join(", ", indicators.Take(Shown).Select(i => i.Name));
        var more = indicators.Count > Shown ? $" and {indicators.Count - Shown} more" : string.Empty;
        return indicators.Count == of && of > 1 ? $"any of the {of} indicators it applies to ({names}{more})" : $"{names}{more}";
    }
}

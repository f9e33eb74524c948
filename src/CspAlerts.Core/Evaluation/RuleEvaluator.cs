using CspAlerts.Configuration;
using CspAlerts.Measures;
using CspAlerts.Rules;

namespace CspAlerts.Evaluation;

/// <summary>Runs a compiled rule set over the facts of a month and lists the exceptions.</summary>
public sealed class RuleEvaluator(CspConfiguration config, CompiledRuleSet rules)
{
    /// <summary>
    /// Evaluates every rule for every indicator of each area at the month. A rule with
    /// <c>for: N</c> fires only when its condition held in each of the N months ending there.
    /// Items come by area, then catalogue order of indicators, then rule order.
    /// </summary>
    public IReadOnlyList<ExceptionItem> Evaluate(FactTable table, Period period, IEnumerable<string> areaIds)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(areaIds);
        var items = new List<ExceptionItem>();
        foreach (var areaId in areaIds)
        {
            var area = config.FindArea(areaId);
            if (area is null)
            {
                continue;
            }

            foreach (var fact in table.FactsFor(areaId, period))
            {
                var indicator = config.FindIndicator(fact.Indicator)!;
                var view = new RuleFact(fact, indicator);
                foreach (var rule in rules.Rules)
                {
                    var definition = rule.Definition;
                    if (!definition.AppliesTo.Matches(indicator, ragRule: definition.Rag is not null) ||
                        !rule.Holds(view) ||
                        !HeldBefore(rule, table, indicator, areaId, period))
                    {
                        continue;
                    }

                    var context = new MessageContext(definition.Id, indicator.Id, indicator.Name, area.Id, area.Name, period);
                    items.Add(new ExceptionItem(
                        definition.Id,
                        indicator.Id,
                        area.Id,
                        period,
                        indicator.IsMonitor ? null : definition.Rag,
                        definition.Monitor || indicator.IsMonitor,
                        definition.Escalate,
                        rule.Message.Render(view, context),
                        fact));
                }
            }
        }

        return items;
    }

    private static bool HeldBefore(CompiledRule rule, FactTable table, Indicator indicator, string area, Period period)
    {
        for (var back = 1; back < rule.Definition.For; back++)
        {
            var earlier = table.Find(indicator.Id, area, period.AddMonths(-back));
            if (earlier is null || !rule.Holds(new RuleFact(earlier, indicator)))
            {
                return false;
            }
        }

        return true;
    }
}

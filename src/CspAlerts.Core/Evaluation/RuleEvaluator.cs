using CspAlerts.Measures;
using CspAlerts.Model;
using CspAlerts.Rules;

namespace CspAlerts.Evaluation;

/// <summary>Runs a compiled rule set over the facts of a month and lists the exceptions.</summary>
public sealed class RuleEvaluator
{
    private readonly CspConfiguration _config;
    private readonly CompiledRuleSet _rules;

    // Which rules apply to each indicator, worked out once rather than per fact.
    private readonly Dictionary<string, CompiledRule[]> _applicable;

    public RuleEvaluator(CspConfiguration config, CompiledRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(rules);
        _config = config;
        _rules = rules;
        _applicable = config.Indicators.ToDictionary(
            i => i.Id,
            i => rules.Rules.Where(r => r.Definition.AppliesTo.Matches(i, ragRule: r.Definition.Rag is not null)).ToArray(),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Evaluates every rule for every indicator of each area at the month. A rule with
    /// <c>for: N</c> fires only when its condition held in each of the N months ending there.
    /// Items come by area, then catalogue order of indicators, then rule order.
    /// </summary>
    public IReadOnlyList<RuleFiring> Evaluate(FactTable table, Period period, IEnumerable<string> areaIds)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(areaIds);
        var items = new List<RuleFiring>();
        if (!table.Contains(period))
        {
            return items;
        }

        var t = table.Offset(period);
        foreach (var areaId in areaIds)
        {
            if (_config.FindArea(areaId) is not { } area)
            {
                continue;
            }

            foreach (var series in table.SeriesOf(areaId))
            {
                if (!series.HasDataAt(t))
                {
                    continue;
                }

                var indicator = series.Indicator;
                var firstOfSeries = items.Count;
                Fact? fact = null;
                RuleFact? view = null;
                foreach (var rule in _applicable[indicator.Id])
                {
                    fact ??= table.Build(series, t);
                    view ??= new RuleFact(fact, indicator, _rules.Measures);
                    if (!rule.Holds(view) || !HeldBefore(rule, table, series, t))
                    {
                        continue;
                    }

                    var definition = rule.Definition;
                    var context = new MessageContext(definition.Id, indicator.Id, indicator.Name, area.Id, area.Name, period);
                    items.Add(new RuleFiring(
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

                DropGreenUnderRedOrAmber(items, firstOfSeries);
            }
        }

        return items;
    }

    /// <summary>A green rule does not fire on an item that is red or amber: the item's rating is its worst.</summary>
    private static void DropGreenUnderRedOrAmber(List<RuleFiring> items, int first)
    {
        var worse = false;
        for (var i = first; i < items.Count && !worse; i++)
        {
            worse = items[i].Rag is Rag.Red or Rag.Amber;
        }

        if (worse)
        {
            for (var i = items.Count - 1; i >= first; i--)
            {
                if (items[i].Rag == Rag.Green)
                {
                    items.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>
    /// How often each rule fires at each month from <paramref name="from"/> to <paramref name="to"/>
    /// across the areas, as a backtest reports it: counts indexed [month offset from <paramref name="from"/>, rule].
    /// </summary>
    public int[,] CountFirings(FactTable table, Period from, Period to, IReadOnlyList<string> areaIds)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(areaIds);
        var ruleIndex = _rules.Rules.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i);
        var counts = new int[Math.Max(0, to.Index - from.Index + 1), _rules.Rules.Count];
        var fired = new int[_rules.Rules.Count];
        for (var period = from; period <= to; period = period.AddMonths(1))
        {
            if (!table.Contains(period))
            {
                continue;
            }

            var t = table.Offset(period);
            var row = period.Index - from.Index;
            foreach (var areaId in areaIds)
            {
                foreach (var series in table.SeriesOf(areaId))
                {
                    var rules = _applicable[series.Indicator.Id];
                    if (rules.Length == 0 || !series.HasDataAt(t))
                    {
                        continue;
                    }

                    var view = new RuleFact(table.Build(series, t), series.Indicator, _rules.Measures);
                    var worse = false;
                    var greens = 0;
                    foreach (var rule in rules)
                    {
                        if (rule.Holds(view) && HeldBefore(rule, table, series, t))
                        {
                            var rag = rule.Definition.Rag;
                            worse |= rag is Rag.Red or Rag.Amber;
                            if (rag == Rag.Green && !series.Indicator.IsMonitor)
                            {
                                fired[greens++] = ruleIndex[rule];
                            }
                            else
                            {
                                counts[row, ruleIndex[rule]]++;
                            }
                        }
                    }

                    // As in Evaluate: a green rule does not fire on an item that is red or amber.
                    for (var g = 0; g < greens && !worse; g++)
                    {
                        counts[row, fired[g]]++;
                    }
                }
            }
        }

        return counts;
    }

    private bool HeldBefore(CompiledRule rule, FactTable table, SeriesMeasures series, int t)
    {
        for (var back = 1; back < rule.Definition.For; back++)
        {
            var earlier = t - back;
            if (earlier < 0 || !series.HasDataAt(earlier) || !rule.Holds(new RuleFact(table.Build(series, earlier), series.Indicator, _rules.Measures)))
            {
                return false;
            }
        }

        return true;
    }
}

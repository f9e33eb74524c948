using CspAlerts.Model;

namespace CspAlerts.Evaluation;

/// <summary>
/// What a lead reads: one indicator in one area at a month, every rule that fired on it, and one
/// overall rating, the worst of the RAG rules that fired. A monitor item (a monitor-only indicator,
/// or only monitor rules fired) has no rating.
/// </summary>
public sealed record Item(Indicator Indicator, Area Area, Period Period, Rag? Rag, bool Monitor, bool Escalate, IReadOnlyList<RuleFiring> Rules, Fact Facts)
{
    /// <summary>Groups firings, in the order given, into one item per indicator × area.</summary>
    public static IReadOnlyList<Item> Group(IEnumerable<RuleFiring> firings, CspConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(firings);
        ArgumentNullException.ThrowIfNull(config);
        return firings
            .GroupBy(f => (f.Indicator, f.Area))
            .Select(g =>
            {
                var rules = g.ToList();
                var rated = rules.Where(r => r.Rag is not null).Select(r => r.Rag!.Value).ToList();
                var indicator = config.FindIndicator(g.Key.Indicator)!;
                var monitor = indicator.IsMonitor || rated.Count == 0;
                return new Item(
                    indicator,
                    config.FindArea(g.Key.Area)!,
                    rules[0].Period,
                    monitor ? null : rated.Min(),
                    monitor,
                    rules.Any(r => r.Escalate),
                    rules,
                    rules[0].Facts);
            })
            .ToList();
    }
}

using System.Globalization;
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
    /// Items come by area, then catalogue order of indicators, then rule order. A rule whose
    /// condition throws for an item does not fire on it; to be told, call
    /// <see cref="Evaluate(FactTable, Period, IEnumerable{string}, ICollection{RuleError})"/>.
    /// </summary>
    public IReadOnlyList<RuleFiring> Evaluate(FactTable table, Period period, IEnumerable<string> areaIds) =>
        Run(table, period, areaIds, errors: null);

    /// <summary>
    /// As <see cref="Evaluate(FactTable, Period, IEnumerable{string})"/>, adding to <paramref name="errors"/>
    /// a <see cref="RuleError"/> for each rule that could not be evaluated for an item (its condition
    /// divided an integer by zero, say). Such a rule does not fire on that item; every other rule and
    /// item is evaluated as usual.
    /// </summary>
    public IReadOnlyList<RuleFiring> Evaluate(FactTable table, Period period, IEnumerable<string> areaIds, ICollection<RuleError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Run(table, period, areaIds, errors);
    }

    private List<RuleFiring> Run(FactTable table, Period period, IEnumerable<string> areaIds, ICollection<RuleError>? errors)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(areaIds);
        var items = new List<RuleFiring>();
        if (!table.Contains(period))
        {
            return items;
        }

        var t = table.Offset(period);
        var readings = new Readings(table);
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
                var view = new RuleFact(readings.Current.MoveTo(series, t), indicator, _rules.Measures);
                Fact? fact = null;
                foreach (var rule in _applicable[indicator.Id])
                {
                    if (!Fires(rule, view, readings, out var failure))
                    {
                        if (failure is not null)
                        {
                            errors?.Add(new RuleError(rule.Definition.Id, indicator.Id, area.Id, period, failure));
                        }

                        continue;
                    }

                    // The fact goes with the firing; built once, when a rule first fires on it.
                    fact ??= readings.Current.ToFact();
                    AddFiring(rule, view, indicator, area, period, fact, items, errors);
                }

                DropGreenUnderRedOrAmber(items, firstOfSeries);
            }
        }

        return items;
    }

    /// <summary>
    /// Evaluates every rule that applies to the indicator over facts given directly, as a rule test
    /// gives them: <paramref name="months"/>[0] is the month evaluated, the rest the months before it,
    /// latest first (a rule with <c>for: N</c> looks at the first N). Firings, messages and the drop of a
    /// green rule under a red or amber one are exactly as for facts computed from data.
    /// </summary>
    public IReadOnlyList<RuleFiring> Evaluate(Indicator indicator, Area area, IReadOnlyList<Fact> months, ICollection<RuleError>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(months);
        var items = new List<RuleFiring>();
        if (months.Count == 0 || !_applicable.TryGetValue(indicator.Id, out var applicable))
        {
            return items;
        }

        var fact = months[0];
        var view = new RuleFact(fact, indicator, _rules.Measures);
        foreach (var rule in applicable)
        {
            string? failure = null;
            var fires = Holds(rule, view, ref failure) && rule.Definition.For <= months.Count;
            for (var back = 1; fires && back < rule.Definition.For; back++)
            {
                fires = Holds(rule, new RuleFact(months[back], indicator, _rules.Measures), ref failure);
            }

            if (!fires)
            {
                if (failure is not null)
                {
                    errors?.Add(new RuleError(rule.Definition.Id, indicator.Id, area.Id, fact.Period, failure));
                }

                continue;
            }

            AddFiring(rule, view, indicator, area, fact.Period, fact, items, errors);
        }

        DropGreenUnderRedOrAmber(items, 0);
        return items;
    }

    /// <summary>The rules that apply to an indicator: its selector matches, and a RAG rule never applies to a monitor indicator.</summary>
    public IReadOnlyList<CompiledRule> ApplicableTo(string indicator) => _applicable.GetValueOrDefault(indicator) ?? [];

    private static void AddFiring(CompiledRule rule, RuleFact view, Indicator indicator, Area area, Period period, Fact fact, List<RuleFiring> items, ICollection<RuleError>? errors)
    {
        var definition = rule.Definition;
        var context = new MessageContext(definition.Id, indicator.Id, indicator.Name, area.Id, area.Name, period);
        string message;
        try
        {
            message = rule.Message.Render(view, context);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or ArithmeticException)
        {
            // The formats were checked when the rules compiled; this is a last guard, not a path.
            errors?.Add(new RuleError(definition.Id, indicator.Id, area.Id, period, "the message could not be written: " + ex.Message.TrimEnd('.')));
            return;
        }

        items.Add(new RuleFiring(
            definition.Id,
            indicator.Id,
            area.Id,
            period,
            indicator.IsMonitor ? null : definition.Rag,
            definition.Monitor || indicator.IsMonitor,
            definition.Escalate,
            message,
            fact));
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
    /// A rule whose condition throws for an item is not counted for it; to be told, call
    /// <see cref="CountFirings(FactTable, Period, Period, IReadOnlyList{string}, ICollection{RuleError})"/>.
    /// </summary>
    public int[,] CountFirings(FactTable table, Period from, Period to, IReadOnlyList<string> areaIds) =>
        Count(table, from, to, areaIds, errors: null);

    /// <summary>
    /// As <see cref="CountFirings(FactTable, Period, Period, IReadOnlyList{string})"/>, adding to
    /// <paramref name="errors"/> a <see cref="RuleError"/> for each rule, item and month at which the
    /// rule could not be evaluated.
    /// </summary>
    public int[,] CountFirings(FactTable table, Period from, Period to, IReadOnlyList<string> areaIds, ICollection<RuleError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Count(table, from, to, areaIds, errors);
    }

    private int[,] Count(FactTable table, Period from, Period to, IReadOnlyList<string> areaIds, ICollection<RuleError>? errors)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(areaIds);
        var ruleIndex = _rules.Rules.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i);
        var months = Math.Max(0, to.Index - from.Index + 1);
        var counts = new int[months, _rules.Rules.Count];

        // Areas are independent: each is counted on its own thread into its own array, and the arrays
        // are summed, so the counts are those of a single thread. Errors are kept per area and added in
        // area order, so they too come out as a single thread would give them.
        var areaErrors = errors is null ? null : new List<RuleError>?[areaIds.Count];
        var gate = new object();
        Parallel.For(
            0,
            areaIds.Count,
            () => new int[months, _rules.Rules.Count],
            (a, _, local) =>
            {
                List<RuleError>? found = null;
                CountArea(table, from, to, areaIds[a], ruleIndex, local, areaErrors is null ? null : found = []);
                if (areaErrors is not null)
                {
                    areaErrors[a] = found;
                }

                return local;
            },
            local =>
            {
                lock (gate)
                {
                    for (var m = 0; m < months; m++)
                    {
                        for (var r = 0; r < local.GetLength(1); r++)
                        {
                            counts[m, r] += local[m, r];
                        }
                    }
                }
            });

        if (errors is not null && areaErrors is not null)
        {
            // Month by month, then area by area, as the errors of evaluating each month in turn read.
            foreach (var error in areaErrors.SelectMany((list, a) => (list ?? []).Select(e => (e, a))).OrderBy(x => x.e.Period).ThenBy(x => x.a).Select(x => x.e))
            {
                errors.Add(error);
            }
        }

        return counts;
    }

    private void CountArea(FactTable table, Period from, Period to, string areaId, Dictionary<CompiledRule, int> ruleIndex, int[,] counts, List<RuleError>? errors)
    {
        var fired = new int[_rules.Rules.Count];
        var readings = new Readings(table);
        foreach (var series in table.SeriesOf(areaId))
        {
            var rules = _applicable[series.Indicator.Id];
            if (rules.Length == 0)
            {
                continue;
            }

            // One view per series: it reads whatever month the reading has moved to.
            var view = new RuleFact(readings.Current, series.Indicator, _rules.Measures);

            for (var period = from; period <= to; period = period.AddMonths(1))
            {
                if (!table.Contains(period))
                {
                    continue;
                }

                var t = table.Offset(period);
                if (!series.HasDataAt(t))
                {
                    continue;
                }

                var row = period.Index - from.Index;
                readings.Current.MoveTo(series, t);
                var worse = false;
                var greens = 0;
                foreach (var rule in rules)
                {
                    if (Fires(rule, view, readings, out var failure))
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
                    else if (failure is not null)
                    {
                        errors?.Add(new RuleError(rule.Definition.Id, series.Indicator.Id, areaId, period, failure));
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

    /// <summary>
    /// Whether the rule fires for the series and month the current reading is at (<paramref name="view"/>
    /// reads it): its condition holds there and,
    /// for <c>for: N</c>, in each of the N - 1 months before. When the condition throws, the rule does not
    /// fire and <paramref name="failure"/> says why in plain words.
    /// </summary>
    private bool Fires(CompiledRule rule, RuleFact view, Readings readings, out string? failure)
    {
        var (series, t) = (readings.Current.Series, readings.Current.Offset);
        failure = null;
        if (!Holds(rule, view, ref failure))
        {
            return false;
        }

        // Asking for more months than the data has before t cannot succeed, however large 'for' is:
        // the look-back below never passes the first month of data.
        if (rule.Definition.For > t + 1)
        {
            return false;
        }

        for (var back = 1; back < rule.Definition.For; back++)
        {
            var earlier = t - back;
            if (!series.HasDataAt(earlier))
            {
                return false;
            }

            if (!Holds(rule, new RuleFact(readings.Earlier.MoveTo(series, earlier), series.Indicator, _rules.Measures), ref failure))
            {
                if (failure is not null)
                {
                    failure = string.Create(
                        CultureInfo.InvariantCulture,
                        $"{failure} at {readings.Earlier.Period}, one of the {rule.Definition.For} months its 'for' looks at");
                }

                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A worker's two readings of a table: the month evaluated, and the months before it that a rule
    /// with <c>for: N</c> looks back at. Rules read them in place; no fact is built to run a rule.
    /// </summary>
    private sealed class Readings(FactTable table)
    {
        public SeriesReading Current { get; } = table.Reading();

        public SeriesReading Earlier { get; } = table.Reading();
    }

    /// <summary>Runs the condition; any exception it throws is a failure of this rule for this fact, not of the run.</summary>
    private static bool Holds(CompiledRule rule, RuleFact view, ref string? failure)
    {
        try
        {
            return rule.Holds(view);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            failure = RuleError.ReasonFor(ex);
            return false;
        }
    }
}

using CspAlerts.Model;
using CspAlerts.Rules;

namespace CspAlerts.Evaluation;

/// <summary>Why a rule did or did not fire on an item.</summary>
public enum RuleVerdict
{
    Fired,
    DidNotFire,

    /// <summary>Its <c>appliesTo</c> does not select the indicator.</summary>
    NotSelected,

    /// <summary>The indicator is monitor-only and the rule is RAG rated (or has no selector).</summary>
    MonitorOnly,

    /// <summary>A figure the condition needs is missing.</summary>
    MissingFigure,

    /// <summary>A figure the condition needs is missing because the data has too few months.</summary>
    InsufficientHistory,

    /// <summary>The condition holds, but not for the consecutive months its <c>for</c> asks.</summary>
    NotLongEnough,

    /// <summary>A green rule that holds, on an item a red or amber rule rates.</summary>
    OutranksGreen,

    /// <summary>The condition could not be worked out for the item (a division by zero).</summary>
    Failed,
}

/// <summary>What one rule made of one item: the verdict in words, the figures it read, and what would flip it.</summary>
/// <param name="Reason">One sentence saying why, for every verdict but a plain fired or did not fire.</param>
/// <param name="Threshold">What would clear it, or make it fire (<see cref="Rules.Threshold"/>); null where the rule does not apply.</param>
/// <param name="Firing">The firing, when it fired.</param>
public sealed record RuleExplanation(
    CompiledRule Rule,
    RuleVerdict Verdict,
    string? Reason,
    IReadOnlyList<FigureRead> Figures,
    string? Threshold,
    RuleFiring? Firing)
{
    /// <summary>False where the selector or monitor-only status keeps the rule off the indicator: then there is no condition to show.</summary>
    public bool Applies => Verdict is not (RuleVerdict.NotSelected or RuleVerdict.MonitorOnly);
}

/// <summary>Every rule's explanation for one indicator in one area at one month.</summary>
public sealed record ItemExplanation(Indicator Indicator, Area Area, Period Period, Fact Fact, IReadOnlyList<RuleExplanation> Rules);

/// <summary>
/// Explains, for one indicator in one area at one month, what each rule read, whether it fired and
/// what would flip it: the <c>explain</c> command. It evaluates with the same evaluator and the same
/// "what would clear it" text as every run, so what it says is what the alerts do.
/// </summary>
public static class RuleExplainer
{
    /// <summary>The indicator a label names: its id, or its name ignoring case. An unknown one is refused listing the ids.</summary>
    public static Indicator ResolveIndicator(CspConfiguration configuration, string label)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(label);
        return configuration.FindIndicator(label)
            ?? configuration.Indicators.FirstOrDefault(i => string.Equals(i.Name, label.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new EvaluationRejectedException(
                $"unknown indicator '{Diagnostics.Echo.Of(label)}'{Suggest(label, configuration.Indicators.Select(i => i.Id))}; use an id or a name; the ids are {string.Join(", ", configuration.Indicators.Select(i => i.Id))}");
    }

    public static ItemExplanation Explain(ExceptionEngine engine, PreparedRun run, Indicator indicator, Area area, string? ruleId = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(area);
        var rules = engine.Rules.Rules.Where(r => ruleId is null || r.Definition.Id == ruleId).ToList();
        if (rules.Count == 0)
        {
            var ids = engine.Rules.Rules.Select(r => r.Definition.Id).ToList();
            throw new EvaluationRejectedException($"unknown rule '{Diagnostics.Echo.Of(ruleId ?? string.Empty)}'{Suggest(ruleId ?? string.Empty, ids)}; the rules are {string.Join(", ", ids)}");
        }

        var fact = run.Table.Find(indicator.Id, area.Id, run.Period)
            ?? throw new EvaluationRejectedException(
                $"no figures for {indicator.Name} in {area.Name} in {run.Period.ToDisplayString()}: the data has {Covered(run, area)}");
        var evaluator = new RuleEvaluator(engine.Configuration, engine.Rules);
        var errors = new List<RuleError>();
        var firings = evaluator.Evaluate(run.Table, run.Period, [area.Id], errors).Where(f => f.Indicator == indicator.Id).ToList();
        var view = new RuleFact(fact, indicator, engine.Rules.Measures);
        return new ItemExplanation(indicator, area, run.Period, fact, rules.Select(r => Explain(r, view, run, engine.Configuration, firings, errors)).ToList());
    }

    private static RuleExplanation Explain(CompiledRule rule, RuleFact view, PreparedRun run, CspConfiguration configuration, List<RuleFiring> firings, List<RuleError> errors)
    {
        var definition = rule.Definition;
        var indicator = view.Indicator;
        var figures = rule.Reads.Select(m => new FigureRead(m.Name, view.ValueOf(m.Name))).ToList();
        if (!definition.AppliesTo.Matches(indicator, ragRule: definition.Rag is not null))
        {
            if (indicator.IsMonitor && (definition.Rag is not null || definition.AppliesTo.IsDefault))
            {
                var why = definition.Rag is not null ? "it is never RAG rated, and this is a RAG rule" : "a rule without appliesTo skips monitor-only indicators";
                return new(rule, RuleVerdict.MonitorOnly, $"does not apply (monitor-only): {indicator.Name} is monitor-only; {why}", figures, null, null);
            }

            return new(rule, RuleVerdict.NotSelected, $"does not apply (selector): its appliesTo ({Describe(definition.AppliesTo)}) does not include {indicator.Name}", figures, null, null);
        }

        var threshold = Threshold.Explain(rule, view);
        if (firings.FirstOrDefault(f => f.Rule == definition.Id) is { } firing)
        {
            return new(rule, RuleVerdict.Fired, null, figures, threshold, firing);
        }

        if (errors.FirstOrDefault(e => e.Rule == definition.Id && e.Indicator == indicator.Id) is { } error)
        {
            return new(rule, RuleVerdict.Failed, $"could not be worked out: {error.Message}", figures, null, null);
        }

        if (rule.Holds(view))
        {
            var worse = firings.Where(f => f.Rag is Rag.Red or Rag.Amber).Select(f => f.Rule).ToList();
            if (definition.Rag == Rag.Green && worse.Count > 0)
            {
                return new(rule, RuleVerdict.OutranksGreen, $"its condition holds, but a green rule does not fire on an item that is red or amber ({string.Join(", ", worse)} fired)", figures, null, null);
            }

            return new(rule, RuleVerdict.NotLongEnough, NotLongEnough(rule, view, run), figures, threshold, null);
        }

        var missing = FigureNeeds.Of(rule, indicator, view.Catalogue).Where(m => view.ValueOf(m.Name) is null).Select(m => m.Name).ToList();
        if (missing.Count > 0)
        {
            threshold = threshold == Threshold.Unsolvable ? null : threshold;
            var needed = Fact.HistoryNeeded(indicator.Unit);
            var names = string.Join(" and ", missing);
            var verb = missing.Count == 1 ? "is" : "are";
            if (view.Fact.History < needed && missing.Any(DependsOnHistory))
            {
                return new(rule, RuleVerdict.InsufficientHistory, $"does not apply (insufficient history): {names} {verb} missing, as {Months(view.Fact.History)} of data {(view.Fact.History == 1 ? "ends" : "end")} at {run.Period.ToDisplayString()} and {needed} are needed", figures, threshold, null);
            }

            var noTarget = missing.Any(m => m is "target" or "ytdTarget") && configuration.FindTarget(indicator.Id, view.Fact.Area, run.Period) is null
                ? $": no target is set for {indicator.Name} in the targets configuration, and the data supplies none"
                : string.Empty;
            return new(rule, RuleVerdict.MissingFigure, $"does not apply (missing figure): its condition needs {names}, which {verb} missing for this item{noTarget}", figures, threshold, null);
        }

        return new(rule, RuleVerdict.DidNotFire, null, figures, threshold, null);
    }

    /// <summary>Why a rule whose condition holds did not fire: the month before that broke its run of <c>for</c> months.</summary>
    private static string NotLongEnough(CompiledRule rule, RuleFact view, PreparedRun run)
    {
        var needed = rule.Definition.For;
        for (var back = 1; back < needed; back++)
        {
            var month = run.Period.AddMonths(-back);
            var earlier = run.Table.Find(view.Indicator.Id, view.Fact.Area, month);
            if (earlier is null)
            {
                return $"its condition holds, but 'for: {needed}' needs it to hold {needed} months in a row, and there are no figures for {month.ToDisplayString()}";
            }

            if (!rule.Holds(new RuleFact(earlier, view.Indicator, view.Catalogue)))
            {
                return $"its condition holds, but 'for: {needed}' needs it to hold {needed} months in a row, and it did not hold in {month.ToDisplayString()}";
            }
        }

        return $"its condition holds, but 'for: {needed}' needs it to hold {needed} months in a row";
    }

    /// <summary>" (did you mean 'x'?)" for a likely typo, or empty.</summary>
    internal static string Suggest(string label, IEnumerable<string> known) =>
        Diagnostics.DidYouMean.Closest(label, known) is { } closest ? $" (did you mean '{closest}'?)" : string.Empty;

    private static string Months(int n) => n == 1 ? "1 month" : $"{n} months";

    private static bool DependsOnHistory(string measure) =>
        measure is not ("target" or "ytdTarget" or "englandValue" or "ytd" or "polarity" or "unit" or "history")
        && !measure.StartsWith("spc", StringComparison.Ordinal);

    private static string Describe(RuleSelector selector)
    {
        var parts = new List<string>();
        if (selector.Indicators.Count > 0)
        {
            parts.Add($"indicators {string.Join(", ", selector.Indicators)}");
        }

        if (selector.Groups.Count > 0)
        {
            parts.Add($"groups {string.Join(", ", selector.Groups)}");
        }

        if (selector.Polarities.Count > 0)
        {
            parts.Add($"polarity {string.Join(", ", selector.Polarities.Select(Names.Of))}");
        }

        if (selector.Tags.Count > 0)
        {
            parts.Add($"tags {string.Join(", ", selector.Tags)}");
        }

        return string.Join("; ", parts);
    }

    private static string Covered(PreparedRun run, Area area)
    {
        var indicators = run.Table.FactsFor(area.Id, run.Period).Select(f => f.Indicator).ToList();
        return indicators.Count == 0
            ? $"no figures for {area.Name} that month"
            : $"figures that month for {string.Join(", ", indicators)}";
    }
}

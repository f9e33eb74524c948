using System.Globalization;
using CspAlerts.Ingest;
using CspAlerts.Measures;
using CspAlerts.Model;
using CspAlerts.Rules;

namespace CspAlerts.Evaluation;

/// <summary>How a rule test came out.</summary>
public enum RuleTestOutcome
{
    Passed,
    Failed,

    /// <summary>A pending case that fails, as its reason says it will for now; it does not fail the run.</summary>
    Pending,

    /// <summary>A pending case that now passes: its <c>pending</c> should be removed.</summary>
    PendingPasses,
}

/// <summary>A measure a rule read, and its figure in the case (a double, an int, a word, or null for missing).</summary>
public sealed record FigureRead(string Measure, object? Value);

/// <summary>What one rule read in a test case.</summary>
public sealed record RuleReading(string Rule, string When, IReadOnlyList<FigureRead> Figures);

/// <summary>The outcome of one rule test: what was expected, what fired, and the figures the rules read.</summary>
/// <param name="Problems">Each difference between expected and actual, one sentence each; none when they agree.</param>
/// <param name="Actual">The rules that fired, among those the case checks.</param>
/// <param name="Read">What each rule the case checks read, for the failure report.</param>
/// <param name="Errors">Conditions that could not be worked out for the case (a division by zero).</param>
public sealed record RuleTestResult(
    RuleTestCase Case,
    RuleTestOutcome Outcome,
    IReadOnlyList<string> Problems,
    IReadOnlyList<RuleFiring> Actual,
    IReadOnlyList<RuleReading> Read,
    IReadOnlyList<RuleError> Errors);

/// <summary>
/// Runs the rule unit tests: for each case, builds its facts (given directly, or computed from its
/// series exactly as from a dataset), evaluates the rule set with the evaluator every run uses, and
/// compares what fired with what the case expects.
/// </summary>
public static class RuleTestRunner
{
    public static IReadOnlyList<RuleTestResult> Run(CspConfiguration configuration, CompiledRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(rules);
        var evaluator = new RuleEvaluator(configuration, rules);
        return configuration.RuleTests.Select(c => Run(c, configuration, rules, evaluator)).ToList();
    }

    private static RuleTestResult Run(RuleTestCase test, CspConfiguration configuration, CompiledRuleSet rules, RuleEvaluator evaluator)
    {
        var indicator = configuration.FindIndicator(test.Indicator)!;
        var area = configuration.FindArea(test.Area)!;
        var errors = new List<RuleError>();
        var problems = new List<string>();
        IReadOnlyList<RuleFiring> fired;
        Fact? fact;
        if (test.Months is { } months)
        {
            var facts = months.Select((figures, back) => GivenFacts.Build(indicator, area.Id, test.Period.AddMonths(-back), figures, rules.Measures)).ToList();
            fact = facts[0];
            fired = evaluator.Evaluate(indicator, area, facts, errors);
        }
        else
        {
            var table = new MeasureCalculator(configuration).Compute(Observations(test));
            fact = table.Find(indicator.Id, area.Id, test.Period);
            fired = evaluator.Evaluate(table, test.Period, [area.Id], errors);
        }

        var checkedRules = test.Rules.Count > 0 ? test.Rules : rules.Rules.Select(r => r.Definition.Id).ToList();
        var actual = fired.Where(f => checkedRules.Contains(f.Rule, StringComparer.Ordinal)).ToList();
        Compare(test, actual, problems, evaluator, indicator);
        problems.AddRange(errors.Where(e => checkedRules.Contains(e.Rule, StringComparer.Ordinal)).Select(e => $"{e.Rule} could not be worked out: {e.Message}"));

        var read = new List<RuleReading>();
        if (fact is not null)
        {
            var view = new RuleFact(fact, indicator, rules.Measures);
            foreach (var rule in rules.Rules.Where(r => checkedRules.Contains(r.Definition.Id, StringComparer.Ordinal)))
            {
                read.Add(new RuleReading(rule.Definition.Id, rule.Definition.When, rule.Reads.Select(m => new FigureRead(m.Name, view.ValueOf(m.Name))).ToList()));
            }
        }

        var passed = problems.Count == 0;
        var outcome = test.Pending is null
            ? passed ? RuleTestOutcome.Passed : RuleTestOutcome.Failed
            : passed ? RuleTestOutcome.PendingPasses : RuleTestOutcome.Pending;
        return new RuleTestResult(test, outcome, problems, actual, read, errors);
    }

    private static void Compare(RuleTestCase test, List<RuleFiring> actual, List<string> problems, RuleEvaluator evaluator, Indicator indicator)
    {
        foreach (var expected in test.Expect)
        {
            if (actual.FirstOrDefault(f => f.Rule == expected.Rule) is not { } firing)
            {
                var applies = evaluator.ApplicableTo(indicator.Id).Any(r => r.Definition.Id == expected.Rule);
                problems.Add(applies
                    ? $"expected {expected.Rule} to fire, but it did not"
                    : $"expected {expected.Rule} to fire, but it does not apply to {indicator.Name}");
                continue;
            }

            if (expected.Rag is { } rag && firing.Rag != rag)
            {
                problems.Add($"expected {expected.Rule} to rate {Names.Of(rag)}, but it rated {(firing.Rag is { } r ? Names.Of(r) : "nothing (monitor only)")}");
            }

            if (expected.Escalate is { } escalate && firing.Escalate != escalate)
            {
                problems.Add($"expected {expected.Rule} {(escalate ? "to go" : "not to go")} to the PMG, but it {(firing.Escalate ? "does" : "does not")}");
            }

            if (expected.Message is { } message && !string.Equals(Normal(message), Normal(firing.Message), StringComparison.Ordinal))
            {
                problems.Add($"expected {expected.Rule} to say \"{message.Trim()}\", but it says \"{firing.Message}\"");
            }
        }

        foreach (var firing in actual.Where(f => test.Expect.All(e => e.Rule != f.Rule)))
        {
            problems.Add($"{firing.Rule} fired, but was not expected: {firing.Message}");
        }
    }

    /// <summary>A message with its runs of white space made one space, as YAML folding may leave them.</summary>
    private static string Normal(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static IEnumerable<Observation> Observations(RuleTestCase test)
    {
        var source = new SourceRef(test.Location.File, test.Location.Line);
        foreach (var (area, values) in test.Series!)
        {
            var start = test.Period.AddMonths(1 - values.Count);
            for (var i = 0; i < values.Count; i++)
            {
                yield return new Observation(test.Indicator, area, start.AddMonths(i), values[i], SuppliedFigures.None, source);
            }
        }
    }

    /// <summary>A figure as the test report shows it: numbers to three decimals at most (a tiny p-value as "below 0.001"), "missing" for null.</summary>
    public static string Show(object? value) => value switch
    {
        null => "missing",
        double d when d is > 0 and < 0.001 => "below 0.001",
        double d => d.ToString("#,0.###", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "missing",
    };
}

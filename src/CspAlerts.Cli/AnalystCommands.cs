using System.CommandLine;
using System.Globalization;
using CspAlerts.Evaluation;
using CspAlerts.Model;

namespace CspAlerts.Cli;

/// <summary>
/// The analyst's commands: <c>test</c> runs the rule unit tests under the rules folder, and
/// <c>explain</c> shows, for one indicator in one area, what each rule read, whether it fired and
/// what would flip it.
/// </summary>
internal static class AnalystCommands
{
    private const string Indent = "          ";

    public static Command Test(AlertCommands.Context c, Option<string> rules)
    {
        var command = new Command("test", "Run the rule unit tests (files whose top-level key is 'tests:', e.g. rules/tests/*.yaml): one line per case, then a summary; exit 1 when a case fails.")
        {
            rules,
        };
        command.SetAction(parse => CliApplication.Guard(c.Stderr, () =>
        {
            var folder = parse.GetValue(rules) ?? c.Settings.RulesPath;
            var engine = c.Engine(folder);
            var results = RuleTestRunner.Run(engine.Configuration, engine.Rules);
            if (results.Count == 0)
            {
                c.Stderr.WriteLine($"no rule tests in {folder}: add a YAML file whose top-level key is 'tests:', e.g. {folder}/tests/rules.yaml (see docs/rules.md)");
                return CliApplication.Success;
            }

            c.Stdout.WriteLine($"Rule tests in {folder}: {Count(results.Count, "case")} for {Count(engine.Rules.Rules.Count, "rule")}");
            foreach (var result in results)
            {
                Print(c.Stdout, result, engine.Configuration);
            }

            foreach (var gap in Coverage(engine, results))
            {
                c.Stderr.WriteLine($"warning: {gap}");
            }

            var failed = results.Count(r => r.Outcome == RuleTestOutcome.Failed);
            var pending = results.Count(r => r.Outcome is RuleTestOutcome.Pending or RuleTestOutcome.PendingPasses);
            var passed = results.Count - failed - pending;
            c.Stdout.WriteLine();
            c.Stdout.WriteLine($"{Count(results.Count, "case")}: {passed} passed, {failed} failed{(pending > 0 ? $", {pending} pending" : string.Empty)}");
            return failed > 0 ? CliApplication.InvalidInput : CliApplication.Success;
        }));
        return command;
    }

    public static Command Explain(AlertCommands.Context c, Option<string[]> data, Option<string> rules, Option<string> period, Option<string> revisions)
    {
        var area = new Option<string>("--area") { Description = "The area: its id (barking-and-dagenham), name or ONS code.", HelpName = "AREA", Required = true };
        var indicator = new Option<string>("--indicator") { Description = "The indicator: its id (theft-of-motor-vehicle) or name.", HelpName = "ID", Required = true };
        var rule = new Option<string>("--rule") { Description = "Explain this rule only (default: every rule).", HelpName = "ID" };
        var command = new Command("explain", "For one indicator in one area and month, show each rule's condition, the figures it read, whether it fired, and what would flip it.")
        {
            data, area, indicator, period, rule, rules, revisions,
        };
        command.SetAction(parse => CliApplication.Guard(c.Stderr, () =>
        {
            // Loaded without the run's log: the warnings that matter are those about this indicator, printed below.
            var engine = ExceptionEngine.Load(parse.GetValue(rules) ?? c.Settings.RulesPath, null, c.BaseDirectory, c.Settings.RuleLimits, c.Settings.ConfigurationLimits)
                .WithDatasetLimits(c.Settings.DatasetLimits);
            var target = RuleExplainer.ResolveIndicator(engine.Configuration, parse.GetValue(indicator)!);
            var areas = engine.ResolveAreas([parse.GetValue(area)!]);
            var month = parse.GetValue(period) is { } text
                ? Period.TryParse(text, out var p) ? p : throw new UsageException($"invalid --period '{text}': expected YYYY-MM, e.g. 2016-12", CliApplication.BadUsage)
                : (Period?)null;
            var run = engine.Prepare(new EvaluationRequest(parse.GetValue(data)!)
            {
                Areas = [areas[0].Id],
                Period = month,
                Revisions = parse.GetValue(revisions) == "newest" ? Ingest.RevisionPolicy.Newest : Ingest.RevisionPolicy.Refuse,
            });
            var explanation = RuleExplainer.Explain(engine, run, target, areas[0], parse.GetValue(rule));
            foreach (var warning in run.Warnings.Where(w => w.Message.Contains(target.Name, StringComparison.Ordinal) || w.Message.Contains(target.Id, StringComparison.Ordinal)))
            {
                c.Stderr.WriteLine($"warning: {warning.Message}");
            }

            Print(c.Stdout, explanation);
            return CliApplication.Success;
        }));
        return command;
    }

    private static void Print(TextWriter o, RuleTestResult result, CspConfiguration configuration)
    {
        var test = result.Case;
        var (status, note) = result.Outcome switch
        {
            RuleTestOutcome.Passed => ("pass", string.Empty),
            RuleTestOutcome.Failed => ("FAIL", string.Empty),
            RuleTestOutcome.Pending => ("pending", $" (pending: {test.Pending})"),
            _ => ("PASSES", " (marked pending, but it passes now: remove its 'pending')"),
        };
        o.WriteLine($"  {status,-8}{test.Name}{note}");
        if (result.Outcome is not (RuleTestOutcome.Failed or RuleTestOutcome.Pending))
        {
            return;
        }

        var indicator = configuration.FindIndicator(test.Indicator)?.Name ?? test.Indicator;
        var area = configuration.FindArea(test.Area)?.Name ?? test.Area;
        o.WriteLine($"{Indent}{test.Location}: {indicator} in {area}, {test.Period.ToDisplayString()}");
        foreach (var problem in result.Problems)
        {
            o.WriteLine($"{Indent}- {problem}");
        }

        o.WriteLine($"{Indent}expected: {(test.Expect.Count == 0 ? "nothing to fire" : string.Join(", ", test.Expect.Select(Expected)))}");
        o.WriteLine($"{Indent}fired:    {(result.Actual.Count == 0 ? "nothing" : string.Join(", ", result.Actual.Select(Fired)))}");
        foreach (var reading in result.Read.Where(r => test.Rules.Count > 0 || r.Figures.Count > 0 && Involved(r.Rule, result)))
        {
            o.WriteLine($"{Indent}{reading.Rule} read {Figures(reading.Figures)}");
            o.WriteLine($"{Indent}  when: {reading.When}");
        }
    }

    /// <summary>Whether a rule is worth listing the figures of for a case that checks every rule: one expected or fired.</summary>
    private static bool Involved(string rule, RuleTestResult result) =>
        result.Case.Expect.Any(e => e.Rule == rule) || result.Actual.Any(f => f.Rule == rule);

    private static string Expected(ExpectedFiring e)
    {
        var details = new List<string>();
        if (e.Rag is { } rag)
        {
            details.Add(Names.Of(rag));
        }

        if (e.Escalate is { } escalate)
        {
            details.Add(escalate ? "to the PMG" : "not to the PMG");
        }

        return details.Count == 0 ? e.Rule : $"{e.Rule} ({string.Join(", ", details)})";
    }

    private static string Fired(RuleFiring f) =>
        $"{f.Rule} ({(f.Rag is { } rag ? Names.Of(rag) : "monitor only")}{(f.Escalate ? ", to the PMG" : string.Empty)})";

    private static string Figures(IReadOnlyList<FigureRead> figures) =>
        figures.Count == 0 ? "no figures" : string.Join(", ", figures.Select(f => $"{f.Measure} {RuleTestRunner.Show(f.Value)}"));

    /// <summary>Rules without a case in which they fire, or without one in which they do not.</summary>
    private static IEnumerable<string> Coverage(ExceptionEngine engine, IReadOnlyList<RuleTestResult> results)
    {
        foreach (var rule in engine.Rules.Rules.Select(r => r.Definition.Id))
        {
            var checking = results.Where(r => r.Case.Rules.Count == 0 || r.Case.Rules.Contains(rule, StringComparer.Ordinal)).ToList();
            var fires = checking.Any(r => r.Case.Expect.Any(e => e.Rule == rule));
            var silent = checking.Any(r => r.Case.Expect.All(e => e.Rule != rule));
            if (!fires || !silent)
            {
                yield return $"rule '{rule}' has no test case in which it {(!fires && !silent ? "fires, nor one in which it does not" : !fires ? "fires" : "does not fire")}";
            }
        }
    }

    private static void Print(TextWriter o, ItemExplanation e)
    {
        var f = e.Fact;
        o.WriteLine($"{e.Indicator.Name} in {e.Area.Name}, {e.Period.ToDisplayString()} ({Names.Of(e.Indicator.Polarity)}, {Names.Of(e.Indicator.Unit)})");
        o.WriteLine($"  {Summary(e.Indicator, f, e.Period)}");
        var fired = e.Rules.Count(r => r.Verdict == RuleVerdict.Fired);
        var applies = e.Rules.Count(r => r.Verdict is not (RuleVerdict.NotSelected or RuleVerdict.MonitorOnly or RuleVerdict.MissingFigure or RuleVerdict.InsufficientHistory));
        o.WriteLine($"  {Count(e.Rules.Count, "rule")}: {fired} fired, {applies - fired} did not, {e.Rules.Count - applies} {(e.Rules.Count - applies == 1 ? "does" : "do")} not apply");
        foreach (var rule in e.Rules)
        {
            o.WriteLine();
            var definition = rule.Rule.Definition;
            var verdict = rule.Verdict switch
            {
                RuleVerdict.Fired => $"FIRED, {(rule.Firing!.Rag is { } rag ? Names.Of(rag) : "monitor only")}{(rule.Firing.Escalate ? ", to the PMG" : ", not to the PMG")}",
                RuleVerdict.DidNotFire => "did not fire",
                RuleVerdict.NotSelected or RuleVerdict.MonitorOnly or RuleVerdict.MissingFigure or RuleVerdict.InsufficientHistory => rule.Reason!,
                _ => $"did not fire: {rule.Reason}",
            };
            o.WriteLine($"{definition.Id}: {verdict}");
            if (!rule.Applies)
            {
                continue;
            }

            o.WriteLine($"    condition: {definition.When}{(definition.For > 1 ? $"  (for {definition.For} months in a row)" : string.Empty)}");
            o.WriteLine($"    read:      {Figures(rule.Figures)}");
            if (rule.Firing is { } firing)
            {
                o.WriteLine($"    message:   {firing.Message}");
            }

            if (rule.Threshold is { } threshold)
            {
                o.WriteLine($"    flips:     {threshold}");
            }
        }
    }

    /// <summary>The item's main figures in one line, as the exceptions table gives them.</summary>
    private static string Summary(Indicator indicator, Fact f, Period period)
    {
        var parts = new List<string>();
        var value = f.Value is double v ? v.ToString("#,0.##", CultureInfo.InvariantCulture) : "n/a";
        if (indicator.Unit == IndicatorUnit.Count)
        {
            parts.Add($"{value} in the 12 months to {period.ToDisplayString()}" + (f.Previous is double p ? $", {p.ToString("#,0.##", CultureInfo.InvariantCulture)} the year before" : string.Empty));
        }
        else
        {
            parts.Add($"{value} in {period.ToDisplayString()}" + (f.Previous is double p ? $", {p.ToString("#,0.##", CultureInfo.InvariantCulture)} a year before" : string.Empty));
        }

        if (f.ChangePct is double change)
        {
            parts.Add($"change {change.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)}%");
        }

        if (f.Rate is double rate)
        {
            parts.Add($"rate {rate.ToString("0.00", CultureInfo.InvariantCulture)} per 1,000");
        }

        if (f.LondonChangePct is double london)
        {
            parts.Add($"London {london.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)}%");
        }
        else if (f.LondonValue is double londonValue)
        {
            parts.Add($"London {londonValue.ToString("#,0.##", CultureInfo.InvariantCulture)}");
        }

        if (f.Ytd is double ytd)
        {
            parts.Add($"year to date {ytd.ToString("#,0.##", CultureInfo.InvariantCulture)}" + (f.YtdTarget is double t ? $" against a target of {t.ToString("#,0.#", CultureInfo.InvariantCulture)}" : string.Empty));
        }

        return string.Join("; ", parts);
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? string.Empty : "s")}";
}

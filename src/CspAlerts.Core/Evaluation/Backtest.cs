using CspAlerts.Model;

namespace CspAlerts.Evaluation;

/// <summary>What to backtest: the datasets, the months from and to (inclusive), and optionally the areas.</summary>
/// <param name="Data">Dataset files or folders.</param>
public sealed record BacktestRequest(IReadOnlyList<string> Data, Period From, Period To)
{
    /// <summary>Areas as <see cref="EvaluationRequest.Areas"/> takes them; the default is the partnership's own areas.</summary>
    public IReadOnlyList<string>? Areas { get; init; }

    /// <summary>How revised figures are treated, as <see cref="EvaluationRequest.Revisions"/>.</summary>
    public Ingest.RevisionPolicy Revisions { get; init; } = Ingest.RevisionPolicy.Refuse;
}

/// <summary>A rule as a backtest reports it: its id and description, and whether each rule set has it.</summary>
public sealed record BacktestRule(string Id, string Description, int For, bool InBase, bool InCompared);

/// <summary>
/// How often each rule would have fired in each month of a backtest, over the areas asked for.
/// Counts are items (indicator × area) a rule fired on, indexed [month offset from <see cref="From"/>, rule].
/// A rule with <c>for: N</c> is counted only in the months its condition held in N months in a row,
/// as <c>evaluate</c> and the alert lifecycle fire it; a green rule is not counted on an item a red
/// or amber rule fired on, as <c>evaluate</c> drops it.
/// </summary>
public sealed record BacktestResult(
    Period From,
    Period To,
    Period DataFirst,
    Period DataLast,
    IReadOnlyList<Area> Areas,
    IReadOnlyList<BacktestRule> Rules,
    int[,] Counts,
    IReadOnlyList<RunWarning> Warnings)
{
    /// <summary>The compared rule set's counts, with the same indexing; null without a comparison.</summary>
    public int[,]? Compared { get; init; }

    /// <summary>Items the compared rule set fires on that the base does not, per month and rule; null without a comparison.</summary>
    public int[,]? Gained { get; init; }

    /// <summary>Items the base fires on that the compared rule set does not, per month and rule; null without a comparison.</summary>
    public int[,]? Lost { get; init; }

    /// <summary>The number of months from <see cref="From"/> to <see cref="To"/>.</summary>
    public int Months => To.Index - From.Index + 1;

    /// <summary>The month at an offset from <see cref="From"/>.</summary>
    public Period MonthAt(int offset) => From.AddMonths(offset);
}

/// <summary>
/// The backtest use case: every month from–to evaluated with the rules as <c>evaluate</c> would,
/// counting the items each rule fires on; with a second rule set, the items gained and lost per rule
/// and month. The datasets are loaded and the measures computed once per rule set.
/// </summary>
public static class Backtest
{
    /// <summary>Runs the backtest; reports each month done to <paramref name="progress"/>.</summary>
    /// <exception cref="EvaluationRejectedException">The range is reversed, or the data has no month in it (the message names what the data covers).</exception>
    public static BacktestResult Run(ExceptionEngine engine, BacktestRequest request, ExceptionEngine? compareWith = null, IProgress<Period>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(request);
        if (request.To < request.From)
        {
            throw new EvaluationRejectedException(
                $"the backtest range is reversed: --from {request.From} ({request.From.ToDisplayString()}) is after --to {request.To} ({request.To.ToDisplayString()})");
        }

        var evaluation = new EvaluationRequest(request.Data) { Areas = request.Areas, Revisions = request.Revisions };
        var run = engine.Prepare(evaluation);
        var table = run.Table;
        if (request.To < table.First || request.From > table.Last)
        {
            throw new EvaluationRejectedException(
                $"no data from {request.From.ToDisplayString()} to {request.To.ToDisplayString()}: the data covers {table.First.ToDisplayString()} to {table.Last.ToDisplayString()}");
        }

        var from = request.From < table.First ? table.First : request.From;
        var to = request.To > table.Last ? table.Last : request.To;
        var warnings = new List<RunWarning>();
        if (from != request.From || to != request.To)
        {
            warnings.Add(new RunWarning(
                RunWarning.InsufficientHistory,
                $"the data covers {table.First.ToDisplayString()} to {table.Last.ToDisplayString()}: the backtest runs from {from.ToDisplayString()} to {to.ToDisplayString()}, not {request.From.ToDisplayString()} to {request.To.ToDisplayString()}"));
        }

        var areaIds = run.Areas.Select(a => a.Id).ToList();
        var baseRules = engine.Rules.Rules.Select(r => r.Definition).ToList();
        var otherRules = compareWith?.Rules.Rules.Select(r => r.Definition).ToList() ?? [];
        var rules = Union(baseRules, otherRules, compareWith is not null);
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var months = to.Index - from.Index + 1;
        var counts = new int[months, rules.Count];
        var errors = new List<RuleError>();
        var evaluator = new RuleEvaluator(engine.Configuration, engine.Rules);

        if (compareWith is null)
        {
            for (var m = 0; m < months; m++)
            {
                var month = from.AddMonths(m);
                var one = evaluator.CountFirings(table, month, month, areaIds, errors);
                for (var r = 0; r < baseRules.Count; r++)
                {
                    counts[m, r] = one[0, r];
                }

                progress?.Report(month);
            }

            return new BacktestResult(from, to, table.First, table.Last, run.Areas, rules, counts, [.. warnings, .. RuleErrors(errors)]);
        }

        var otherRun = compareWith.Prepare(evaluation);
        var otherEvaluator = new RuleEvaluator(compareWith.Configuration, compareWith.Rules);
        var compared = new int[months, rules.Count];
        var gained = new int[months, rules.Count];
        var lost = new int[months, rules.Count];
        var otherAreas = otherRun.Areas.Select(a => a.Id).ToList();
        for (var m = 0; m < months; m++)
        {
            var month = from.AddMonths(m);
            var mine = Keys(evaluator.Evaluate(table, month, areaIds, errors));
            var theirs = Keys(otherEvaluator.Evaluate(otherRun.Table, month, otherAreas, errors));
            foreach (var key in mine)
            {
                var r = index[key.Rule];
                counts[m, r]++;
                if (!theirs.Contains(key))
                {
                    lost[m, r]++;
                }
            }

            foreach (var key in theirs)
            {
                var r = index[key.Rule];
                compared[m, r]++;
                if (!mine.Contains(key))
                {
                    gained[m, r]++;
                }
            }

            progress?.Report(month);
        }

        return new BacktestResult(from, to, table.First, table.Last, run.Areas, rules, counts, [.. warnings, .. RuleErrors(errors)])
        {
            Compared = compared,
            Gained = gained,
            Lost = lost,
        };
    }

    /// <summary>The base rules in their order, then those only the compared set has.</summary>
    private static List<BacktestRule> Union(List<RuleDefinition> mine, List<RuleDefinition> theirs, bool comparing)
    {
        var theirIds = theirs.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var mineIds = mine.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var rules = mine.Select(r => new BacktestRule(r.Id, r.Description, r.For, InBase: true, InCompared: comparing && theirIds.Contains(r.Id))).ToList();
        rules.AddRange(theirs.Where(r => !mineIds.Contains(r.Id)).Select(r => new BacktestRule(r.Id, r.Description, r.For, InBase: false, InCompared: true)));
        return rules;
    }

    private static HashSet<(string Rule, string Indicator, string Area)> Keys(IReadOnlyList<RuleFiring> firings) =>
        firings.Select(f => (f.Rule, f.Indicator, f.Area)).ToHashSet();

    /// <summary>Rule errors summed per rule: a backtest over years would otherwise say the same thing hundreds of times.</summary>
    private static IEnumerable<RunWarning> RuleErrors(List<RuleError> errors) =>
        errors.GroupBy(e => e.Rule, StringComparer.Ordinal).Select(g =>
            new RunWarning(RunWarning.RuleError, $"rule '{g.Key}' could not be evaluated {g.Count()} time(s) and was not counted there; the first: {g.First().Message}"));
}

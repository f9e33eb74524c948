using System.Diagnostics;
using System.Globalization;
using CspAlerts.Benchmarks;
using CspAlerts.Configuration;
using CspAlerts.Evaluation;
using CspAlerts.Ingest;
using CspAlerts.Measures;
using CspAlerts.Rules;
using RulesEngine.Models;

// Benchmarks that print their figures against the product's targets. Run from the repository root:
//   dotnet run --project tests/CspAlerts.Benchmarks -c Release [-- --quick]
// Ratios are measured in one run, on one machine, so they compare like with like. The last line is
// one JSON object holding the headline figures of the run (see Summary).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var quick = args.Contains("--quick");
var root = CspAlerts.Testing.RepositoryRoot.Find(Directory.GetCurrentDirectory());
var shipped = ConfigurationLoader.Load(Path.Combine(root, "rules"));
Report.Line($"CspAlerts benchmarks — {Environment.ProcessorCount} cores, .NET {Environment.Version}{(quick ? ", quick run" : string.Empty)}");

// 0. Cold start: the built command line evaluating the seeds, a new process each time. First, while
// this process holds nothing, so the national workload's heap does not weigh on the child processes.
double? coldStartMs = null;
if (ColdStart.Binary(root) is not { } cli)
{
    Report.Line("cold start: not measured; build the CLI first (dotnet build CspAlerts.sln -c Release)");
}
else
{
    try
    {
        var runs = quick ? 5 : 11;
        var coldTimes = ColdStart.Measure(cli, root, runs);
        coldStartMs = coldTimes[runs / 2];
        Report.Line($"cold start: {Path.GetRelativePath(root, cli)} {string.Join(' ', ColdStart.Arguments)}: median {coldStartMs:F0} ms (min {coldTimes[0]:F0}, max {coldTimes[^1]:F0}) over {runs} runs");
    }
    catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
    {
        Report.Line($"cold start: not measured; {ex.Message}");
    }
}

// 1. Ingest: the whole MPS historical file and the whole LFB file, as downloaded.
var loader = new DatasetLoader(shipped);
var mpsIngestMs = double.NaN;
foreach (var file in new[] { "mps_borough_crime_historical_201004-202201_oldcats.csv", "lfb_incidents_by_borough_type_monthly_201301-201807.csv" })
{
    var path = Path.Combine(root, "tests", "CspAlerts.Benchmarks", "data", file);
    loader.Load(path); // warm-up
    var times = new List<double>();
    Dataset? dataset = null;
    for (var i = 0; i < 7; i++)
    {
        var sw = Stopwatch.StartNew();
        dataset = loader.Load(path);
        times.Add(sw.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    if (file.StartsWith("mps_", StringComparison.Ordinal))
    {
        mpsIngestMs = times[3];
    }

    Report.Line($"ingest {file}: {dataset!.RowsRead:N0} rows → {dataset.Observations.Count:N0} observations; median {times[3]:F1} ms (min {times[0]:F1}, max {times[^1]:F1}) over 7 loads");
}

// 1b. police.uk street-level files: the Leicestershire months. The committed seeds hold 24 months as
// the download's zip; --police-uk PATH measures another folder or zip (e.g. the 35 months as published).
var policeUkPath = args.SkipWhile(a => a != "--police-uk").Skip(1).FirstOrDefault()
    ?? Path.Combine(root, "seeds-charnwood", "leicestershire-street-2020-11-to-2022-10.zip");
var (fewMonths, allMonths) = PoliceUkIngest.Measure(root, policeUkPath);
foreach (var r in new[] { fewMonths, allMonths })
{
    Report.Line($"ingest police.uk {Path.GetFileName(policeUkPath)} ({r.What}): {r.Files} month file(s), {r.Rows:N0} rows, {r.Bytes / 1048576.0:F1} MB on disk; " +
        $"{r.Seconds:F2} s ({r.CpuSeconds:F2} s CPU), {r.RowsPerSecond:N0} rows/s; " +
        $"heap after any collection at most {r.PeakHeapMb:F1} MB above the start; {r.AllocatedMb:N0} MB allocated and dropped in {r.Collections} gen-0 collections");
}

// All 43 forces' year on police.uk: about 7 million rows (some 6 million crimes, fraud not included,
// and about a million anti-social behaviour incidents; Greater Manchester published none from mid-2019).
const double NationalYearRows = 7_000_000;
Report.Line($"projection: all 43 forces' year (~{NationalYearRows:N0} rows) at {allMonths.RowsPerSecond:N0} rows/s takes about {NationalYearRows / allMonths.RowsPerSecond:F0} s on one core");

// 1c. The backtest use case end to end on the real MPS file: load, measures, and every rule for all 32
// boroughs and every indicator at every month of 2012–2021 (the product's target: under 2 s).
var mpsPath = Path.Combine(root, "tests", "CspAlerts.Benchmarks", "data", "mps_borough_crime_historical_201004-202201_oldcats.csv");
var mpsEngine = ExceptionEngine.Load(Path.Combine(root, "rules"));
var mpsRequest = new BacktestRequest([mpsPath], new CspAlerts.Model.Period(2012, 1), new CspAlerts.Model.Period(2021, 12)) { Areas = [EvaluationRequest.AllAreas] };
Backtest.Run(mpsEngine, mpsRequest); // warm-up
var mpsTimes = new List<double>();
BacktestResult? mpsBacktest = null;
for (var i = 0; i < 5; i++)
{
    var sw = Stopwatch.StartNew();
    mpsBacktest = Backtest.Run(mpsEngine, mpsRequest);
    mpsTimes.Add(sw.Elapsed.TotalSeconds);
}

mpsTimes.Sort();
var mpsFired = 0L;
foreach (var n in mpsBacktest!.Counts)
{
    mpsFired += n;
}

Report.Line($"backtest of the MPS file, {mpsBacktest.Areas.Count} areas, {mpsBacktest.From} to {mpsBacktest.To}, loaded, measured and evaluated: median {mpsTimes[2]:F2} s (min {mpsTimes[0]:F2}, max {mpsTimes[^1]:F2}) over 5 runs; {mpsFired:N0} items fired (target < 2 s)");

// 2. A synthetic national history evaluated with the shipped rules at every month, as a backtest does.
var areas = quick ? 60 : 350;
var indicators = quick ? 40 : 200;
const int months = 120;
var nationalFacts = (double)areas * indicators * months;
var national = NationalWorkload.Create(areas, indicators, months, shipped.Rules);
var rules = CompiledRuleSet.Compile(national.Rules, national.Measures);
Report.Line($"national workload: {areas} areas × {indicators} indicators × {months} months = {(long)areas * indicators * months:N0} facts; {rules.Rules.Count} shipped rules");

var before = GC.GetTotalAllocatedBytes();
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var clock = Stopwatch.StartNew();
var table = new MeasureCalculator(national).Compute(NationalWorkload.Observations(national, months));
var measuresSeconds = clock.Elapsed.TotalSeconds;
var measuresCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
GC.Collect();
var tableBytes = GC.GetTotalMemory(forceFullCollection: true);
Report.Line($"measures: {measuresSeconds:F2} s ({measuresCpu:F2} s CPU) for every series and month ({(long)areas * indicators * months / measuresSeconds:N0} facts/s); table holds {tableBytes / 1048576.0:F0} MB; {(GC.GetTotalAllocatedBytes() - before) / 1048576.0:F0} MB allocated");

var evaluator = new RuleEvaluator(national, rules);
var areaIds = national.Areas.Where(a => !a.IsAggregate).Select(a => a.Id).ToList();
cpu = Process.GetCurrentProcess().TotalProcessorTime;
clock.Restart();
var firings = evaluator.CountFirings(table, table.First, table.Last, areaIds);
var backtestSeconds = clock.Elapsed.TotalSeconds;
var backtestCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
long fired = 0;
foreach (var n in firings)
{
    fired += n;
}

var applicable = national.Indicators.ToDictionary(i => i.Id, i => rules.Rules.Where(r => r.Definition.AppliesTo.Matches(i, r.Definition.Rag is not null)).ToArray());
var checksPerMonth = areaIds.Count * national.Indicators.Sum(i => applicable[i.Id].Length);
Report.Line($"backtest (every fact read, every rule run, every month): {backtestSeconds:F2} s ({backtestCpu:F2} s CPU), {nationalFacts / backtestSeconds:N0} facts/s, {(double)checksPerMonth * months / backtestSeconds:N0} fact×rule checks/s end to end; {fired:N0} firings");
// The backtest builds no fact: rules read each series in place, month by month, and only the
// measures they name are worked out. Building every fact instead, as `measures` prints them, is what
// the backtest did before; it is not measured here, as it would only add its garbage to the peak.
Report.Line($"national backtest end to end (measures, then every rule run on every fact): {measuresSeconds + backtestSeconds:F2} s (target < 4 s)");
Report.Line($"peak working set so far, after the national backtest: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");

// 3. The rule stage alone, three ways over the same prebuilt facts of the latest month.
var handWritten = HandWrittenRules.For(rules);
var facts = new List<(RuleFact View, CompiledRule[] Rules, Func<RuleFact, bool>[] Hand)>();
foreach (var area in areaIds)
{
    foreach (var fact in table.FactsFor(area, table.Last))
    {
        var indicator = national.FindIndicator(fact.Indicator)!;
        var applying = applicable[indicator.Id];
        facts.Add((new RuleFact(fact, indicator, national.Measures), applying, applying.Select(r => handWritten[r]).ToArray()));
    }
}

var checks = facts.Sum(f => f.Rules.Length);
var repeat = quick ? 20 : 40;

var projectRate = Report.Rate(repeat, checks, () =>
{
    var n = 0;
    foreach (var (view, applying, _) in facts)
    {
        foreach (var rule in applying)
        {
            if (rule.Holds(view))
            {
                n++;
            }
        }
    }

    return n;
});

var handRate = Report.Rate(repeat, checks, () =>
{
    var n = 0;
    foreach (var (view, _, predicates) in facts)
    {
        foreach (var predicate in predicates)
        {
            if (predicate(view))
            {
                n++;
            }
        }
    }

    return n;
});

// RulesEngine's own entry point, per fact: a workflow of the same (sandbox-rewritten) conditions.
var workflow = new Workflow
{
    WorkflowName = "shipped",
    Rules = rules.Rules.Select(r => new Rule { RuleName = r.Definition.Id, Expression = r.Expression, RuleExpressionType = RuleExpressionType.LambdaExpression }).ToList(),
};
var engine = new RulesEngine.RulesEngine([workflow], new ReSettings { CustomTypes = [typeof(RuleFact)], IsExpressionCaseSensitive = false });
var sample = facts.Take(quick ? 2_000 : 10_000).ToList();
await engine.ExecuteAllRulesAsync("shipped", new RuleParameter("fact", sample[0].View)); // compile and warm up
clock.Restart();
long engineChecks = 0;
foreach (var (view, _, _) in sample)
{
    var results = await engine.ExecuteAllRulesAsync("shipped", new RuleParameter("fact", view));
    engineChecks += results.Count;
}

var engineRate = engineChecks / clock.Elapsed.TotalSeconds;
Report.Line($"rule stage, latest month, {facts.Count:N0} facts, {checks:N0} fact×rule checks:");
Report.Line($"  CspAlerts (RulesEngine-parsed, compiled once): {projectRate:N0} checks/s");
Report.Line($"  hand-written C# predicates:                    {handRate:N0} checks/s");
Report.Line($"  RulesEngine ExecuteAllRulesAsync per fact:     {engineRate:N0} checks/s ({sample.Count:N0} facts, every rule each)");
Report.Line($"  CspAlerts / hand-written = {projectRate / handRate:F2} (target ≥ 0.5); CspAlerts / ExecuteAllRulesAsync = {projectRate / engineRate:F0}×");

GC.KeepAlive(table);
var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
Report.Line($"peak working set: {peakMb:F0} MB (target < 1024 MB for the national backtest)");

var summary = new Summary
{
    EvalFactsRulesPerSec = Math.Round(projectRate),
    HandWrittenFactsRulesPerSec = Math.Round(handRate),
    RulesEngineFactsRulesPerSec = Math.Round(engineRate),
    RatioToHandWritten = Math.Round(projectRate / handRate, 3),
    MeasuresFactsPerSec = Math.Round(nationalFacts / measuresSeconds),
    BacktestFactsPerSec = Math.Round(nationalFacts / backtestSeconds),
    NationalBacktestSeconds = Math.Round(measuresSeconds + backtestSeconds, 2),
    MpsBacktestSeconds = Math.Round(mpsTimes[2], 3),
    MpsIngestMs = Math.Round(mpsIngestMs, 1),
    PeakMemoryMb = Math.Round(peakMb),
    ColdStartMs = coldStartMs is { } ms ? Math.Round(ms) : null,
    PoliceUkRowsPerSec = Math.Round(allMonths.RowsPerSecond),
    PoliceUkPeakHeapMb = Math.Round(allMonths.PeakHeapMb, 1),
};
Report.Line(summary.ToJson());

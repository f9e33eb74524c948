using CspAlerts.Configuration;
using CspAlerts.Diagnostics;
using CspAlerts.Ingest;
using CspAlerts.Measures;
using CspAlerts.Model;
using CspAlerts.Rules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CspAlerts.Evaluation;

/// <summary>
/// The run as one use case every host calls (the command line, the service, the tests): resolve the
/// areas, load the datasets, compute the measures, pick the month, evaluate the rules and group the
/// exceptions into items, saying out loud anything that makes a figure less than it seems.
/// </summary>
public sealed class ExceptionEngine
{
    private readonly ILogger _logger;
    private readonly string? _baseDirectory;
    private RuleEvaluator? _evaluator;

    /// <summary>How large and how many of everything a dataset may hold; <see cref="DatasetLimits.Default"/> unless a host sets it.</summary>
    public DatasetLimits DatasetLimits { get; private set; } = DatasetLimits.Default;

    /// <summary>Sets the dataset limits every later load uses, e.g. raised by a host's settings.</summary>
    public ExceptionEngine WithDatasetLimits(DatasetLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        DatasetLimits = limits;
        return this;
    }

    private ExceptionEngine(CspConfiguration configuration, CompiledRuleSet rules, ILogger? logger, string? baseDirectory)
    {
        Configuration = configuration;
        Rules = rules;
        _logger = logger ?? NullLogger.Instance;
        _baseDirectory = baseDirectory;
    }

    public CspConfiguration Configuration { get; }

    public CompiledRuleSet Rules { get; }

    /// <summary>
    /// Loads and checks the rules folder and compiles every rule. Throws <see cref="ConfigurationRejectedException"/>
    /// with every error (YAML, schema, references and conditions alike) in file order.
    /// </summary>
    /// <param name="baseDirectory">Where relative paths (the rules folder, datasets) are read from; the working folder when null. Errors name paths as given.</param>
    /// <param name="limits">How long and deep a rule condition or message format may be; <see cref="RuleLimits.Default"/> when null.</param>
    /// <param name="configurationLimits">How large the rule files may be and how far their settings may go; <see cref="ConfigurationLimits.Default"/> when null.</param>
    public static ExceptionEngine Load(
        string rulesDirectory, ILogger? logger = null, string? baseDirectory = null, RuleLimits? limits = null, ConfigurationLimits? configurationLimits = null) =>
        Load(ConfigurationLoader.Read(rulesDirectory, baseDirectory, configurationLimits), logger, baseDirectory, limits);

    /// <summary>Loads a configuration given as text sources (an upload, a test), with the same checks as a folder.</summary>
    public static ExceptionEngine Load(IEnumerable<ConfigurationSource> sources, ILogger? logger = null, string? baseDirectory = null, RuleLimits? limits = null) =>
        Load(ConfigurationLoader.Read(sources), logger, baseDirectory, limits);

    private static ExceptionEngine Load(ConfigurationReadResult read, ILogger? logger, string? baseDirectory, RuleLimits? limits)
    {
        // Conditions are compiled even when other files have errors, so every error shows in one run.
        var errors = new List<ConfigError>(read.Errors);
        var rules = CompiledRuleSet.Compile(read.Configuration.Rules, read.Configuration.Measures, errors, limits);
        if (errors.Count > 0)
        {
            throw new ConfigurationRejectedException(ConfigurationRejectedException.InFileOrder(errors));
        }

        return new ExceptionEngine(read.Configuration, rules, logger, baseDirectory);
    }

    /// <summary>Loads datasets (files or folders) atomically; throws <see cref="DatasetRejectedException"/> with every error.</summary>
    /// <param name="cache">Files read before and unchanged since are taken from it; see <see cref="DatasetCache"/>.</param>
    public ObservationSet LoadData(IEnumerable<string> paths, RevisionPolicy revisions = RevisionPolicy.Refuse, DatasetCache? cache = null) =>
        new DatasetLoader(Configuration, _baseDirectory, DatasetLimits) { Cache = cache }.LoadAll(paths, revisions);

    /// <summary>Loads datasets handed in as streams, atomically, as <see cref="LoadData(IEnumerable{string}, RevisionPolicy, DatasetCache)"/> does files.</summary>
    public ObservationSet LoadData(IEnumerable<DatasetSource> sources, RevisionPolicy revisions = RevisionPolicy.Refuse) =>
        new DatasetLoader(Configuration, _baseDirectory, DatasetLimits).LoadAll(sources, revisions);

    public FactTable ComputeMeasures(ObservationSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new MeasureCalculator(Configuration).Compute(data.All);
    }

    /// <summary>
    /// Resolves area labels (ids, names, ONS codes or aliases, as the data files accept them) to
    /// areas, before any data is loaded. An unknown label is refused with the list of valid ids.
    /// </summary>
    public IReadOnlyList<Area> ResolveAreas(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var areas = new List<Area>();
        foreach (var label in labels)
        {
            if (Configuration.AreaNames.Resolve(label, out var id) != AreaLabelKind.Area || Configuration.FindArea(id!) is not { } area)
            {
                throw new EvaluationRejectedException(
                    $"unknown area '{label}'{RuleExplainer.Suggest(label, Configuration.Areas.Select(a => a.Id))}: use an id, a name or an ONS code; the ids are {string.Join(", ", Configuration.Areas.Select(a => a.Id))}");
            }

            if (!areas.Contains(area))
            {
                areas.Add(area);
            }
        }

        return areas;
    }

    /// <summary>
    /// Resolves an indicator by its id or its name, ignoring case, before any data is loaded. An
    /// unknown one is refused with the list of valid ids.
    /// </summary>
    public Indicator ResolveIndicator(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var trimmed = label.Trim();
        return Configuration.FindIndicator(trimmed)
            ?? Configuration.Indicators.FirstOrDefault(i => string.Equals(i.Id, trimmed, StringComparison.OrdinalIgnoreCase) || string.Equals(i.Name, trimmed, StringComparison.OrdinalIgnoreCase))
            ?? throw new EvaluationRejectedException(
                $"unknown indicator '{label}': use an id or a name; the ids are {string.Join(", ", Configuration.Indicators.Select(i => i.Id))}");
    }

    /// <summary>Everything up to the rules: areas checked, data loaded, measures computed, the month chosen, warnings gathered.</summary>
    public PreparedRun Prepare(EvaluationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var everyArea = request.Areas is { } labels && labels.Contains(EvaluationRequest.AllAreas, StringComparer.OrdinalIgnoreCase);
        var requested = everyArea ? null
            : request.Areas is { } named ? ResolveAreas(named)
            : Configuration.Partnership is { } partnership ? ResolveAreas(partnership.Areas)
            : null;
        var data = request.Sources is { } sources ? LoadData(sources, request.Revisions) : LoadData(request.Data, request.Revisions, request.Cache);
        foreach (var dataset in data.Datasets.Where(_ => _logger.IsEnabled(LogLevel.Information)))
        {
            var skipped = SkippedText(dataset);
            Log.Loaded(_logger, dataset.File, dataset.Format, dataset.RowsRead, dataset.Observations.Count, skipped);
        }

        var table = ComputeMeasures(data);
        var period = ResolvePeriod(request.Period, table);
        var areas = requested ?? [.. table.Areas.Where(a => !a.IsAggregate)];
        var warnings = new List<RunWarning>();
        warnings.AddRange(data.Notices.Select(n => new RunWarning(RunWarning.SuppliedInPlace, n.ToString())));
        if (data.Revisions.Count > 0)
        {
            warnings.Add(new RunWarning(
                RunWarning.Revisions,
                $"revisions: {data.Revisions.Count} figure(s) replaced by a newer release; the largest: {data.Revisions.Largest}"));
        }

        warnings.AddRange(StreetCoverage.Warnings(data.Datasets));
        warnings.AddRange(DataCoverage.HistoryWarnings(table, period, areas));
        warnings.AddRange(DataCoverage.PopulationWarnings(Configuration, table, period, areas));
        warnings.AddRange(DataCoverage.PopulationBasisWarnings(table, period, areas));
        foreach (var warning in warnings)
        {
            Log.Warning(_logger, warning.Message);
        }

        return new PreparedRun(period, areas, data.Datasets, warnings, table);
    }

    /// <summary>The whole run: <see cref="Prepare"/>, then every rule for every indicator of each area at the month.</summary>
    public EvaluationResult Evaluate(EvaluationRequest request)
    {
        var run = Prepare(request);
        var errors = new List<RuleError>();
        var firings = WithThresholds((_evaluator ??= new RuleEvaluator(Configuration, Rules)).Evaluate(run.Table, run.Period, run.Areas.Select(a => a.Id), errors));
        if (errors.Count > 0)
        {
            // A condition that cannot be worked out for one item is said, and the rest of the run stands.
            var warnings = run.Warnings.Concat(errors.Select(e => new RunWarning(RunWarning.RuleError, e.Message))).ToList();
            foreach (var error in errors)
            {
                Log.Warning(_logger, error.Message);
            }

            run = run with { Warnings = warnings };
        }

        var items = Item.Group(firings, Configuration);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var month = run.Period.ToDisplayString();
            Log.Evaluated(_logger, Rules.Rules.Count, run.Areas.Count, month, items.Count, firings.Count);
        }

        return new EvaluationResult(run.Period, run.Areas, run.Datasets, run.Warnings, firings, items, run.Table);
    }

    public IReadOnlyList<RuleFiring> Evaluate(FactTable table, Period period, IEnumerable<string> areas) =>
        (_evaluator ??= new RuleEvaluator(Configuration, Rules)).Evaluate(table, period, areas);

    /// <summary>Adds to each firing what would clear it, from its rule's condition and its facts.</summary>
    private List<RuleFiring> WithThresholds(IReadOnlyList<RuleFiring> firings)
    {
        var rules = Rules.Rules.ToDictionary(r => r.Definition.Id, StringComparer.Ordinal);
        return [.. firings.Select(f => rules.TryGetValue(f.Rule, out var rule) && Configuration.FindIndicator(f.Indicator) is { } indicator
            ? f with { Clears = Threshold.Explain(rule, new RuleFact(f.Facts, indicator, Configuration.Measures)) }
            : f)];
    }

    private static Period ResolvePeriod(Period? requested, FactTable table)
    {
        if (table.IsEmpty)
        {
            throw new EvaluationRejectedException("the datasets hold no observations");
        }

        if (requested is not { } period)
        {
            return table.Last;
        }

        if (!table.Contains(period))
        {
            throw new EvaluationRejectedException(
                $"no data for {period.ToDisplayString()} ({period}): the data covers {table.First.ToDisplayString()} to {table.Last.ToDisplayString()}");
        }

        return period;
    }

    private static string SkippedText(Dataset dataset)
    {
        var text = dataset.SkippedLabels.Count == 0
            ? string.Empty
            : "; skipped " + string.Join(", ", dataset.SkippedLabels.Select(s => $"{s.Value} row(s) labelled '{s.Key.Trim()}'"));
        foreach (var month in dataset.StreetMonths)
        {
            text += $"; {month.Force} {month.Period.ToDisplayString()}: {month.NoLsoa:N0} row(s) with no LSOA, " +
                $"{month.OutsideAreas.Values.Sum():N0} outside every configured area, {month.OtherForces.Values.Sum():N0} in other forces' areas, none of them counted";
        }

        return text;
    }
}

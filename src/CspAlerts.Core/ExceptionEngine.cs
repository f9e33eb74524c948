using CspAlerts.Configuration;
using CspAlerts.Diagnostics;
using CspAlerts.Evaluation;
using CspAlerts.Ingest;
using CspAlerts.Measures;
using CspAlerts.Model;
using CspAlerts.Rules;

namespace CspAlerts;

/// <summary>
/// The pipeline up to the exceptions, composed once for every host: configuration and compiled
/// rules from <c>rules/</c>, datasets through the one loader, measures, then rule evaluation.
/// </summary>
public sealed class ExceptionEngine
{
    private ExceptionEngine(CspConfiguration configuration, CompiledRuleSet rules)
    {
        Configuration = configuration;
        Rules = rules;
    }

    public CspConfiguration Configuration { get; }

    public CompiledRuleSet Rules { get; }

    /// <summary>Loads and checks the rules folder; throws <see cref="ConfigurationRejectedException"/> with every error.</summary>
    public static ExceptionEngine Load(string rulesDirectory)
    {
        var configuration = ConfigurationLoader.Load(rulesDirectory);
        return new ExceptionEngine(configuration, CompiledRuleSet.Compile(configuration.Rules));
    }

    /// <summary>Loads datasets (files or folders) atomically; throws <see cref="DatasetRejectedException"/> with every error.</summary>
    public ObservationSet LoadData(IEnumerable<string> paths) => new DatasetLoader(Configuration).LoadAll(paths);

    public FactTable ComputeMeasures(ObservationSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new MeasureCalculator(Configuration).Compute(data.All);
    }

    /// <summary>The areas evaluated by default: every area with data that is not an aggregate.</summary>
    public static IReadOnlyList<string> DefaultAreas(FactTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Areas.Where(a => !a.IsAggregate).Select(a => a.Id).ToList();
    }

    public IReadOnlyList<ExceptionItem> Evaluate(FactTable table, Period period, IEnumerable<string> areas) =>
        new RuleEvaluator(Configuration, Rules).Evaluate(table, period, areas);
}

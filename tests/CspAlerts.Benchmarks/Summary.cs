using System.Text.Json;
using System.Text.Json.Serialization;

namespace CspAlerts.Benchmarks;

/// <summary>
/// The figures of one run, printed as the last line: one JSON object, so a script can keep a history
/// of runs. Rates are per second; <c>FactsRules</c> rates count fact×rule checks.
/// </summary>
internal sealed record Summary
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The project's compiled conditions over prebuilt facts of the latest month.</summary>
    public required double EvalFactsRulesPerSec { get; init; }

    /// <summary>The same checks as hand-written C# predicates.</summary>
    public required double HandWrittenFactsRulesPerSec { get; init; }

    /// <summary>The same conditions through RulesEngine's <c>ExecuteAllRulesAsync</c>, one call per fact.</summary>
    public required double RulesEngineFactsRulesPerSec { get; init; }

    /// <summary>The project's rate over the hand-written rate (the product's target is at least 0.5).</summary>
    public required double RatioToHandWritten { get; init; }

    /// <summary>Facts (area × indicator × month) whose measures are computed per second.</summary>
    public required double MeasuresFactsPerSec { get; init; }

    /// <summary>Facts per second in the backtest: areas × indicators × months over the seconds it took to build every fact and run every rule.</summary>
    public required double BacktestFactsPerSec { get; init; }

    /// <summary>The national backtest end to end: the measures, then every rule run on every fact at every month.</summary>
    public required double NationalBacktestSeconds { get; init; }

    /// <summary>The median time of the backtest use case over the MPS file: all 32 boroughs, every indicator, 2012–2021, loaded, measured and evaluated.</summary>
    public required double MpsBacktestSeconds { get; init; }

    /// <summary>The median time to load the whole MPS historical file.</summary>
    public required double MpsIngestMs { get; init; }

    /// <summary>The peak working set of this process.</summary>
    public required double PeakMemoryMb { get; init; }

    /// <summary>The median wall time of the built CLI evaluating the seeds, or null when it is not built.</summary>
    public required double? ColdStartMs { get; init; }

    /// <summary>Rows per second loading the police.uk street-level months (the seeds' 24 Leicestershire months unless --police-uk names others).</summary>
    public double? PoliceUkRowsPerSec { get; init; }

    /// <summary>How far the managed heap, measured after each garbage collection, rose above its start while those months loaded.</summary>
    public double? PoliceUkPeakHeapMb { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Options);
}

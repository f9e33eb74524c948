using CspAlerts.Ingest;
using CspAlerts.Measures;
using CspAlerts.Model;

namespace CspAlerts.Evaluation;

/// <summary>What to evaluate: the datasets, and optionally the month, the areas and how to treat revised figures.</summary>
/// <param name="Data">Dataset files or folders.</param>
public sealed record EvaluationRequest(IReadOnlyList<string> Data)
{
    /// <summary>Datasets handed in as streams (an upload, an inbox); when set, they are read instead of <see cref="Data"/>.</summary>
    public IReadOnlyList<DatasetSource>? Sources { get; init; }

    /// <summary>
    /// What happens when two releases give different figures for the same month. The default,
    /// <see cref="RevisionPolicy.Refuse"/>, rejects the data naming both files; <see cref="RevisionPolicy.Newest"/>
    /// lets the newer release's figures win and reports how many were revised.
    /// </summary>
    public RevisionPolicy Revisions { get; init; } = RevisionPolicy.Refuse;

    /// <summary>
    /// Dataset files read before and unchanged since are taken from here rather than read again: a
    /// host that evaluates the same files again and again (the service's inbox) keeps one. None when null.
    /// </summary>
    public DatasetCache? Cache { get; init; }

    /// <summary>The month to evaluate. The default is the latest month in the data.</summary>
    public Period? Period { get; init; }

    /// <summary>
    /// Areas by id, name, ONS code or any alias the data files use, or <see cref="AllAreas"/>. The
    /// default is the partnership's own areas; with no partnership configured, every area with data
    /// that is not an aggregate.
    /// </summary>
    public IReadOnlyList<string>? Areas { get; init; }

    /// <summary>The label that asks for every area with data that is not an aggregate, whoever the partnership is.</summary>
    public const string AllAreas = "all";
}

/// <summary>The datasets loaded, the measures computed and the month and areas chosen: everything but the rules.</summary>
public sealed record PreparedRun(
    Period Period,
    IReadOnlyList<Area> Areas,
    IReadOnlyList<Dataset> Datasets,
    IReadOnlyList<RunWarning> Warnings,
    FactTable Table);

/// <summary>The outcome of a run: the month, the areas, what was loaded, what the reader must be told, and the exceptions.</summary>
/// <param name="Exceptions">Every rule that fired, by area, catalogue order of indicators, then rule order.</param>
/// <param name="Items">The same firings grouped into one item per indicator × area, each with one overall rating.</param>
public sealed record EvaluationResult(
    Period Period,
    IReadOnlyList<Area> Areas,
    IReadOnlyList<Dataset> Datasets,
    IReadOnlyList<RunWarning> Warnings,
    IReadOnlyList<RuleFiring> Exceptions,
    IReadOnlyList<Item> Items,
    FactTable Table);

/// <summary>A request the data cannot answer: an unknown area, a month outside the data, no data at all.</summary>
public sealed class EvaluationRejectedException : Exception
{
    public EvaluationRejectedException(string message)
        : base(message)
    {
    }

    public EvaluationRejectedException()
    {
    }

    public EvaluationRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

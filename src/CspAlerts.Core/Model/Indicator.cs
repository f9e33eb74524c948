using CspAlerts.Diagnostics;

namespace CspAlerts.Model;

/// <summary>Which direction of change is good for an indicator.</summary>
public enum Polarity
{
    LowerIsBetter,
    HigherIsBetter,

    /// <summary>Reported and ranked for information, never RAG rated.</summary>
    Monitor,
}

/// <summary>What an indicator's monthly values count.</summary>
public enum IndicatorUnit
{
    /// <summary>Monthly counts; measures roll them up over twelve months.</summary>
    Count,

    /// <summary>A rate already per population; taken as given each period.</summary>
    Rate,

    /// <summary>A percentage; taken as given each period.</summary>
    Percent,
}

/// <summary>One MPS category: a major text and, optionally, the minor texts under it (null means all of them).</summary>
public sealed record MpsCategory(string Major, IReadOnlyList<string>? Minors);

/// <summary>Where an indicator's figures come from in each source format.</summary>
/// <param name="MpsOld">MPS categories under the old Title Case classification.</param>
/// <param name="MpsNew">MPS categories under the new UPPER CASE classification.</param>
/// <param name="Lfb">LFB callout types summed into this indicator.</param>
public sealed record IndicatorSources(
    IReadOnlyList<MpsCategory> MpsOld,
    IReadOnlyList<MpsCategory> MpsNew,
    IReadOnlyList<string> Lfb)
{
    public static IndicatorSources None { get; } = new([], [], []);

    /// <summary>police.uk street-level crime types counted into this indicator, e.g. <c>Burglary</c>.</summary>
    public IReadOnlyList<string> PoliceUk { get; init; } = [];
}

/// <summary>An entry of the indicator catalogue.</summary>
public sealed record Indicator(
    string Id,
    string Name,
    string Group,
    IReadOnlyList<string> Strategies,
    Polarity Polarity,
    IndicatorUnit Unit,
    string Lead,
    IReadOnlyList<string> Tags,
    IndicatorSources Sources,
    SourceLocation Location)
{
    public bool IsMonitor => Polarity == Polarity.Monitor;
}

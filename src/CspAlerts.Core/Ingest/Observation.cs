using CspAlerts.Model;

namespace CspAlerts.Ingest;

/// <summary>Where a figure was read: the file and its 1-based line.</summary>
public sealed record SourceRef(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>
/// Figures a partner supplies ready-made in a canonical file. A figure supplied is used as given;
/// one not supplied is derived where the data allows.
/// </summary>
public sealed record SuppliedFigures(
    double? Previous = null,
    double? ChangePct = null,
    double? Target = null,
    double? Ytd = null,
    double? YtdTarget = null,
    int? MsgRank = null,
    int? MsgSize = null,
    int? MetRank = null,
    int? MetSize = null,
    double? LondonValue = null,
    double? EnglandValue = null,
    string? Note = null)
{
    public static SuppliedFigures None { get; } = new();

    public bool IsEmpty => this == None;
}

/// <summary>One indicator × area × month figure read from a dataset.</summary>
/// <param name="Value">The monthly value; null on a row that only supplies ready-made figures.</param>
public sealed record Observation(
    string Indicator,
    string Area,
    Period Period,
    double? Value,
    SuppliedFigures Supplied,
    SourceRef Source);

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
    double? LondonValue = null,
    double? EnglandValue = null,
    string? Note = null)
{
    // Declared before None, which reads it when it is built.
    private static readonly IReadOnlyDictionary<string, int> Empty = new Dictionary<string, int>();

    public static SuppliedFigures None { get; } = new();

    /// <summary>
    /// Ranks and group sizes supplied for peer groups, by canonical column (<c>msg_rank</c>,
    /// <c>msg_size</c>; one pair for each configured peer group). Empty when none are supplied.
    /// </summary>
    public IReadOnlyDictionary<string, int> Ranks { get; init; } = Empty;

    /// <summary>True when nothing is supplied; most observations carry <see cref="None"/> itself, which is checked first.</summary>
    public bool IsEmpty => ReferenceEquals(this, None) || Equals(None);

    /// <summary>Equal when every figure is, the supplied ranks compared by content.</summary>
    public bool Equals(SuppliedFigures? other) =>
        other is not null
        && (Previous, ChangePct, Target, Ytd, YtdTarget, LondonValue, EnglandValue, Note) ==
           (other.Previous, other.ChangePct, other.Target, other.Ytd, other.YtdTarget, other.LondonValue, other.EnglandValue, other.Note)
        && Ranks.Count == other.Ranks.Count
        && Ranks.All(r => other.Ranks.TryGetValue(r.Key, out var v) && v == r.Value);

    public override int GetHashCode() => HashCode.Combine(Previous, ChangePct, Target, Ytd, YtdTarget, LondonValue, EnglandValue, Ranks.Count);

    /// <summary>The rank and size supplied for a peer group, when both are.</summary>
    public (int Rank, int Size)? RankIn(string groupId) =>
        Ranks.TryGetValue(MeasureCatalogue.ColumnOf(groupId, "rank"), out var rank) && Ranks.TryGetValue(MeasureCatalogue.ColumnOf(groupId, "size"), out var size)
            ? (rank, size)
            : null;
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

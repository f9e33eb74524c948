using CspAlerts.Diagnostics;

namespace CspAlerts.Model;

/// <summary>
/// A set of areas ranked against each other. Either one fixed list (<c>met</c>: the 32 boroughs) or
/// a list per area (<c>msg</c>: each area's Most Similar Group).
/// </summary>
public sealed record PeerGroup(
    string Id,
    string Name,
    IReadOnlyList<string> Members,
    IReadOnlyDictionary<string, IReadOnlyList<string>> PerArea,
    SourceLocation Location)
{
    public bool IsPerArea => Members.Count == 0;

    /// <summary>
    /// True for the police force area group: each area's peers are the areas of its force, and the
    /// force measures (<c>forceChangePct</c>, <c>forceRate</c>, <c>forceRank</c>, ...) are read from it.
    /// </summary>
    public bool IsForce { get; init; }

    /// <summary>The peers an area is ranked among (itself included), or empty when it is not in the group.</summary>
    public IReadOnlyList<string> PeersOf(string areaId)
    {
        if (!IsPerArea)
        {
            return Members.Contains(areaId, StringComparer.Ordinal) ? Members : [];
        }

        return PerArea.TryGetValue(areaId, out var peers) ? peers : [];
    }
}

using CspAlerts.Diagnostics;

namespace CspAlerts.Model;

/// <summary>A place measures are computed for: a borough, an aggregate such as <c>london</c>, or another area.</summary>
/// <param name="Id">Slug id, e.g. <c>barking-and-dagenham</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="OnsCode">ONS code, e.g. <c>E09000002</c>, when the area has one.</param>
/// <param name="Aliases">Other labels source files use for this area.</param>
/// <param name="Population">Mid-year population by calendar year.</param>
/// <param name="SumOf">For an aggregate area, the peer group whose members it is the sum of; null otherwise.</param>
public sealed record Area(
    string Id,
    string Name,
    string? OnsCode,
    IReadOnlyList<string> Aliases,
    IReadOnlyDictionary<int, long> Population,
    string? SumOf,
    SourceLocation Location)
{
    public bool IsAggregate => SumOf is not null;

    /// <summary>The police force area the area is in, as the configuration names it (e.g. <c>Leicestershire</c>); null when not given.</summary>
    public string? Force { get; init; }

    /// <summary>The population in a calendar year, or null when it is not known.</summary>
    public long? PopulationIn(int year) => Population.TryGetValue(year, out var p) ? p : null;
}

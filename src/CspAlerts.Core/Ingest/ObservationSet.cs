using System.Globalization;
using CspAlerts.Diagnostics;
using CspAlerts.Model;

namespace CspAlerts.Ingest;

/// <summary>
/// Several datasets merged: one observation per indicator × area × month. A value from one dataset
/// and ready-made figures from another combine field by field; two datasets that give the same
/// field the same figure agree, and two that give different figures are an error.
/// </summary>
public sealed class ObservationSet
{
    private readonly Dictionary<(string Indicator, string Area), Observation[]> _series;
    private readonly Dictionary<(string Indicator, string Area, Period Period), Observation> _byKey;

    private ObservationSet(IReadOnlyList<Dataset> datasets, IEnumerable<Observation> merged)
    {
        Datasets = datasets;
        _byKey = merged.ToDictionary(o => (o.Indicator, o.Area, o.Period));
        _series = _byKey.Values
            .GroupBy(o => (o.Indicator, o.Area))
            .ToDictionary(g => g.Key, g => g.OrderBy(o => o.Period).ToArray());
        Keys = [.. _series.Keys.OrderBy(k => k.Indicator, StringComparer.Ordinal).ThenBy(k => k.Area, StringComparer.Ordinal)];
        LatestPeriod = _byKey.Count == 0 ? null : _byKey.Keys.Max(k => k.Period);
    }

    /// <summary>An empty set, as from no datasets.</summary>
    public static ObservationSet Empty { get; } = new([], []);

    /// <summary>The datasets merged, in the order they were loaded.</summary>
    public IReadOnlyList<Dataset> Datasets { get; }

    /// <summary>Every indicator × area with at least one observation, ordered by indicator then area.</summary>
    public IReadOnlyList<(string Indicator, string Area)> Keys { get; }

    /// <summary>Every merged observation, ordered by indicator, area and period.</summary>
    public IEnumerable<Observation> All => Keys.SelectMany(k => _series[k]);

    public int Count => _byKey.Count;

    /// <summary>The latest month any observation is for, or null when the set is empty.</summary>
    public Period? LatestPeriod { get; }

    /// <summary>The observations for an indicator in an area, ordered by period; empty when there are none.</summary>
    public IReadOnlyList<Observation> Series(string indicator, string area) =>
        _series.TryGetValue((indicator, area), out var series) ? series : [];

    /// <summary>The observation for an indicator, area and month, or null.</summary>
    public Observation? Find(string indicator, string area, Period period) =>
        _byKey.GetValueOrDefault((indicator, area, period));

    /// <summary>Merges datasets already loaded; throws <see cref="DatasetRejectedException"/> listing every conflict.</summary>
    public static ObservationSet From(IEnumerable<Dataset> datasets)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        var errors = new List<DataError>();
        var set = Merge([.. datasets], errors);
        return errors.Count > 0 ? throw new DatasetRejectedException(errors) : set;
    }

    /// <summary>Merges datasets, adding an error for each conflicting figure.</summary>
    internal static ObservationSet Merge(IReadOnlyList<Dataset> datasets, List<DataError> errors)
    {
        // Most keys come from one dataset only; a merge is built just for those that collide.
        var firsts = new Dictionary<(string, string, Period), Observation>();
        var merges = new Dictionary<(string, string, Period), ObservationMerge>();
        foreach (var observation in datasets.SelectMany(d => d.Observations))
        {
            var key = (observation.Indicator, observation.Area, observation.Period);
            if (firsts.TryAdd(key, observation))
            {
                continue;
            }

            if (!merges.TryGetValue(key, out var merge))
            {
                merge = new ObservationMerge(firsts[key]);
                merges.Add(key, merge);
            }

            merge.Add(observation, errors);
        }

        return new ObservationSet(datasets, firsts.Select(f => merges.TryGetValue(f.Key, out var m) ? m.Result : f.Value));
    }

    /// <summary>A figure as error text: numbers as written, notes quoted.</summary>
    internal static string Format(object figure) => figure switch
    {
        string s => $"'{s}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => figure.ToString() ?? string.Empty,
    };
}

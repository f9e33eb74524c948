using System.Globalization;
using CspAlerts.Diagnostics;
using CspAlerts.Model;

namespace CspAlerts.Ingest;

/// <summary>
/// Several datasets merged: one observation per indicator × area × month. A value from one dataset
/// and ready-made figures from another combine field by field; two datasets that give the same
/// field the same figure agree. Two that give different figures are an error, or under
/// <see cref="RevisionPolicy.Newest"/> a revision: the newer release's figure is kept and the
/// change reported in <see cref="Revisions"/>.
/// </summary>
public sealed class ObservationSet
{
    private readonly Dictionary<(string Indicator, string Area), Observation[]> _series;
    /// <summary>Each merged observation by its key, with the dataset its first figure came from (used only while merging).</summary>
    private readonly Dictionary<(string Indicator, string Area, Period Period), (Observation Observation, int Dataset)> _byKey;

    /// <param name="merged">The merged observations: the merge's own table, kept rather than copied, so a large set is held once.</param>
    private ObservationSet(
        IReadOnlyList<Dataset> datasets, Dictionary<(string Indicator, string Area, Period Period), (Observation Observation, int Dataset)> merged, RevisionSummary revisions)
    {
        Datasets = datasets;
        Notices = [.. datasets.SelectMany(d => d.Notices)];
        Revisions = revisions;
        _byKey = merged;
        _series = _byKey.Values
            .Select(v => v.Observation)
            .GroupBy(o => (o.Indicator, o.Area))
            .ToDictionary(g => g.Key, g => g.OrderBy(o => o.Period).ToArray());
        Keys = [.. _series.Keys.OrderBy(k => k.Indicator, StringComparer.Ordinal).ThenBy(k => k.Area, StringComparer.Ordinal)];
        LatestPeriod = _byKey.Count == 0 ? null : _byKey.Keys.Max(k => k.Period);
    }

    /// <summary>An empty set, as from no datasets.</summary>
    public static ObservationSet Empty { get; } = new([], [], RevisionSummary.None);

    /// <summary>The datasets merged, in the order they were loaded.</summary>
    public IReadOnlyList<Dataset> Datasets { get; }

    /// <summary>
    /// The notices of every dataset merged, dataset by dataset in the order loaded: what they do
    /// that is allowed but should be heard of, such as figures for London that replace the total
    /// computed from the boroughs. A host prints each as a warning.
    /// </summary>
    public IReadOnlyList<DatasetNotice> Notices { get; }

    /// <summary>Every indicator × area with at least one observation, ordered by indicator then area.</summary>
    public IReadOnlyList<(string Indicator, string Area)> Keys { get; }

    /// <summary>Every merged observation, ordered by indicator, area and period.</summary>
    public IEnumerable<Observation> All => Keys.SelectMany(k => _series[k]);

    public int Count => _byKey.Count;

    /// <summary>The figures newer releases revised, under <see cref="RevisionPolicy.Newest"/>; none under <see cref="RevisionPolicy.Refuse"/>.</summary>
    public RevisionSummary Revisions { get; }

    /// <summary>The latest month any observation is for, or null when the set is empty.</summary>
    public Period? LatestPeriod { get; }

    /// <summary>The observations for an indicator in an area, ordered by period; empty when there are none.</summary>
    public IReadOnlyList<Observation> Series(string indicator, string area) =>
        _series.TryGetValue((indicator, area), out var series) ? series : [];

    /// <summary>The observation for an indicator, area and month, or null.</summary>
    public Observation? Find(string indicator, string area, Period period) =>
        _byKey.TryGetValue((indicator, area, period), out var found) ? found.Observation : null;

    /// <summary>Merges datasets already loaded; throws <see cref="DatasetRejectedException"/> listing every conflict.</summary>
    /// <param name="datasets">The datasets, in the order given: under <see cref="RevisionPolicy.Newest"/> it breaks a tie between two releases with the same latest month.</param>
    /// <param name="revisions">What to do when two datasets give one figure differently; see <see cref="RevisionPolicy"/>.</param>
    public static ObservationSet From(IEnumerable<Dataset> datasets, RevisionPolicy revisions = RevisionPolicy.Refuse)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        var errors = new List<DataError>();
        var set = Merge([.. datasets], revisions, errors, DatasetLimits.Default.MaxErrorsPerFile);
        return errors.Count > 0 ? throw new DatasetRejectedException(errors) : set;
    }

    /// <summary>
    /// Merges datasets, adding an error for each conflicting figure the policy refuses: at most
    /// <paramref name="maxErrorsPerFile"/> for each file, then how many more, file by file in the order found.
    /// </summary>
    internal static ObservationSet Merge(IReadOnlyList<Dataset> datasets, RevisionPolicy revisions, List<DataError> errors, int maxErrorsPerFile)
    {
        if (!Enum.IsDefined(revisions))
        {
            throw new ArgumentOutOfRangeException(nameof(revisions), revisions, "unknown revision policy");
        }

        // Under Newest the datasets are merged oldest release first, so each later figure is the newer.
        var order = Enumerable.Range(0, datasets.Count);
        if (revisions == RevisionPolicy.Newest)
        {
            order = order.OrderBy(d => datasets[d].Observations.Count == 0 ? (Period?)null : datasets[d].Observations.Max(o => o.Period)).ToList();
        }

        // Most keys come from one dataset only; a merge is built just for those that collide.
        // Sized once for every observation: grown by doubling, a table of a million keys is briefly held twice.
        var firsts = new Dictionary<(string, string, Period), (Observation Observation, int Dataset)>(datasets.Sum(d => d.Observations.Count));
        var merges = new Dictionary<(string, string, Period), ObservationMerge>();
        var revised = new List<(Revision Revision, int Field)>();
        var conflicts = new List<FileErrors>();
        void Report(DataError error)
        {
            var file = conflicts.Find(f => f.File == error.File);
            if (file is null)
            {
                file = new FileErrors(error.File, maxErrorsPerFile);
                conflicts.Add(file);
            }

            file.Add(error);
        }

        foreach (var d in order)
        {
            foreach (var observation in datasets[d].Observations)
            {
                var key = (observation.Indicator, observation.Area, observation.Period);
                if (firsts.TryAdd(key, (observation, d)))
                {
                    continue;
                }

                if (!merges.TryGetValue(key, out var merge))
                {
                    var first = firsts[key];

                    // Overlapping releases mostly repeat a month's figures as they were: agreeing in
                    // every field changes nothing a merge would keep (the first source stays).
                    if (SameFigures(first.Observation, observation))
                    {
                        continue;
                    }

                    merge = new ObservationMerge(first.Observation, first.Dataset);
                    merges.Add(key, merge);
                }

                merge.Add(observation, d, revisions, Report, revised);
            }
        }

        foreach (var file in conflicts)
        {
            errors.AddRange(file.InOrderFound());
        }

        var summary = revised.Count == 0 ? RevisionSummary.None : new RevisionSummary([.. revised
            .OrderBy(r => r.Revision.Indicator, StringComparer.Ordinal)
            .ThenBy(r => r.Revision.Area, StringComparer.Ordinal)
            .ThenBy(r => r.Revision.Period)
            .ThenBy(r => r.Field)
            .Select(r => r.Revision)]);
        foreach (var (key, merge) in merges)
        {
            firsts[key] = (merge.Result, firsts[key].Dataset);
        }

        return new ObservationSet(datasets, firsts, summary);
    }

    /// <summary>True when two observations give every figure alike, as a merge compares them (a boxed double's Equals).</summary>
    private static bool SameFigures(Observation a, Observation b) =>
        Nullable.Equals(a.Value, b.Value) && (ReferenceEquals(a.Supplied, b.Supplied) || a.Supplied.Equals(b.Supplied));

    /// <summary>A figure as error text: numbers as written, notes quoted.</summary>
    internal static string Format(object figure) => figure switch
    {
        string s => $"'{Shown.Of(s)}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => figure.ToString() ?? string.Empty,
    };
}

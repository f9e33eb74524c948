using CspAlerts.Model;

namespace CspAlerts.Ingest;

/// <summary>
/// Which indicators an MPS (major, minor) category feeds under one classification. Names match
/// ignoring case and surrounding spaces; a category without minors takes every minor of its major,
/// and major <c>*</c> takes every row.
/// </summary>
internal sealed class MpsCategoryMap
{
    private readonly (string Major, HashSet<string>? Minors)[][] _categories;

    public MpsCategoryMap(IEnumerable<Indicator> catalogue, Func<IndicatorSources, IReadOnlyList<MpsCategory>> classification)
    {
        Indicators = catalogue.Where(i => classification(i.Sources).Count > 0).ToArray();
        _categories = Indicators
            .Select(i => classification(i.Sources)
                .Select(c => (Normalise(c.Major), c.Minors is null ? null : c.Minors.Select(Normalise).ToHashSet(StringComparer.Ordinal)))
                .ToArray())
            .ToArray();
    }

    /// <summary>The indicators mapped under this classification, in catalogue order.</summary>
    public IReadOnlyList<Indicator> Indicators { get; }

    /// <summary>Indexes into <see cref="Indicators"/> of the indicators a row of this category feeds, each once.</summary>
    public int[] IndicatorsFor(string major, string minor)
    {
        major = Normalise(major);
        minor = Normalise(minor);
        var result = new List<int>();
        for (var i = 0; i < _categories.Length; i++)
        {
            foreach (var (catMajor, catMinors) in _categories[i])
            {
                if (catMajor == "*" || (catMajor == major && (catMinors is null || catMinors.Contains(minor))))
                {
                    result.Add(i);
                    break;
                }
            }
        }

        return [.. result];
    }

    /// <summary>The form two category names share when they match.</summary>
    public static string Normalise(string name) => name.Trim().ToUpperInvariant();
}

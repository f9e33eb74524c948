using CspAlerts.Model;

namespace CspAlerts.Measures;

/// <summary>The computed measures of every series over a range of months; facts are built on request.</summary>
public sealed class FactTable
{
    private readonly CspConfiguration _config;
    private readonly Dictionary<(string Indicator, string Area), SeriesMeasures> _series;
    private readonly Dictionary<string, SeriesMeasures[]> _byArea;
    private readonly PopulationTable _populations;

    internal FactTable(
        CspConfiguration config,
        Period first,
        Period last,
        Dictionary<(string Indicator, string Area), SeriesMeasures> series,
        PopulationTable populations)
    {
        _config = config;
        First = first;
        Last = last;
        _series = series;
        _populations = populations;
        var order = config.Indicators.Select((indicator, i) => (indicator.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _byArea = series.Values
            .GroupBy(s => s.Area.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => order[s.Indicator.Id]).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The first month of data.</summary>
    public Period First { get; }

    /// <summary>The latest month of data: the default period to evaluate.</summary>
    public Period Last { get; }

    public bool IsEmpty => _series.Count == 0;

    /// <summary>Areas with data, in configuration order.</summary>
    public IEnumerable<Area> Areas => _config.Areas.Where(a => _byArea.ContainsKey(a.Id));

    internal static FactTable Empty(CspConfiguration config) => new(config, default, default, [], new PopulationTable(config));

    /// <summary>
    /// The aggregate area an area is compared with (London, for the boroughs) and how many members
    /// it sums, as the configuration has them; null for an area in no aggregate.
    /// </summary>
    public (Area Aggregate, int Members)? ComparatorOf(string areaId)
    {
        foreach (var aggregate in _config.Areas.Where(a => a.IsAggregate))
        {
            var members = _config.FindPeerGroup(aggregate.SumOf!)?.Members ?? [];
            if (members.Contains(areaId, StringComparer.Ordinal))
            {
                return (aggregate, members.Count);
            }
        }

        return null;
    }

    public bool Contains(Period period) => !IsEmpty && period >= First && period <= Last;

    /// <summary>The fact for an indicator in an area at a month, or null when there is no data for it then.</summary>
    public Fact? Find(string indicator, string area, Period period)
    {
        if (!Contains(period) || !_series.TryGetValue((indicator, area), out var s))
        {
            return null;
        }

        var t = Offset(period);
        return s.HasDataAt(t) ? Build(s, t) : null;
    }

    /// <summary>Every fact for an area at a month, in catalogue order.</summary>
    public IEnumerable<Fact> FactsFor(string area, Period period)
    {
        if (!Contains(period))
        {
            yield break;
        }

        var t = Offset(period);
        var reading = Reading();
        foreach (var s in SeriesOf(area))
        {
            if (s.HasDataAt(t))
            {
                yield return reading.MoveTo(s, t).ToFact();
            }
        }
    }

    internal int Offset(Period period) => period.Index - First.Index;

    /// <summary>An area's series in catalogue order.</summary>
    internal IReadOnlyList<SeriesMeasures> SeriesOf(string area) => _byArea.GetValueOrDefault(area) ?? [];

    /// <summary>The whole fact of a series at month offset t.</summary>
    internal Fact Build(SeriesMeasures s, int t) => Reading().MoveTo(s, t).ToFact();

    /// <summary>A reading to move along this table's series: one per worker, as it is not thread-safe.</summary>
    internal SeriesReading Reading() => new(_config, _populations, First);

    /// <summary>
    /// The XmR chart of an indicator in an area at a month, with every point classified: the figures
    /// the <c>spc</c> measures come from. Null when the month has no figure or fewer than 12
    /// consecutive months end at it.
    /// </summary>
    public SpcChart? SpcChartOf(string indicator, string area, Period period)
    {
        if (!Contains(period) || !_series.TryGetValue((indicator, area), out var s))
        {
            return null;
        }

        var (start, length) = SeriesReading.SpcWindow(s, Offset(period));
        return length == 0 ? null : StatisticalProcessControl.Chart(s.Monthly.AsSpan(start, length), s.Indicator.Polarity, s.Indicator.Unit);
    }
}

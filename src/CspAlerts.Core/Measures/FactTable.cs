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
        foreach (var s in SeriesOf(area))
        {
            if (s.HasDataAt(t))
            {
                yield return Build(s, t);
            }
        }
    }

    internal int Offset(Period period) => period.Index - First.Index;

    /// <summary>An area's series in catalogue order.</summary>
    internal IReadOnlyList<SeriesMeasures> SeriesOf(string area) => _byArea.GetValueOrDefault(area) ?? [];

    internal Fact Build(SeriesMeasures s, int t)
    {
        var period = First.AddMonths(t);
        var supplied = s.SuppliedAt(t);
        var isCount = s.Indicator.Unit == IndicatorUnit.Count;
        var london = s.London;
        double? londonChange = isCount && london is not null ? Known(london.ChangePct[t]) : null;
        var londonValue = supplied?.LondonValue ?? (!isCount && london is not null ? Known(london.Value[t]) : null);
        var value = Known(s.Value[t]);
        var previous = Known(s.PreviousAt(t));
        var target = _config.FindTarget(s.Indicator.Id, s.Area.Id, period);
        var annual = target?.Annual ?? target?.Profile?[^1] ?? supplied?.Target;
        var ytdTarget = supplied?.YtdTarget
            ?? target?.YearToDateAt(period)
            ?? (supplied?.Target is double a ? a * period.FinancialMonth / 12.0 : null);

        var londonRate = isCount && london is not null ? Known(_populations.RateOf(london.Area, period.Year, london.Value[t])) : null;
        var force = isCount ? s.Force : null;
        var rate = isCount && value is double v ? Known(_populations.RateOf(s.Area, period.Year, v)) : null;
        return new Fact(
            s.Indicator.Id,
            s.Area.Id,
            period,
            value,
            previous,
            value - previous,
            Known(s.ChangePct[t]),
            rate,
            londonChange,
            londonValue,
            supplied?.EnglandValue,
            Known(s.Ytd[t]),
            ytdTarget,
            annual,
            PeersAt(s, t, supplied),
            Spc(s, t),
            Known(s.Monthly[t]))
        {
            LondonRate = londonRate,
            ForceChangePct = force is null ? null : Known(force.ChangePct[t]),
            ForceRate = force is null ? null : Known(PopulationTable.RateOf(force.ForceMembers!, period.Year, force.Value[t])),
            History = s.History[t],
            ChangeP = isCount ? SmallNumbers.ChangeP(previous, value) : null,
            LondonRateZ = isCount ? SmallNumbers.FunnelZ(rate, londonRate, _populations.Of(s.Area, period.Year)) : null,
        };
    }

    private Dictionary<string, PeerPosition> PeersAt(SeriesMeasures s, int t, Ingest.SuppliedFigures? supplied)
    {
        var peers = new Dictionary<string, PeerPosition>(StringComparer.Ordinal);
        for (var g = 0; g < _config.PeerGroups.Count; g++)
        {
            var groupId = _config.PeerGroups[g].Id;
            var own = supplied?.RankIn(groupId);
            var (suppliedRank, suppliedSize) = (own?.Rank, own?.Size);

            var computed = s.Peers[g];
            var changeRank = Rank(computed?.ChangeRank[t]);
            var rateRank = Rank(computed?.RateRank[t]);
            int changeSize = computed?.ChangeSize[t] ?? 0;
            int rateSize = computed?.RateSize[t] ?? 0;
            if (suppliedRank is null && changeRank is null && rateRank is null)
            {
                continue;
            }

            int? rank;
            int size;
            string basis;
            if (suppliedRank is int r && suppliedSize is int n)
            {
                (rank, size, basis) = (r, n, PeerPosition.Supplied);
            }
            else if (rateRank is not null)
            {
                (rank, size, basis) = (rateRank, rateSize, PeerPosition.ByRate);
            }
            else
            {
                (rank, size, basis) = (changeRank, changeSize, PeerPosition.ByChange);
            }

            peers[groupId] = new PeerPosition(
                size,
                changeRank,
                PeerPosition.QuartileOf(changeRank, changeSize),
                rateRank,
                PeerPosition.QuartileOf(rateRank, rateSize),
                rank,
                PeerPosition.QuartileOf(rank, size),
                basis);
        }

        return peers;
    }

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

        var (start, length) = SpcWindow(s, Offset(period));
        return length == 0 ? null : StatisticalProcessControl.Chart(s.Monthly.AsSpan(start, length), s.Indicator.Polarity, s.Indicator.Unit);
    }

    /// <summary>SPC over the monthly values of up to 24 months ending at the month, with no gaps.</summary>
    private static SpcResult? Spc(SeriesMeasures s, int t)
    {
        var (start, length) = SpcWindow(s, t);
        return length == 0 ? null : StatisticalProcessControl.Evaluate(s.Monthly.AsSpan(start, length), s.Indicator.Polarity, s.Indicator.Unit);
    }

    /// <summary>The months SPC charts at t: up to 24 consecutive months with a value, ending at t (none when t has no value).</summary>
    private static (int Start, int Length) SpcWindow(SeriesMeasures s, int t)
    {
        if (double.IsNaN(s.Monthly[t]))
        {
            return (t, 0);
        }

        var start = t;
        while (start > 0 && t - start + 1 < StatisticalProcessControl.DefaultWindow && !double.IsNaN(s.Monthly[start - 1]))
        {
            start--;
        }

        return (start, t - start + 1);
    }

    private static double? Known(double value) => double.IsNaN(value) ? null : value;

    private static int? Rank(short? rank) => rank is > 0 ? rank : null;
}

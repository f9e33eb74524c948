using CspAlerts.Configuration;
using CspAlerts.Ingest;

namespace CspAlerts.Measures;

/// <summary>The computed measures of every series over a range of months; facts are built on request.</summary>
public sealed class FactTable
{
    private readonly CspConfiguration _config;
    private readonly Dictionary<(string Indicator, string Area), SeriesMeasures> _series;

    internal FactTable(CspConfiguration config, Period first, Period last, Dictionary<(string Indicator, string Area), SeriesMeasures> series)
    {
        _config = config;
        First = first;
        Last = last;
        _series = series;
    }

    /// <summary>The first month of data.</summary>
    public Period First { get; }

    /// <summary>The latest month of data: the default period to evaluate.</summary>
    public Period Last { get; }

    public bool IsEmpty => _series.Count == 0;

    /// <summary>Areas with data, in configuration order.</summary>
    public IEnumerable<Area> Areas =>
        _config.Areas.Where(a => _series.Keys.Any(k => k.Area == a.Id));

    internal static FactTable Empty(CspConfiguration config) => new(config, default, default, []);

    public bool Contains(Period period) => !IsEmpty && period >= First && period <= Last;

    /// <summary>The fact for an indicator in an area at a month, or null when there is no data for it then.</summary>
    public Fact? Find(string indicator, string area, Period period)
    {
        if (!Contains(period) || !_series.TryGetValue((indicator, area), out var s))
        {
            return null;
        }

        var t = period.Index - First.Index;
        return s.HasDataAt(t) ? Build(s, t, period) : null;
    }

    /// <summary>Every fact for an area at a month, in catalogue order.</summary>
    public IEnumerable<Fact> FactsFor(string area, Period period)
    {
        foreach (var indicator in _config.Indicators)
        {
            if (Find(indicator.Id, area, period) is { } fact)
            {
                yield return fact;
            }
        }
    }

    private Fact Build(SeriesMeasures s, int t, Period period)
    {
        var supplied = s.Supplied[t];
        var isCount = s.Indicator.Unit == IndicatorUnit.Count;
        var london = s.London;
        double? londonChange = isCount && london is not null ? Known(london.ChangePct[t]) : null;
        var londonValue = supplied?.LondonValue ?? (!isCount && london is not null ? Known(london.Value[t]) : null);
        var value = Known(s.Value[t]);
        var previous = Known(s.Previous[t]);

        return new Fact(
            s.Indicator.Id,
            s.Area.Id,
            period,
            value,
            previous,
            value - previous,
            Known(s.ChangePct[t]),
            Known(s.Rate[t]),
            londonChange,
            londonValue,
            supplied?.EnglandValue,
            Known(s.Ytd[t]),
            Known(s.YtdTarget[t]),
            Known(s.Target[t]),
            PeersAt(s, t, supplied),
            Spc(s, t),
            Known(s.Monthly[t]));
    }

    private Dictionary<string, PeerPosition> PeersAt(SeriesMeasures s, int t, SuppliedFigures? supplied)
    {
        var peers = new Dictionary<string, PeerPosition>(StringComparer.Ordinal);
        foreach (var group in _config.PeerGroups)
        {
            var (suppliedRank, suppliedSize) = group.Id switch
            {
                "msg" => (supplied?.MsgRank, supplied?.MsgSize),
                "met" => (supplied?.MetRank, supplied?.MetSize),
                _ => (null, null),
            };

            s.Peers.TryGetValue(group.Id, out var computed);
            var changeRank = Rank(computed?.ChangeRank[t]);
            var rateRank = Rank(computed?.RateRank[t]);
            var changeSize = computed?.ChangeSize[t] ?? 0;
            var rateSize = computed?.RateSize[t] ?? 0;
            if (suppliedRank is null && changeRank is null && rateRank is null)
            {
                continue;
            }

            int? rank;
            int size;
            if (suppliedRank is int r && suppliedSize is int n)
            {
                (rank, size) = (r, n);
            }
            else if (rateRank is not null)
            {
                (rank, size) = (rateRank, rateSize);
            }
            else
            {
                (rank, size) = (changeRank, changeSize);
            }

            peers[group.Id] = new PeerPosition(
                size,
                changeRank,
                PeerPosition.QuartileOf(changeRank, changeSize),
                rateRank,
                PeerPosition.QuartileOf(rateRank, rateSize),
                rank,
                PeerPosition.QuartileOf(rank, size));
        }

        return peers;
    }

    /// <summary>SPC over the monthly values of up to 24 months ending at the month, with no gaps.</summary>
    private static SpcResult? Spc(SeriesMeasures s, int t)
    {
        var start = t;
        while (start > 0 && t - start + 1 < StatisticalProcessControl.DefaultWindow && !double.IsNaN(s.Monthly[start - 1]))
        {
            start--;
        }

        if (double.IsNaN(s.Monthly[t]))
        {
            return null;
        }

        return StatisticalProcessControl.Evaluate(s.Monthly.AsSpan(start, t - start + 1), s.Indicator.Polarity);
    }

    private static double? Known(double value) => double.IsNaN(value) ? null : value;

    private static int? Rank(int? rank) => rank is > 0 ? rank : null;
}

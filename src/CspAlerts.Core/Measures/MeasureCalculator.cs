using CspAlerts.Configuration;
using CspAlerts.Ingest;

namespace CspAlerts.Measures;

/// <summary>
/// Computes the measures of SPEC §5 for every indicator × area × month in a set of observations:
/// rolling twelve months, previous, change, rate, year to date, peer ranks and the London comparison.
/// Each series is computed in one pass; ranking costs a sort per indicator, group and month.
/// </summary>
public sealed class MeasureCalculator(CspConfiguration config)
{
    /// <summary>Peer ranks need at least this share of the group's members to have a value.</summary>
    private const double MinimumPeerCoverage = 0.5;

    public FactTable Compute(IEnumerable<Observation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var list = observations as IReadOnlyCollection<Observation> ?? observations.ToList();
        if (list.Count == 0)
        {
            return FactTable.Empty(config);
        }

        var first = list.Min(o => o.Period);
        var last = list.Max(o => o.Period);
        var length = last.Index - first.Index + 1;

        var series = new Dictionary<(string Indicator, string Area), SeriesMeasures>();
        foreach (var o in list)
        {
            var indicator = config.FindIndicator(o.Indicator);
            var area = config.FindArea(o.Area);
            if (indicator is null || area is null)
            {
                continue; // The loader refuses unknown ids; nothing else can reach here.
            }

            if (!series.TryGetValue((o.Indicator, o.Area), out var s))
            {
                s = new SeriesMeasures(indicator, area, length);
                series[(o.Indicator, o.Area)] = s;
            }

            var t = o.Period.Index - first.Index;
            if (o.Value is double v)
            {
                s.Monthly[t] = v;
            }

            if (!o.Supplied.IsEmpty)
            {
                s.Supplied[t] = o.Supplied;
            }
        }

        AddAggregates(series, length);
        foreach (var s in series.Values)
        {
            ComputeSeries(s, first);
        }

        LinkLondon(series);
        RankPeers(series, length);
        return new FactTable(config, first, last, series);
    }

    /// <summary>Sums the members of each aggregate area (e.g. <c>london</c>) for count indicators it has no data of its own for.</summary>
    private void AddAggregates(Dictionary<(string Indicator, string Area), SeriesMeasures> series, int length)
    {
        foreach (var aggregate in config.Areas.Where(a => a.IsAggregate))
        {
            var members = config.FindPeerGroup(aggregate.SumOf!)?.Members ?? [];
            if (members.Count == 0)
            {
                continue;
            }

            foreach (var indicator in config.Indicators.Where(i => i.Unit == IndicatorUnit.Count))
            {
                if (series.ContainsKey((indicator.Id, aggregate.Id)))
                {
                    continue;
                }

                var memberSeries = members.Select(m => series.GetValueOrDefault((indicator.Id, m))).ToList();
                if (memberSeries.Any(m => m is null))
                {
                    continue;
                }

                var sum = new SeriesMeasures(indicator, aggregate, length);
                for (var t = 0; t < length; t++)
                {
                    double total = 0;
                    foreach (var m in memberSeries)
                    {
                        total += m!.Monthly[t]; // NaN in any member leaves the total unknown.
                    }

                    sum.Monthly[t] = total;
                }

                series[(indicator.Id, aggregate.Id)] = sum;
            }
        }
    }

    private void ComputeSeries(SeriesMeasures s, Period first)
    {
        var n = s.Monthly.Length;
        var isCount = s.Indicator.Unit == IndicatorUnit.Count;
        double window = 0, ytd = 0;
        int missingInWindow = 0, missingInYear = 0;
        for (var t = 0; t < n; t++)
        {
            var period = first.AddMonths(t);
            var m = s.Monthly[t];

            // Rolling sum: add the month entering the window and drop the one leaving it.
            if (double.IsNaN(m))
            {
                missingInWindow++;
            }
            else
            {
                window += m;
            }

            if (t >= 12)
            {
                var leaving = s.Monthly[t - 12];
                if (double.IsNaN(leaving))
                {
                    missingInWindow--;
                }
                else
                {
                    window -= leaving;
                }
            }

            if (period.Month == 4 || t == 0)
            {
                ytd = 0;
                missingInYear = period.Month == 4 ? 0 : 1; // A year whose April is not in the data has no YTD.
            }

            if (double.IsNaN(m))
            {
                missingInYear++;
            }
            else
            {
                ytd += m;
            }

            var supplied = s.Supplied[t];
            if (isCount)
            {
                s.Value[t] = t >= 11 && missingInWindow == 0 ? window : double.NaN;
                s.Ytd[t] = missingInYear == 0 ? ytd : double.NaN;
                var population = PopulationOf(s.Area, period.Year);
                s.Rate[t] = population is long p && p > 0 ? s.Value[t] / p * 1000.0 : double.NaN;
            }
            else
            {
                s.Value[t] = m;
            }

            s.Previous[t] = supplied?.Previous ?? (t >= 12 ? s.Value[t - 12] : double.NaN);
            var change = s.Value[t] - s.Previous[t];
            s.ChangePct[t] = supplied?.ChangePct
                ?? (s.Previous[t] != 0 && !double.IsNaN(change) ? 100.0 * change / s.Previous[t] : double.NaN);
            if (supplied?.Ytd is double suppliedYtd)
            {
                s.Ytd[t] = suppliedYtd;
            }

            var target = config.FindTarget(s.Indicator.Id, s.Area.Id, period);
            var annual = target?.Annual ?? target?.Profile?[^1] ?? supplied?.Target;
            s.Target[t] = annual ?? double.NaN;
            s.YtdTarget[t] = supplied?.YtdTarget
                ?? target?.YearToDateAt(period)
                ?? (supplied?.Target is double a ? a * period.FinancialMonth / 12.0 : double.NaN);
        }
    }

    private long? PopulationOf(Area area, int year)
    {
        if (!area.IsAggregate)
        {
            return area.PopulationIn(year);
        }

        long total = 0;
        foreach (var member in config.FindPeerGroup(area.SumOf!)?.Members ?? [])
        {
            if (config.FindArea(member)?.PopulationIn(year) is not long p)
            {
                return null;
            }

            total += p;
        }

        return total;
    }

    /// <summary>Each area is compared with the first aggregate whose group it belongs to (London for the boroughs).</summary>
    private void LinkLondon(Dictionary<(string Indicator, string Area), SeriesMeasures> series)
    {
        var aggregates = config.Areas.Where(a => a.IsAggregate).ToList();
        foreach (var s in series.Values.Where(s => !s.Area.IsAggregate))
        {
            foreach (var aggregate in aggregates)
            {
                var members = config.FindPeerGroup(aggregate.SumOf!)?.Members ?? [];
                if (members.Contains(s.Area.Id, StringComparer.Ordinal) &&
                    series.TryGetValue((s.Indicator.Id, aggregate.Id), out var london))
                {
                    s.London = london;
                    break;
                }
            }
        }
    }

    private void RankPeers(Dictionary<(string Indicator, string Area), SeriesMeasures> series, int length)
    {
        foreach (var group in config.PeerGroups)
        {
            foreach (var indicator in config.Indicators)
            {
                if (!group.IsPerArea)
                {
                    var members = group.Members
                        .Select(m => series.GetValueOrDefault((indicator.Id, m)))
                        .OfType<SeriesMeasures>()
                        .ToList();
                    RankAmong(group.Id, members, members, group.Members.Count, length);
                    continue;
                }

                foreach (var (areaId, peers) in group.PerArea)
                {
                    if (series.GetValueOrDefault((indicator.Id, areaId)) is not { } own)
                    {
                        continue;
                    }

                    var peerSeries = peers
                        .Select(p => series.GetValueOrDefault((indicator.Id, p)))
                        .OfType<SeriesMeasures>()
                        .ToList();
                    RankAmong(group.Id, [own], peerSeries, peers.Count, length);
                }
            }
        }
    }

    private static void RankAmong(string groupId, List<SeriesMeasures> ranked, List<SeriesMeasures> peers, int groupSize, int length)
    {
        if (peers.Count == 0)
        {
            return;
        }

        var polarity = peers[0].Indicator.Polarity;
        var minimum = Math.Max(2, (int)Math.Ceiling(groupSize * MinimumPeerCoverage));
        var changes = new double[peers.Count];
        var rates = new double[peers.Count];
        for (var t = 0; t < length; t++)
        {
            for (var i = 0; i < peers.Count; i++)
            {
                changes[i] = peers[i].ChangePct[t];
                rates[i] = peers[i].Rate[t];
            }

            var changeSize = PeerRanking.CountKnown(changes);
            var rateSize = PeerRanking.CountKnown(rates);
            foreach (var s in ranked)
            {
                var position = s.PeersIn(groupId);
                if (changeSize >= minimum)
                {
                    position.ChangeRank[t] = PeerRanking.Rank(s.ChangePct[t], changes, polarity);
                    position.ChangeSize[t] = changeSize;
                }

                if (rateSize >= minimum)
                {
                    position.RateRank[t] = PeerRanking.Rank(s.Rate[t], rates, polarity);
                    position.RateSize[t] = rateSize;
                }
            }
        }
    }
}

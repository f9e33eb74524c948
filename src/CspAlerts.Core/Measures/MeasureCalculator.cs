using CspAlerts.Ingest;
using CspAlerts.Model;

namespace CspAlerts.Measures;

/// <summary>
/// Computes the measures (docs/measures.md) for every indicator × area × month in a set of observations:
/// rolling twelve months, previous, change, rate, year to date, peer ranks and the London comparison.
/// Each series is computed in one pass; ranking sorts each group once per indicator and month, so
/// the whole costs time linear in months × indicators × areas (times log of the group size).
/// </summary>
public sealed class MeasureCalculator(CspConfiguration config)
{
    /// <summary>Peer ranks need at least this share of the group's members to have a value.</summary>
    private const double MinimumPeerCoverage = 0.5;

    private readonly PopulationTable _populations = new(config);

    /// <summary>Computes every series. Observations are read once and need not be held in memory.</summary>
    public FactTable Compute(IEnumerable<Observation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var builders = Collect(observations, out var firstIndex, out var lastIndex);
        if (builders.Count == 0)
        {
            return FactTable.Empty(config);
        }

        var first = Period.FromIndex(firstIndex);
        var length = lastIndex - firstIndex + 1;
        // Each series is built from its own builder: on every core, then keyed in the builders' order.
        var gathered = builders.ToArray();
        builders.Clear();
        var built = new SeriesMeasures[gathered.Length];
        Parallel.For(0, gathered.Length, i =>
        {
            built[i] = gathered[i].Value.Build(length, firstIndex, config.PeerGroups.Count);
            gathered[i] = new(gathered[i].Key, null!); // its months are copied: let them go
        });

        var series = new Dictionary<(string Indicator, string Area), SeriesMeasures>(built.Length);
        for (var i = 0; i < built.Length; i++)
        {
            series[gathered[i].Key] = built[i];
        }

        AddAggregates(series, length);
        // Each series is computed from its own months only, and each indicator is ranked on its own
        // series only: both run on every core with the same results as on one.
        Parallel.ForEach(series.Values, s =>
        {
            ComputeSeries(s, first);
            ComputeRates(s, first);
        });

        LinkLondon(series);
        LinkForce(series, first, length);
        RankPeers(series, first, length);
        return new FactTable(config, first, Period.FromIndex(lastIndex), series, _populations);
    }

    private Dictionary<(string, string), SeriesBuilder> Collect(IEnumerable<Observation> observations, out int firstIndex, out int lastIndex)
    {
        var builders = new Dictionary<(string, string), SeriesBuilder>();
        firstIndex = int.MaxValue;
        lastIndex = int.MinValue;
        SeriesBuilder? current = null;
        foreach (var o in observations)
        {
            // Observations mostly arrive series by series; skip the lookup while the series is unchanged.
            if (current is null || current.Indicator.Id != o.Indicator || current.Area.Id != o.Area)
            {
                if (!builders.TryGetValue((o.Indicator, o.Area), out current))
                {
                    var indicator = config.FindIndicator(o.Indicator);
                    var area = config.FindArea(o.Area);
                    if (indicator is null || area is null)
                    {
                        current = null;
                        continue; // The loader refuses unknown ids; nothing else can reach here.
                    }

                    // Series mostly cover the months seen so far: a new one starts with room for them all.
                    current = new SeriesBuilder(indicator, area, firstIndex <= lastIndex ? (firstIndex, lastIndex) : null);
                    builders[(o.Indicator, o.Area)] = current;
                }
            }

            var index = o.Period.Index;
            firstIndex = Math.Min(firstIndex, index);
            lastIndex = Math.Max(lastIndex, index);
            current.Add(index, o.Value, o.Supplied);
        }

        return builders;
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

                var memberSeries = new List<SeriesMeasures>(members.Count);
                foreach (var member in members)
                {
                    if (series.GetValueOrDefault((indicator.Id, member)) is { } m)
                    {
                        memberSeries.Add(m);
                    }
                }

                if (memberSeries.Count < members.Count)
                {
                    continue; // A total with a member missing would understate London.
                }

                var sum = new SeriesMeasures(indicator, aggregate, length, config.PeerGroups.Count);
                for (var t = 0; t < length; t++)
                {
                    double total = 0;
                    foreach (var m in memberSeries)
                    {
                        total += m.Monthly[t]; // NaN in any member leaves the total unknown.
                    }

                    sum.Monthly[t] = total;
                }

                series[(indicator.Id, aggregate.Id)] = sum;
            }
        }
    }

    private static void ComputeSeries(SeriesMeasures s, Period first)
    {
        var n = s.Monthly.Length;
        var isCount = s.Indicator.Unit == IndicatorUnit.Count;
        double window = 0, ytd = 0;
        int missingInWindow = 0, missingInYear = 0;
        var month = first.Month;
        for (var t = 0; t < n; t++, month = month == 12 ? 1 : month + 1)
        {
            var m = s.Monthly[t];
            s.History[t] = double.IsNaN(m) ? (short)0 : (short)Math.Min(short.MaxValue, (t > 0 ? s.History[t - 1] : 0) + 1);

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

            if (month == 4 || t == 0)
            {
                ytd = 0;
                missingInYear = month == 4 ? 0 : 1; // A year whose April is not in the data has no YTD.
            }

            if (double.IsNaN(m))
            {
                missingInYear++;
            }
            else
            {
                ytd += m;
            }

            var supplied = s.SuppliedAt(t);
            if (isCount)
            {
                s.Value[t] = t >= 11 && missingInWindow == 0 ? window : double.NaN;
                s.Ytd[t] = missingInYear == 0 ? ytd : double.NaN;
            }
            else
            {
                s.Value[t] = m;
            }

            if (supplied?.Ytd is double suppliedYtd)
            {
                s.Ytd[t] = suppliedYtd;
            }

            var previous = s.PreviousAt(t);
            var change = s.Value[t] - previous;
            s.ChangePct[t] = supplied?.ChangePct
                ?? (previous != 0 && !double.IsNaN(change) ? 100.0 * change / previous : double.NaN);
        }
    }

    /// <summary>Each count's R12 per 1,000 population of the calendar year, for ranking and for the facts.</summary>
    private void ComputeRates(SeriesMeasures s, Period first)
    {
        if (s.Indicator.Unit != IndicatorUnit.Count)
        {
            return;
        }

        var year = first.Year;
        var population = _populations.Of(s.Area, year);
        for (var t = 0; t < s.Value.Length; t++)
        {
            var period = first.AddMonths(t);
            if (period.Year != year)
            {
                year = period.Year;
                population = _populations.Of(s.Area, year);
            }

            s.Rate[t] = population is long p && p > 0 ? s.Value[t] / p * 1000.0 : double.NaN;
        }
    }

    /// <summary>Each area is compared with the first aggregate whose group it belongs to (London for the boroughs).</summary>
    private void LinkLondon(Dictionary<(string Indicator, string Area), SeriesMeasures> series)
    {
        var aggregates = config.Areas
            .Where(a => a.IsAggregate)
            .Select(a => (Area: a, Members: (config.FindPeerGroup(a.SumOf!)?.Members ?? []).ToHashSet(StringComparer.Ordinal)))
            .ToList();
        foreach (var s in series.Values.Where(s => !s.Area.IsAggregate))
        {
            foreach (var (aggregate, members) in aggregates)
            {
                if (members.Contains(s.Area.Id) && series.TryGetValue((s.Indicator.Id, aggregate.Id), out var london))
                {
                    s.London = london;
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Sums each area's police force area (its peers in the force group) for count indicators, as
    /// London is summed from the boroughs: a month any member lacks is unknown, and a force with a
    /// member that has no series at all has no total. Areas of one force share one sum.
    /// </summary>
    private void LinkForce(Dictionary<(string Indicator, string Area), SeriesMeasures> series, Period first, int length)
    {
        if (config.ForceGroup is not { } group)
        {
            return;
        }

        var sums = new Dictionary<(string Indicator, string Members), SeriesMeasures?>();
        foreach (var s in series.Values.Where(s => !s.Area.IsAggregate && s.Indicator.Unit == IndicatorUnit.Count).ToList())
        {
            var peers = group.PeersOf(s.Area.Id);
            if (peers.Count == 0)
            {
                continue;
            }

            var key = (s.Indicator.Id, string.Join(',', peers));
            if (!sums.TryGetValue(key, out var sum))
            {
                sum = SumOf(s.Indicator, s.Area, peers, series, length);
                if (sum is not null)
                {
                    ComputeSeries(sum, first);
                    sum.ForceMembers = [.. peers.Select(p => config.FindArea(p)!)];
                }

                sums[key] = sum;
            }

            if (sum is not null)
            {
                s.Force = sum;
                s.ForceMembers = sum.ForceMembers;
            }
        }
    }

    private static SeriesMeasures? SumOf(Indicator indicator, Area area, IReadOnlyList<string> members, Dictionary<(string Indicator, string Area), SeriesMeasures> series, int length)
    {
        var sum = new SeriesMeasures(indicator, area, length, 0);
        Array.Fill(sum.Monthly, 0);
        foreach (var member in members)
        {
            if (series.GetValueOrDefault((indicator.Id, member)) is not { } m)
            {
                return null; // A total with a member missing would understate the force.
            }

            for (var t = 0; t < length; t++)
            {
                sum.Monthly[t] += m.Monthly[t]; // NaN in any member leaves the month unknown.
            }
        }

        return sum;
    }

    private void RankPeers(Dictionary<(string Indicator, string Area), SeriesMeasures> series, Period first, int length)
    {
        for (var g = 0; g < config.PeerGroups.Count; g++)
        {
            var group = config.PeerGroups[g];
            Parallel.ForEach(config.Indicators, indicator =>
            {
                if (!group.IsPerArea)
                {
                    var members = group.Members
                        .Select(m => series.GetValueOrDefault((indicator.Id, m)))
                        .OfType<SeriesMeasures>()
                        .ToArray();
                    RankGroup(g, members, group.Members.Count, length);
                    return;
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
                        .ToArray();
                    RankWithinPeers(g, own, peerSeries, peers.Count, length);
                }
            });
        }
    }

    private static int MinimumKnown(int groupSize) => Math.Max(2, (int)Math.Ceiling(groupSize * MinimumPeerCoverage));

    /// <summary>Ranks every member of a fixed group against the others, month by month.</summary>
    private static void RankGroup(int group, SeriesMeasures[] members, int groupSize, int length)
    {
        if (members.Length == 0)
        {
            return;
        }

        var polarity = members[0].Indicator.Polarity;
        var minimum = MinimumKnown(groupSize);
        var byMonth = new MonthByMember(members.Length, length);
        byMonth.Rank(members, s => s.ChangePct, polarity);
        for (var i = 0; i < members.Length; i++)
        {
            for (var t = 0; t < length; t++)
            {
                if (byMonth.Known(t) >= minimum)
                {
                    var p = members[i].PeersIn(group);
                    p.ChangeRank[t] = (short)byMonth.RankOf(i, t);
                    p.ChangeSize[t] = (short)byMonth.Known(t);
                }
            }
        }

        byMonth.Rank(members, s => s.Rate, polarity);
        for (var i = 0; i < members.Length; i++)
        {
            for (var t = 0; t < length; t++)
            {
                if (byMonth.Known(t) >= minimum)
                {
                    var p = members[i].PeersIn(group);
                    p.RateRank[t] = (short)byMonth.RankOf(i, t);
                    p.RateSize[t] = (short)byMonth.Known(t);
                }
            }
        }
    }

    /// <summary>Ranks one area against its own peers (a per-area group such as its MSG), every month.</summary>
    private static void RankWithinPeers(int group, SeriesMeasures own, SeriesMeasures[] peers, int groupSize, int length)
    {
        var polarity = own.Indicator.Polarity;
        var minimum = MinimumKnown(groupSize);
        Span<int> ranks = length <= 512 ? stackalloc int[length] : new int[length];
        Span<int> known = length <= 512 ? stackalloc int[length] : new int[length];
        PeerRanking.RankEachMonth(own.ChangePct, peers.Select(p => p.ChangePct).ToArray(), polarity, ranks, known);
        for (var t = 0; t < length; t++)
        {
            if (known[t] >= minimum && ranks[t] > 0)
            {
                var p = own.PeersIn(group);
                p.ChangeRank[t] = (short)ranks[t];
                p.ChangeSize[t] = (short)known[t];
            }
        }

        PeerRanking.RankEachMonth(own.Rate, peers.Select(p => p.Rate).ToArray(), polarity, ranks, known);
        for (var t = 0; t < length; t++)
        {
            if (known[t] >= minimum && ranks[t] > 0)
            {
                var p = own.PeersIn(group);
                p.RateRank[t] = (short)ranks[t];
                p.RateSize[t] = (short)known[t];
            }
        }
    }

    /// <summary>
    /// A group's values laid out month by month (every member's value at one month side by side), so
    /// that each month is ranked over contiguous memory; each member's months are read and written in
    /// order, once.
    /// </summary>
    private sealed class MonthByMember(int members, int months)
    {
        private readonly double[] _values = new double[members * months];
        private readonly int[] _ranks = new int[members * months];
        private readonly int[] _known = new int[months];
        private readonly double[] _scratch = new double[members];
        private readonly int[] _positions = new int[members];
        private readonly int[] _order = new int[members];

        /// <summary>Ranks each month; each month's sort starts from the order of the month before, which it is mostly in.</summary>
        public void Rank(SeriesMeasures[] series, Func<SeriesMeasures, double[]> measure, Polarity polarity)
        {
            for (var i = 0; i < members; i++)
            {
                _order[i] = i;
            }

            for (var i = 0; i < members; i++)
            {
                var values = measure(series[i]);
                for (var t = 0; t < months; t++)
                {
                    _values[(t * members) + i] = values[t];
                }
            }

            for (var t = 0; t < months; t++)
            {
                _known[t] = PeerRanking.RankAll(_values.AsSpan(t * members, members), _ranks.AsSpan(t * members, members), _scratch, _positions, _order, polarity);
            }
        }

        /// <summary>How many members had a value at month t in the last ranking.</summary>
        public int Known(int t) => _known[t];

        /// <summary>A member's rank at month t in the last ranking (0 where it had no value).</summary>
        public int RankOf(int member, int t) => _ranks[(t * members) + member];
    }

    /// <summary>
    /// Gathers one series' observations straight into an array of its months, before the table's month
    /// range is known: the array starts at the series' first month and grows as later (or earlier)
    /// months arrive.
    /// </summary>
    /// <param name="expected">The months the series will likely cover, where known: its array starts with room for them.</param>
    private sealed class SeriesBuilder(Indicator indicator, Area area, (int First, int Last)? expected)
    {
        private double[] _monthly = [];
        private int _start;
        private Dictionary<int, SuppliedFigures>? _supplied;

        public Indicator Indicator { get; } = indicator;

        public Area Area { get; } = area;

        public void Add(int index, double? value, SuppliedFigures supplied)
        {
            if (value is double v)
            {
                Cover(index);
                _monthly[index - _start] = v;
            }

            if (!supplied.IsEmpty)
            {
                (_supplied ??= [])[index] = supplied;
            }
        }

        public SeriesMeasures Build(int length, int firstIndex, int peerGroups)
        {
            if (_start == firstIndex && _monthly.Length == length)
            {
                // Gathered over exactly the table's months: the array is the series' own.
                return WithSupplied(new SeriesMeasures(Indicator, Area, length, peerGroups, _monthly), firstIndex);
            }

            var s = new SeriesMeasures(Indicator, Area, length, peerGroups);
            if (_monthly.Length > 0)
            {
                // The table's range covers every month gathered; months never given stay NaN in both.
                var from = Math.Max(_start, firstIndex);
                var to = Math.Min(_start + _monthly.Length, firstIndex + length);
                _monthly.AsSpan(from - _start, to - from).CopyTo(s.Monthly.AsSpan(from - firstIndex));
            }

            return WithSupplied(s, firstIndex);
        }

        private SeriesMeasures WithSupplied(SeriesMeasures s, int firstIndex)
        {
            if (_supplied is not null)
            {
                s.Supplied = _supplied.ToDictionary(kv => kv.Key - firstIndex, kv => kv.Value);
            }

            return s;
        }

        /// <summary>Grows the array (NaN where no value is given) so that it covers month <paramref name="index"/>.</summary>
        private void Cover(int index)
        {
            if (_monthly.Length == 0)
            {
                (_start, var until) = expected is var (first, last) ? (Math.Min(first, index), Math.Max(last, index) + 1) : (index, index + 16);
                _monthly = NaNs(until - _start);
                return;
            }

            if (index >= _start && index < _start + _monthly.Length)
            {
                return;
            }

            var start = Math.Min(_start, index);
            var end = Math.Max(_start + _monthly.Length, index + 1);
            var grown = NaNs(Math.Max(end - start, 2 * _monthly.Length));
            _monthly.CopyTo(grown, _start - start);
            (_monthly, _start) = (grown, start);
        }

        private static double[] NaNs(int length)
        {
            var array = new double[length];
            Array.Fill(array, double.NaN);
            return array;
        }
    }
}

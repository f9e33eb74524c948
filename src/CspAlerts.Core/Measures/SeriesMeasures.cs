using CspAlerts.Ingest;
using CspAlerts.Model;

namespace CspAlerts.Measures;

/// <summary>
/// The measures of one indicator × area over the table's whole period range, as arrays indexed by
/// month offset (NaN where a measure cannot be computed). Built in one pass per series; measures
/// that follow directly from these (previous, targets, the SPC chart) are derived when a fact is read.
/// </summary>
internal sealed class SeriesMeasures
{
    /// <param name="monthly">The monthly values, NaN where none is given, when gathered already: the series takes the array. Length <paramref name="length"/>.</param>
    public SeriesMeasures(Indicator indicator, Area area, int length, int peerGroups, double[]? monthly = null)
    {
        Indicator = indicator;
        Area = area;
        Monthly = monthly ?? Filled(length);
        Value = Filled(length);
        ChangePct = Filled(length);
        Ytd = Filled(length);
        Rate = Filled(length);
        History = new short[length];
        Peers = new PeerSeries?[peerGroups];
    }

    public Indicator Indicator { get; }

    public Area Area { get; }

    public double[] Monthly { get; }

    public double[] Value { get; }

    public double[] ChangePct { get; }

    public double[] Ytd { get; }

    /// <summary>For counts, R12 per 1,000 population of the calendar year; NaN otherwise or where the population is unknown.</summary>
    public double[] Rate { get; }

    /// <summary>Consecutive months with a value ending at each month (capped at <see cref="short.MaxValue"/>).</summary>
    public short[] History { get; }

    /// <summary>Ready-made figures by month offset; null when the series has none (most series).</summary>
    public Dictionary<int, SuppliedFigures>? Supplied { get; set; }

    /// <summary>The London (aggregate) series this area is compared with, if any.</summary>
    public SeriesMeasures? London { get; set; }

    /// <summary>The summed series of the area's police force area (its force group), if any.</summary>
    public SeriesMeasures? Force { get; set; }

    /// <summary>The areas <see cref="Force"/> sums, for its population.</summary>
    public IReadOnlyList<Area>? ForceMembers { get; set; }

    /// <summary>Computed ranks, by peer group index in configuration order; null where the area is not ranked.</summary>
    public PeerSeries?[] Peers { get; }

    public SuppliedFigures? SuppliedAt(int t) => Supplied is { } s && s.TryGetValue(t, out var f) ? f : null;

    /// <summary>True when the month has a value or supplied figures, so a fact is reported for it.</summary>
    public bool HasDataAt(int t) => !double.IsNaN(Monthly[t]) || (Supplied?.ContainsKey(t) ?? false);

    /// <summary>R12 (or the value) twelve months earlier, unless a previous figure was supplied.</summary>
    public double PreviousAt(int t) => SuppliedAt(t)?.Previous ?? (t >= 12 ? Value[t - 12] : double.NaN);

    public PeerSeries PeersIn(int group) => Peers[group] ??= new PeerSeries(Monthly.Length);

    private static double[] Filled(int length)
    {
        var array = new double[length];
        Array.Fill(array, double.NaN);
        return array;
    }
}

/// <summary>Computed ranks of one series within one peer group, by month (0 where none).</summary>
internal sealed class PeerSeries(int length)
{
    public short[] ChangeRank { get; } = new short[length];

    public short[] ChangeSize { get; } = new short[length];

    public short[] RateRank { get; } = new short[length];

    public short[] RateSize { get; } = new short[length];
}

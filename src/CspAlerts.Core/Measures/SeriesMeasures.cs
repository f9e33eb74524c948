using CspAlerts.Configuration;
using CspAlerts.Ingest;

namespace CspAlerts.Measures;

/// <summary>
/// The measures of one indicator × area over the table's whole period range, as arrays indexed by
/// month offset (NaN where a measure cannot be computed). Built in one pass per series.
/// </summary>
internal sealed class SeriesMeasures
{
    public SeriesMeasures(Indicator indicator, Area area, int length)
    {
        Indicator = indicator;
        Area = area;
        Monthly = Filled(length);
        Supplied = new SuppliedFigures?[length];
        Value = Filled(length);
        Previous = Filled(length);
        ChangePct = Filled(length);
        Rate = Filled(length);
        Ytd = Filled(length);
        YtdTarget = Filled(length);
        Target = Filled(length);
        Peers = new Dictionary<string, PeerSeries>(StringComparer.Ordinal);
    }

    public Indicator Indicator { get; }

    public Area Area { get; }

    public double[] Monthly { get; }

    public SuppliedFigures?[] Supplied { get; }

    public double[] Value { get; }

    public double[] Previous { get; }

    public double[] ChangePct { get; }

    public double[] Rate { get; }

    public double[] Ytd { get; }

    public double[] YtdTarget { get; }

    public double[] Target { get; }

    /// <summary>The London (aggregate) series this area is compared with, if any.</summary>
    public SeriesMeasures? London { get; set; }

    public Dictionary<string, PeerSeries> Peers { get; }

    /// <summary>True when the month has a value or supplied figures, so a fact is reported for it.</summary>
    public bool HasDataAt(int t) => !double.IsNaN(Monthly[t]) || Supplied[t] is not null;

    public PeerSeries PeersIn(string group)
    {
        if (!Peers.TryGetValue(group, out var series))
        {
            series = new PeerSeries(Monthly.Length);
            Peers[group] = series;
        }

        return series;
    }

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
    public int[] ChangeRank { get; } = new int[length];

    public int[] ChangeSize { get; } = new int[length];

    public int[] RateRank { get; } = new int[length];

    public int[] RateSize { get; } = new int[length];
}

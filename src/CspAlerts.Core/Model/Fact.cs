namespace CspAlerts.Model;

/// <summary>
/// The measures of one indicator × area × month: what rules read and what <c>measures</c> prints.
/// A measure that cannot be computed is null, never 0.
/// </summary>
/// <param name="Value">For counts, the rolling twelve-month total R12; for rates and percentages, the value given for the month.</param>
/// <param name="Previous">For counts, R12 twelve months earlier; otherwise the value twelve months earlier (or as supplied).</param>
/// <param name="Rate">R12 per 1,000 population of the calendar year; null for non-counts or unknown population.</param>
/// <param name="LondonChangePct">For counts, the change of the summed London total.</param>
/// <param name="LondonValue">For rates and percentages, London's value (the aggregate area, or as supplied).</param>
/// <param name="Target">The annual target for the financial year, where one is set.</param>
/// <param name="Peers">Positions in each peer group the area belongs to, keyed by group id.</param>
/// <param name="Spc">XmR statistical process control over the monthly values, or null with fewer than 12 months.</param>
public sealed record Fact(
    string Indicator,
    string Area,
    Period Period,
    double? Value,
    double? Previous,
    double? Change,
    double? ChangePct,
    double? Rate,
    double? LondonChangePct,
    double? LondonValue,
    double? EnglandValue,
    double? Ytd,
    double? YtdTarget,
    double? Target,
    IReadOnlyDictionary<string, PeerPosition> Peers,
    SpcResult? Spc,
    double? MonthValue) : IFactReading
{
    /// <summary>London's rolling twelve-month rate per 1,000 (counts only), for comparing an area's rate with London's.</summary>
    public double? LondonRate { get; init; }

    /// <summary>For counts, the change % of the police force area's summed total: every area of the area's force group.</summary>
    public double? ForceChangePct { get; init; }

    /// <summary>For counts, the police force area's rolling twelve-month rate per 1,000.</summary>
    public double? ForceRate { get; init; }

    /// <summary>
    /// For counts, the two-sided exact p-value of the rolling twelve-month count against the previous
    /// twelve months (conditional binomial test of two Poisson counts); null when either is missing.
    /// </summary>
    public double? ChangeP { get; init; }

    /// <summary>For counts, the funnel-plot z-score of the rate against London's rate (Poisson approximation); positive is above London.</summary>
    public double? LondonRateZ { get; init; }

    /// <summary>How many consecutive months of data end at this month: 12 are needed for a rolling total, 24 for its change.</summary>
    public int History { get; init; }

    /// <summary>The months of history this indicator's value and change need: 24 for counts, 13 for rates and percentages.</summary>
    public static int HistoryNeeded(IndicatorUnit unit) => unit == IndicatorUnit.Count ? 24 : 13;

    SpcFigures? IFactReading.Spc => SpcFigures.Of(Spc);

    int? IFactReading.PeerFigure(string group, PeerFigure figure) => Peers.GetValueOrDefault(group)?.Figure(figure);

    string? IFactReading.PeerRankBasis(string group) => Peers.GetValueOrDefault(group)?.RankBasis;

    Fact IFactReading.ToFact() => this;
}

/// <summary>An area's place in one peer group. Rank 1 is the best; quartile 4 is the bottom quartile.</summary>
/// <param name="Size">The number of peers with a value (or the size supplied with a supplied rank).</param>
/// <param name="Rank">The benchmark rank the partnership reports: supplied, else the rate rank, else the change rank.</param>
/// <param name="RankBasis">What <paramref name="Rank"/> is: <c>supplied</c>, <c>rate</c> or <c>change</c>.</param>
public sealed record PeerPosition(
    int Size,
    int? ChangeRank,
    int? ChangeQuartile,
    int? RateRank,
    int? RateQuartile,
    int? Rank,
    int? Quartile,
    string? RankBasis = null)
{
    public const string Supplied = "supplied";
    public const string ByRate = "rate";
    public const string ByChange = "change";

    /// <summary>ceil(4 × rank / size): 1 is the top quartile, 4 the bottom.</summary>
    public static int? QuartileOf(int? rank, int size) => rank is int r && size > 0 ? QuartileOf(r, size) : null;

    /// <summary>
    /// ceil(4 × rank / size) for a size above 0. A rank from 1 to the size, the usual case and one read
    /// for every fact, is counted against the three quarter marks without dividing; the result is the same.
    /// </summary>
    internal static int QuartileOf(int rank, int size) =>
        rank >= 1 && rank <= size && size <= int.MaxValue / 4
            ? 1 + (4 * rank > size ? 1 : 0) + (4 * rank > 2 * size ? 1 : 0) + (4 * rank > 3 * size ? 1 : 0)
            : (int)Math.Ceiling(4.0 * rank / size);

    internal int? Figure(PeerFigure figure) => figure switch
    {
        PeerFigure.Size => Size,
        PeerFigure.ChangeRank => ChangeRank,
        PeerFigure.ChangeQuartile => ChangeQuartile,
        PeerFigure.RateRank => RateRank,
        PeerFigure.RateQuartile => RateQuartile,
        PeerFigure.Rank => Rank,
        _ => Quartile,
    };
}

/// <summary>The result of an XmR chart ("Making Data Count") at the latest month.</summary>
/// <param name="Signal">none, beyond-limits, trend, two-of-three or shift.</param>
/// <param name="Variation">common-cause, concern, improvement, or neutral for monitor indicators.</param>
public sealed record SpcResult(double Mean, double UpperLimit, double LowerLimit, string Signal, string Variation);

/// <summary>One point of an XmR chart and its special cause, if any.</summary>
/// <param name="Signal">none, beyond-limits, trend, two-of-three or shift.</param>
/// <param name="Variation">common-cause, concern, improvement, or neutral for monitor indicators.</param>
public sealed record SpcPoint(double Value, string Signal, string Variation)
{
    public bool IsSpecialCause => Signal != "none";
}

/// <summary>A whole XmR chart: the limits and every point classified. The last point is the month's.</summary>
/// <param name="LowerLimit">The lower process limit as reported: for counts, 0 when it falls below zero.</param>
/// <param name="NearUpperLimit">Mean + two thirds of the distance to the upper process limit.</param>
/// <param name="NearLowerLimit">Mean − two thirds of the distance to the lower process limit (not raised to 0).</param>
/// <param name="ComputedLowerLimit">The lower process limit as computed, which for counts may be below zero.</param>
public sealed record SpcChart(
    double Mean,
    double UpperLimit,
    double LowerLimit,
    double NearUpperLimit,
    double NearLowerLimit,
    double ComputedLowerLimit,
    IReadOnlyList<SpcPoint> Points);

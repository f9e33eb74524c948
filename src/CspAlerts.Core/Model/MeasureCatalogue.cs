using System.Collections.Frozen;

namespace CspAlerts.Model;

/// <summary>What kind of value a measure holds, and so how a rule reads it.</summary>
public enum MeasureKind
{
    /// <summary>A number that may be fractional: a total, a change, a rate.</summary>
    Number,

    /// <summary>A whole number: a rank, a quartile, a group size.</summary>
    Whole,

    /// <summary>One of a fixed set of words, such as an SPC signal or the indicator's polarity.</summary>
    Text,
}

/// <summary>
/// One measure of a fact: the name rules and messages use, what it means, where it sits in the JSON
/// output, the canonical dataset column that may supply it, and how to read it from a fact.
/// </summary>
/// <param name="Name">The name in rule conditions and message placeholders, e.g. <c>changePct</c> or <c>metRank</c>.</param>
/// <param name="Meaning">One sentence for people: the docs and the table use it.</param>
/// <param name="JsonPath">Where the measure sits in a facts object, e.g. <c>changePct</c>, <c>peers.met.rank</c>, <c>spc.signal</c>; null for the indicator's own attributes.</param>
/// <param name="CanonicalColumn">The canonical CSV column that supplies it ready-made, or null when it is always derived.</param>
/// <param name="Allowed">For a text measure, every value it can take; empty otherwise.</param>
/// <param name="PeerGroup">For a peer measure, the group's id; null otherwise.</param>
public sealed record Measure(
    string Name,
    string Meaning,
    MeasureKind Kind,
    string? JsonPath,
    string? CanonicalColumn,
    IReadOnlyList<string> Allowed,
    string? PeerGroup)
{
    internal Func<IFactReading, Indicator, double?>? ReadNumber { get; init; }

    internal Func<IFactReading, Indicator, int?>? ReadWhole { get; init; }

    internal Func<IFactReading, Indicator, string?>? ReadText { get; init; }

    /// <summary>The measure's value in a fact (a double, an int or a string), or null when it cannot be computed.</summary>
    public object? ValueIn(Fact fact, Indicator indicator) => ValueIn((IFactReading)fact, indicator);

    internal object? ValueIn(IFactReading fact, Indicator indicator) => Kind switch
    {
        MeasureKind.Number => ReadNumber!(fact, indicator),
        MeasureKind.Whole => ReadWhole!(fact, indicator),
        _ => ReadText!(fact, indicator),
    };
}

/// <summary>
/// The one list of the measures a fact carries. It drives what rule conditions may read, the message
/// placeholders, the JSON facts object, the exceptions table and the list in the docs. Peer measures
/// are made for each configured peer group: group <c>met</c> gives <c>metRank</c>, <c>metQuartile</c>
/// and so on, and group <c>most-similar</c> gives <c>mostSimilarRank</c>.
/// </summary>
public sealed class MeasureCatalogue
{
    /// <summary>The values of <c>spcSignal</c>, highest priority first after <c>none</c>.</summary>
    public static readonly IReadOnlyList<string> SpcSignals = ["none", "beyond-limits", "trend", "two-of-three", "shift"];

    /// <summary>The values of <c>spcVariation</c>.</summary>
    public static readonly IReadOnlyList<string> SpcVariations = ["common-cause", "concern", "improvement", "neutral"];

    /// <summary>The values of a peer group's rank basis.</summary>
    public static readonly IReadOnlyList<string> RankBases = [PeerPosition.Supplied, PeerPosition.ByRate, PeerPosition.ByChange];

    private readonly FrozenDictionary<string, int> _byName;
    private readonly Measure[] _byIndex;

    /// <param name="peerGroupIds">The configured peer groups, in configuration order.</param>
    /// <param name="forceGroupId">The police force area group, when one is configured: the force measures read its ranks.</param>
    public MeasureCatalogue(IEnumerable<string> peerGroupIds, string? forceGroupId = null)
    {
        ArgumentNullException.ThrowIfNull(peerGroupIds);
        PeerGroups = [.. peerGroupIds];
        ForceGroup = forceGroupId;
        var all = new List<Measure>();
        all.AddRange(Scalars());
        foreach (var group in PeerGroups.Where(g => PrefixOf(g) is not null))
        {
            all.AddRange(PeerMeasures(group));
        }

        all.AddRange(SpcMeasures());
        all.Add(new Measure("history", "How many consecutive months of data end at the month: 12 are needed for a rolling total, 24 for its change.", MeasureKind.Whole, "history", null, [], null)
        {
            ReadWhole = (f, _) => f.History,
        });
        all.Add(Text("polarity", "The indicator's polarity: which direction is better.", null, Names.Polarities, (_, i) => Names.Of(i.Polarity)));
        all.Add(Text("unit", "What the indicator's values are: counts, rates or percentages.", null, Names.Units, (_, i) => Names.Of(i.Unit)));

        // A force group named otherwise (met) lends its ranks to forceRank and the rest; one named force has them already.
        // They come last, so that every other measure has the same index whether or not a force group is configured.
        if (forceGroupId is not null && PrefixOf(forceGroupId) is { } prefix && prefix != ForcePrefix)
        {
            all.AddRange(PeerMeasures(forceGroupId, ForcePrefix));
        }

        All = all;
        _byIndex = [.. all];
        // A clash (two groups with one prefix) is refused by the loader; the first keeps the name here.
        _byName = all.Select((m, i) => KeyValuePair.Create(m.Name, i)).DistinctBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every measure, in the order the docs and JSON list them.</summary>
    public IReadOnlyList<Measure> All { get; }

    /// <summary>The name force measures begin with: <c>forceRank</c>, <c>forceQuartile</c>, ...</summary>
    public const string ForcePrefix = "force";

    /// <summary>The police force area group the force ranks are read from, when one is configured.</summary>
    public string? ForceGroup { get; }

    /// <summary>The configured peer group ids, in configuration order.</summary>
    public IReadOnlyList<string> PeerGroups { get; }

    /// <summary>The measure at an index of <see cref="All"/>, read from an array: rules read measures this way for every fact.</summary>
    internal Measure At(int index) => _byIndex[index];

    /// <summary>The index of a measure in <see cref="All"/>, by name ignoring case, or -1.</summary>
    public int IndexOf(string name) => _byName.TryGetValue(name, out var i) ? i : -1;

    public Measure? Find(string name) => _byName.TryGetValue(name, out var i) ? All[i] : null;

    /// <summary>
    /// The rule-name prefix of a peer group: its id in camel case (<c>most-similar</c> → <c>mostSimilar</c>).
    /// The configuration loader refuses ids that cannot name measures; such a group gets no measures here.
    /// </summary>
    public static string? PrefixOf(string groupId) => PeerGroupNames.IsValidId(groupId) ? PeerGroupNames.MeasurePrefix(groupId) : null;

    /// <summary>The canonical column that supplies a peer group's rank or size, e.g. <c>msg_rank</c>.</summary>
    public static string ColumnOf(string groupId, string what) => $"{groupId.Replace('-', '_')}_{what}";

    private static IEnumerable<Measure> Scalars()
    {
        yield return Number("value", "For counts, the rolling twelve-month total (R12); for rates and percentages, the month's value.", "value", "value", (f, _) => f.Value);
        yield return Number("previous", "The same figure twelve months earlier (for counts, R12 a year ago).", "previous", "previous", (f, _) => f.Previous);
        yield return Number("change", "value − previous.", "change", null, (f, _) => f.Change);
        yield return Number("changePct", "100 × change / previous; empty when previous is 0.", "changePct", "change_pct", (f, _) => f.ChangePct);
        yield return Number("changeP", "Counts only: the two-sided exact p-value of the change, testing R12 against previous as two Poisson counts (given their sum, R12 is Binomial(sum, ½) if the rate has not changed; twice the smaller tail, at most 1; 1 when both are 0). Below 0.05, the change is unlikely to be chance.", "changeP", null, (f, _) => f.ChangeP);
        yield return Number("rate", "R12 per 1,000 population of the calendar year (counts only).", "rate", null, (f, _) => f.Rate);
        yield return Number("londonChangePct", "The change % of London's summed total (counts).", "londonChangePct", null, (f, _) => f.LondonChangePct);
        yield return Number("londonValue", "London's value, for rates and percentages (the london area, or as supplied).", "londonValue", "london_value", (f, _) => f.LondonValue);
        yield return Number("londonRate", "London's R12 per 1,000 population (counts).", "londonRate", null, (f, _) => f.LondonRate);
        yield return Number("londonRateZ", "Counts only: the funnel-plot z-score of the rate against London's, (rate − londonRate) / √(1,000 × londonRate / population), the Poisson approximation (O − E) / √E; positive is above London, beyond ±1.96 is outside the 95% funnel and beyond ±3.09 outside the 99.8% funnel.", "londonRateZ", null, (f, _) => f.LondonRateZ);
        yield return Number("forceChangePct", "The change % of the police force area's summed total (counts): the areas of the area's force group.", "forceChangePct", null, (f, _) => f.ForceChangePct);
        yield return Number("forceRate", "The police force area's R12 per 1,000 population (counts).", "forceRate", null, (f, _) => f.ForceRate);
        yield return Number("englandValue", "England's value, as supplied.", "englandValue", "england_value", (f, _) => f.EnglandValue);
        yield return Number("ytd", "Year to date: the sum from April up to the month.", "ytd", "ytd", (f, _) => f.Ytd);
        yield return Number("ytdTarget", "The target to date: the monthly profile, else annual target × months elapsed / 12.", "ytdTarget", "ytd_target", (f, _) => f.YtdTarget);
        yield return Number("target", "The annual target for the financial year.", "target", "target", (f, _) => f.Target);
    }

    /// <param name="alias">For the force measures of a group named otherwise: the prefix they take. They have no JSON path or column of their own, as the group's own measures carry them.</param>
    private static IEnumerable<Measure> PeerMeasures(string group, string? alias = null)
    {
        var p = alias ?? PrefixOf(group)!;
        var of = alias is null ? $"the {group} group" : $"the police force area (the {group} group)";
        string? Json(string path) => alias is null ? $"peers.{group}.{path}" : null;
        string? Column(string what) => alias is null ? ColumnOf(group, what) : null;
        yield return Whole(p + "Size", $"How many of {of} have a figure to rank.", Json("size"), Column("size"), group, (f, _) => f.PeerFigure(group, PeerFigure.Size));
        yield return Whole(p + "ChangeRank", $"Rank by change % in {of}; 1 is best.", Json("changeRank"), null, group, (f, _) => f.PeerFigure(group, PeerFigure.ChangeRank));
        yield return Whole(p + "ChangeQuartile", $"Quartile of the change rank in {of}; 4 is the bottom.", Json("changeQuartile"), null, group, (f, _) => f.PeerFigure(group, PeerFigure.ChangeQuartile));
        yield return Whole(p + "RateRank", $"Rank by rate per 1,000 in {of}; 1 is best.", Json("rateRank"), null, group, (f, _) => f.PeerFigure(group, PeerFigure.RateRank));
        yield return Whole(p + "RateQuartile", $"Quartile of the rate rank in {of}.", Json("rateQuartile"), null, group, (f, _) => f.PeerFigure(group, PeerFigure.RateQuartile));
        yield return Whole(p + "Rank", $"The benchmark rank in {of}: supplied, else by rate, else by change.", Json("rank"), Column("rank"), group, (f, _) => f.PeerFigure(group, PeerFigure.Rank));
        yield return Whole(p + "Quartile", $"Quartile of the benchmark rank in {of}; 4 is the bottom.", Json("quartile"), null, group, (f, _) => f.PeerFigure(group, PeerFigure.Quartile));
        yield return new Measure(p + "RankBasis", $"What the benchmark rank in {of} is: supplied, rate or change.", MeasureKind.Text, Json("rankBasis"), null, RankBases, group)
        {
            ReadText = (f, _) => f.PeerRankBasis(group),
        };
    }

    private static IEnumerable<Measure> SpcMeasures()
    {
        yield return Number("spcMean", "SPC centre line: the mean of the monthly values charted.", "spc.mean", null, (f, _) => f.Spc?.Mean);
        yield return Number("spcUpperLimit", "SPC upper process limit.", "spc.upperLimit", null, (f, _) => f.Spc?.UpperLimit);
        yield return Number("spcLowerLimit", "SPC lower process limit (0 at least, for counts).", "spc.lowerLimit", null, (f, _) => f.Spc?.LowerLimit);
        yield return Text("spcSignal", "The SPC special cause flagging the month: beyond-limits, trend (7 rising or falling), two-of-three (the month and one of the two before it between a near limit and the process limit, all on one side of the mean) or shift (7 on one side of the mean); none without one.", "spc.signal", SpcSignals, (f, _) => f.Spc?.Signal);
        yield return Text("spcVariation", "common-cause when the signal is none; with a special cause, concern or improvement by polarity, or neutral for monitor indicators.", "spc.variation", SpcVariations, (f, _) => f.Spc?.Variation);
    }

    private static Measure Number(string name, string meaning, string json, string? column, Func<IFactReading, Indicator, double?> read) =>
        new(name, meaning, MeasureKind.Number, json, column, [], null) { ReadNumber = read };

    private static Measure Whole(string name, string meaning, string? json, string? column, string group, Func<IFactReading, Indicator, int?> read) =>
        new(name, meaning, MeasureKind.Whole, json, column, [], group) { ReadWhole = read };

    private static Measure Text(string name, string meaning, string? json, IReadOnlyList<string> allowed, Func<IFactReading, Indicator, string?> read) =>
        new(name, meaning, MeasureKind.Text, json, null, allowed, null) { ReadText = read };
}

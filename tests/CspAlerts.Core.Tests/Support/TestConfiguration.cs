using CspAlerts.Diagnostics;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Support;

/// <summary>
/// A configuration built in code for tests: the 32 London boroughs, the City of London, the
/// <c>london</c> aggregate, the labels MPS and LFB files use for no borough, and a small indicator
/// catalogue with the real MPS and LFB mappings.
/// </summary>
public static class TestConfiguration
{
    private static readonly SourceLocation Here = new("TestConfiguration.cs", 1, 1);

    /// <summary>The 32 boroughs: the members of the <c>met</c> peer group.</summary>
    public static IReadOnlyList<Area> Boroughs { get; } =
    [
        Borough("barking-and-dagenham", "Barking and Dagenham", "E09000002"),
        Borough("barnet", "Barnet", "E09000003"),
        Borough("bexley", "Bexley", "E09000004"),
        Borough("brent", "Brent", "E09000005"),
        Borough("bromley", "Bromley", "E09000006"),
        Borough("camden", "Camden", "E09000007"),
        Borough("croydon", "Croydon", "E09000008"),
        Borough("ealing", "Ealing", "E09000009"),
        Borough("enfield", "Enfield", "E09000010"),
        Borough("greenwich", "Greenwich", "E09000011"),
        Borough("hackney", "Hackney", "E09000012"),
        Borough("hammersmith-and-fulham", "Hammersmith and Fulham", "E09000013"),
        Borough("haringey", "Haringey", "E09000014"),
        Borough("harrow", "Harrow", "E09000015"),
        Borough("havering", "Havering", "E09000016"),
        Borough("hillingdon", "Hillingdon", "E09000017"),
        Borough("hounslow", "Hounslow", "E09000018"),
        Borough("islington", "Islington", "E09000019"),
        Borough("kensington-and-chelsea", "Kensington and Chelsea", "E09000020"),
        Borough("kingston-upon-thames", "Kingston upon Thames", "E09000021"),
        Borough("lambeth", "Lambeth", "E09000022"),
        Borough("lewisham", "Lewisham", "E09000023"),
        Borough("merton", "Merton", "E09000024"),
        Borough("newham", "Newham", "E09000025"),
        Borough("redbridge", "Redbridge", "E09000026"),
        Borough("richmond-upon-thames", "Richmond upon Thames", "E09000027"),
        Borough("southwark", "Southwark", "E09000028"),
        Borough("sutton", "Sutton", "E09000029"),
        Borough("tower-hamlets", "Tower Hamlets", "E09000030"),
        Borough("waltham-forest", "Waltham Forest", "E09000031"),
        Borough("wandsworth", "Wandsworth", "E09000032"),
        Borough("westminster", "Westminster", "E09000033"),
    ];

    public static IReadOnlyList<string> IgnoredLabels { get; } =
        ["London Heathrow and London City Airports", "Unknown", "not geo-coded"];

    public static IReadOnlyList<Indicator> Indicators { get; } =
    [
        Crime("burglary", "Burglary", Polarity.LowerIsBetter,
            old: [new MpsCategory("Burglary", null)],
            @new: [new MpsCategory("BURGLARY", null)]),
        Crime("residential-burglary", "Residential burglary", Polarity.LowerIsBetter,
            old: [new MpsCategory("Burglary", ["Domestic Burglary"])],
            @new: [new MpsCategory("BURGLARY", ["BURGLARY IN A DWELLING", "BURGLARY - RESIDENTIAL", "RES BURGLARY OF A HOME", "RES BURGLARY OF UNCONNECTED BUILDING"])]),
        Crime("robbery", "Robbery", Polarity.LowerIsBetter,
            old: [new MpsCategory("Robbery", null)],
            @new: [new MpsCategory("ROBBERY", null)]),
        Crime("theft-from-person", "Theft from the person", Polarity.LowerIsBetter,
            old: [new MpsCategory("Theft", ["Theft from Person"])],
            @new: [new MpsCategory("THEFT", ["THEFT FROM THE PERSON"])]),
        Crime("total-notifiable-offences", "Total notifiable offences", Polarity.LowerIsBetter,
            old: [new MpsCategory("*", null)],
            @new: [new MpsCategory("*", null)]),
        Crime("rape", "Rape", Polarity.Monitor,
            old: [new MpsCategory("Sexual Offences", ["Rape"])],
            @new: [new MpsCategory("SEXUAL OFFENCES", ["RAPE"])]),
        Fire("deliberate-fires", "Arson (all deliberate fires)", "ALL DELIBERATE FIRES"),
        Fire("deliberate-rubbish-and-vehicle-fires", "Deliberate rubbish and vehicle fires", "DELIBERATE FIRES IN RUBBISH", "deliberate vehicle fires"),
        Canonical("proven-reoffending", "Rate of proven re-offending (adults and juveniles)", "reoffending", IndicatorUnit.Percent),
        Canonical("proven-reoffending-young-people", "Proven re-offending of young people", "youth-offending", IndicatorUnit.Percent),
        Canonical("first-time-entrants", "First time entrants to the youth justice system", "youth-offending", IndicatorUnit.Rate),
        Canonical("serious-youth-violence", "Serious youth violence", "gangs-and-serious-youth-violence", IndicatorUnit.Count),
    ];

    /// <summary>The configuration: boroughs, City of London, <c>london</c>, the <c>met</c> and <c>msg</c> groups and the catalogue above.</summary>
    public static CspConfiguration Create()
    {
        var areas = Boroughs
            .Append(new Area("city-of-london", "City of London", "E09000001", [], new Dictionary<int, long>(), null, Here))
            .Append(new Area("london", "London", "E12000007", [], new Dictionary<int, long>(), "met", Here))
            .ToList();
        var met = new PeerGroup(
            "met", "Metropolitan Police Service boroughs", [.. Boroughs.Select(b => b.Id)],
            new Dictionary<string, IReadOnlyList<string>>(), Here);
        // As shipped: each area's Most Similar Group, with no published lists, so ranks in it are supplied.
        var msg = new PeerGroup("msg", "Most Similar Group", [], new Dictionary<string, IReadOnlyList<string>>(), Here);
        return new CspConfiguration(areas, IgnoredLabels, [met, msg], Indicators, [], [], Schedule.Empty, []);
    }

    private static Area Borough(string id, string name, string onsCode) =>
        new(id, name, onsCode, [], new Dictionary<int, long>(), null, Here);

    private static Indicator Crime(string id, string name, Polarity polarity, IReadOnlyList<MpsCategory> old, IReadOnlyList<MpsCategory> @new) =>
        new(id, name, "crime", ["prevention", "protection", "perpetrators"], polarity, IndicatorUnit.Count, "crime-lead", [],
            new IndicatorSources(old, @new, []), Here);

    private static Indicator Fire(string id, string name, params string[] calloutTypes) =>
        new(id, name, "fire", ["prevention", "protection"], Polarity.LowerIsBetter, IndicatorUnit.Count, "fire-lead", [],
            new IndicatorSources([], [], calloutTypes), Here);

    private static Indicator Canonical(string id, string name, string group, IndicatorUnit unit) =>
        new(id, name, group, ["perpetrators"], Polarity.LowerIsBetter, unit, "reoffending-lead", [], IndicatorSources.None, Here);
}

namespace CspAlerts.Model;

/// <summary>
/// Builds a fact from measures given by name, as a rule test gives them. A figure not given is
/// derived where the given ones allow, as the measures would derive it (change from value and
/// previous, change % from them, a quartile from its rank and size); otherwise it is missing.
/// </summary>
public static class GivenFacts
{
    /// <summary>The history a fact has when the test does not give one: enough for every measure.</summary>
    public const int DefaultHistory = 24;

    private static readonly string[] Scalars =
    [
        "value", "previous", "change", "changePct", "rate", "londonChangePct", "londonValue", "londonRate", "englandValue",
        "ytd", "ytdTarget", "target", "history", "spcMean", "spcUpperLimit", "spcLowerLimit", "spcSignal", "spcVariation",
    ];

    /// <summary>
    /// Why a measure cannot be given directly, or null when it can. The indicator's own attributes
    /// (polarity, unit) come from the indicator the test names.
    /// </summary>
    public static string? CannotGive(Measure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        if (measure.JsonPath is null)
        {
            return $"{measure.Name} comes from the indicator the test names, not from its facts; name an indicator with the {measure.Name} you mean";
        }

        return measure.PeerGroup is not null || Scalars.Contains(measure.Name, StringComparer.Ordinal) || PropertyFor(measure) is not null
            ? null
            : $"{measure.Name} cannot be given as a fact yet; give the test a monthly series instead";
    }

    /// <summary>The fact the figures make for an indicator in an area at a month.</summary>
    public static Fact Build(Indicator indicator, string area, Period period, IEnumerable<GivenFigure> figures, MeasureCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(catalogue);
        var given = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var figure in figures)
        {
            if (catalogue.Find(figure.Measure) is { } measure)
            {
                given[measure.Name] = figure.Value;
            }
        }

        double? Number(string name) => given.GetValueOrDefault(name) switch
        {
            double d => d,
            int i => i,
            long l => l,
            _ => null,
        };

        int? Whole(string name) => given.GetValueOrDefault(name) switch
        {
            int i => i,
            long l => (int)l,
            double d => (int)d,
            _ => null,
        };

        var value = Number("value");
        var previous = Number("previous");
        var change = given.ContainsKey("change") ? Number("change") : value - previous;
        var changePct = given.ContainsKey("changePct") ? Number("changePct")
            : change is double c && previous is double p && p != 0 ? 100 * c / p : null;

        var peers = new Dictionary<string, PeerPosition>(StringComparer.Ordinal);
        foreach (var group in catalogue.PeerGroups)
        {
            if (MeasureCatalogue.PrefixOf(group) is not { } prefix || !given.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal) && catalogue.Find(k)?.PeerGroup == group))
            {
                continue;
            }

            var rank = Whole(prefix + "Rank");
            var rateRank = Whole(prefix + "RateRank");
            var changeRank = Whole(prefix + "ChangeRank");
            var size = Whole(prefix + "Size") ?? 0;
            int? Quartile(string name, int? of) => given.ContainsKey(prefix + name) ? Whole(prefix + name) : PeerPosition.QuartileOf(of, size);
            var basis = given.GetValueOrDefault(prefix + "RankBasis") as string
                ?? (rank is null ? null : PeerPosition.ByRate);
            peers[group] = new PeerPosition(
                size,
                changeRank,
                Quartile("ChangeQuartile", changeRank),
                rateRank,
                Quartile("RateQuartile", rateRank),
                rank,
                Quartile("Quartile", rank),
                basis);
        }

        SpcResult? spc = null;
        if (given.Keys.Any(k => k.StartsWith("spc", StringComparison.Ordinal)))
        {
            var signal = given.GetValueOrDefault("spcSignal") as string ?? "none";
            var variation = given.GetValueOrDefault("spcVariation") as string
                ?? (signal == "none" ? "common-cause" : indicator.IsMonitor ? "neutral" : "concern");
            spc = new SpcResult(Number("spcMean") ?? 0, Number("spcUpperLimit") ?? 0, Number("spcLowerLimit") ?? 0, signal, variation);
        }

        var fact = new Fact(
            indicator.Id,
            area,
            period,
            value,
            previous,
            change,
            changePct,
            Number("rate"),
            Number("londonChangePct"),
            Number("londonValue"),
            Number("englandValue"),
            Number("ytd"),
            Number("ytdTarget"),
            Number("target"),
            peers,
            spc,
            null)
        {
            LondonRate = Number("londonRate"),
            History = given.ContainsKey("history") ? Whole("history") ?? 0 : DefaultHistory,
        };

        // A measure added to the fact later (a property named after it) can be given without a change here.
        foreach (var name in given.Keys.Where(k => !Scalars.Contains(k, StringComparer.Ordinal)))
        {
            if (catalogue.Find(name) is { PeerGroup: null } measure && PropertyFor(measure) is { } property)
            {
                property.SetValue(fact, property.PropertyType == typeof(int?) ? Whole(name) : Number(name));
            }
        }

        return fact;
    }

    /// <summary>The fact's own property that holds a top-level measure (<c>changeP</c> → <c>ChangeP</c>), or null.</summary>
    private static System.Reflection.PropertyInfo? PropertyFor(Measure measure) =>
        measure.JsonPath is { } path && !path.Contains('.', StringComparison.Ordinal)
        && typeof(Fact).GetProperty(char.ToUpperInvariant(path[0]) + path[1..]) is { CanWrite: true } property
        && (property.PropertyType == typeof(double?) || property.PropertyType == typeof(int?))
            ? property
            : null;
}

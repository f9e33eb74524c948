using CspAlerts.Model;

namespace CspAlerts.Rules;

/// <summary>
/// What a rule condition sees: one fact's measures, read through the measure catalogue, plus
/// polarity-aware helpers. Conditions name measures bare and in any case (<c>changePct &gt;= 10</c>);
/// the sandbox binds each name to <see cref="Number"/>, <see cref="Whole"/> or <see cref="Text"/> with
/// the measure's index, so a condition reads only the measures it names.
/// </summary>
public sealed class RuleFact
{
    /// <summary>Helper methods a condition may call.</summary>
    internal static readonly IReadOnlyList<string> FunctionNames = [nameof(Worse), nameof(Worsening)];

    private readonly MeasureCatalogue _catalogue;
    private readonly IFactReading _reading;

    public RuleFact(Fact fact, Indicator indicator, MeasureCatalogue catalogue)
        : this((IFactReading)fact, indicator, catalogue)
    {
        ArgumentNullException.ThrowIfNull(fact);
    }

    /// <summary>
    /// A view that reads its measures from <paramref name="reading"/> as they are asked for. Over a
    /// series read in place, it follows the reading from month to month: it is valid only while the
    /// reading stays at the month the view is asked about.
    /// </summary>
    internal RuleFact(IFactReading reading, Indicator indicator, MeasureCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(catalogue);
        _reading = reading;
        Indicator = indicator;
        _catalogue = catalogue;
    }

    /// <summary>The fact with every measure; over a series read in place, built when asked for.</summary>
    public Fact Fact => _reading.ToFact();

    public Indicator Indicator { get; }

    /// <summary>The measures this fact is read through.</summary>
    public MeasureCatalogue Catalogue => _catalogue;

    /// <summary>The numeric measure at catalogue index <paramref name="measure"/>.</summary>
    public double? Number(int measure) => _catalogue.At(measure).ReadNumber!(_reading, Indicator);

    /// <summary>The whole-number measure (a rank, quartile or size) at catalogue index <paramref name="measure"/>.</summary>
    public int? Whole(int measure) => _catalogue.At(measure).ReadWhole!(_reading, Indicator);

    /// <summary>The text measure at catalogue index <paramref name="measure"/>.</summary>
    public string? Text(int measure) => _catalogue.At(measure).ReadText!(_reading, Indicator);

    /// <summary>The value of a measure by name (a double, an int or a string), or null.</summary>
    public object? ValueOf(string measure) => _catalogue.Find(measure) is { } m ? ValueOf(m) : null;

    /// <summary>The value of a measure (a double, an int or a string), or null.</summary>
    internal object? ValueOf(Measure measure) => measure.ValueIn(_reading, Indicator);

    /// <summary>True when <paramref name="a"/> is worse than <paramref name="b"/> for this indicator; false for monitor indicators or a null.</summary>
    public bool Worse(double? a, double? b) => (a, b) switch
    {
        (double x, double y) => Indicator.Polarity switch
        {
            Polarity.LowerIsBetter => x > y,
            Polarity.HigherIsBetter => x < y,
            _ => false,
        },
        _ => false,
    };

    /// <summary>How much worse a change is: x when lower is better, −x when higher is better, null for monitor indicators.</summary>
    public double? Worsening(double? x) => Indicator.Polarity switch
    {
        Polarity.LowerIsBetter => x,
        Polarity.HigherIsBetter => -x,
        _ => null,
    };

    /// <summary>How the sandbox binds each measure name: <c>Number(3)</c>, <c>Whole(14)</c>, <c>Text(40)</c>.</summary>
    internal static Dictionary<string, string> Bindings(MeasureCatalogue catalogue) =>
        catalogue.All.Select((m, i) => (m, i)).ToDictionary(
            x => x.m.Name,
            x => x.m.Kind switch
            {
                MeasureKind.Number => $"{nameof(Number)}({x.i})",
                MeasureKind.Whole => $"{nameof(Whole)}({x.i})",
                _ => $"{nameof(Text)}({x.i})",
            },
            StringComparer.Ordinal);
}

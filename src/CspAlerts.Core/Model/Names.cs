namespace CspAlerts.Model;

/// <summary>The spellings the YAML files and the JSON output use for enumerations.</summary>
public static class Names
{
    /// <summary>Every polarity as the files spell it.</summary>
    public static readonly IReadOnlyList<string> Polarities = ["lower-is-better", "higher-is-better", "monitor"];

    /// <summary>Every unit as the files spell it.</summary>
    public static readonly IReadOnlyList<string> Units = ["count", "rate", "percent"];

    public static string Of(Polarity polarity) => polarity switch
    {
        Polarity.LowerIsBetter => "lower-is-better",
        Polarity.HigherIsBetter => "higher-is-better",
        _ => "monitor",
    };

    public static string Of(IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Count => "count",
        IndicatorUnit.Rate => "rate",
        _ => "percent",
    };

    public static string Of(Rag rag) => rag switch
    {
        Rag.Red => "red",
        Rag.Amber => "amber",
        _ => "green",
    };
}

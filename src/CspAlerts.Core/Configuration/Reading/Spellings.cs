using CspAlerts.Model;

namespace CspAlerts.Configuration.Reading;

/// <summary>The enumerations as the YAML spells them; the schema has already held each value to one of these.</summary>
internal static class Spellings
{
    public static Polarity ParsePolarity(string text) => text switch
    {
        "higher-is-better" => Polarity.HigherIsBetter,
        "monitor" => Polarity.Monitor,
        _ => Polarity.LowerIsBetter,
    };

    public static IndicatorUnit ParseUnit(string text) => text switch
    {
        "rate" => IndicatorUnit.Rate,
        "percent" => IndicatorUnit.Percent,
        _ => IndicatorUnit.Count,
    };

    public static Rag ParseRag(string text) => text switch
    {
        "amber" => Rag.Amber,
        "green" => Rag.Green,
        _ => Rag.Red,
    };

    public static OwnerRole ParseRole(string text) => text == "chair" ? OwnerRole.Chair : OwnerRole.Lead;
}

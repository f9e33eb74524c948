using CspAlerts.Measures;
using CspAlerts.Model;

namespace CspAlerts.Rules;

/// <summary>
/// What a rule condition sees: the scalar measures of one fact, flattened, plus polarity-aware
/// helpers. Conditions name these members bare and in any case (<c>changePct &gt;= 10</c>).
/// </summary>
public sealed class RuleFact
{
    /// <summary>Measures a condition or message may name, mapped to the member that holds them.</summary>
    internal static readonly IReadOnlyList<string> MeasureNames =
    [
        nameof(Value), nameof(Previous), nameof(Change), nameof(ChangePct), nameof(Rate), nameof(Ytd), nameof(YtdTarget),
        nameof(Target), nameof(LondonChangePct), nameof(LondonValue), nameof(EnglandValue),
        nameof(MetRank), nameof(MetQuartile), nameof(MetSize), nameof(MetChangeRank), nameof(MetChangeQuartile),
        nameof(MetRateRank), nameof(MetRateQuartile),
        nameof(MsgRank), nameof(MsgQuartile), nameof(MsgSize), nameof(MsgChangeRank), nameof(MsgChangeQuartile),
        nameof(MsgRateRank), nameof(MsgRateQuartile),
        nameof(SpcSignal), nameof(SpcVariation), nameof(Polarity), nameof(Unit),
    ];

    /// <summary>Helper methods a condition may call.</summary>
    internal static readonly IReadOnlyList<string> FunctionNames = [nameof(Worse), nameof(Worsening)];

    private readonly Polarity _polarity;

    public RuleFact(Fact fact, Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(indicator);
        _polarity = indicator.Polarity;
        Value = fact.Value;
        Previous = fact.Previous;
        Change = fact.Change;
        ChangePct = fact.ChangePct;
        Rate = fact.Rate;
        Ytd = fact.Ytd;
        YtdTarget = fact.YtdTarget;
        Target = fact.Target;
        LondonChangePct = fact.LondonChangePct;
        LondonValue = fact.LondonValue;
        EnglandValue = fact.EnglandValue;
        var met = fact.Peers.GetValueOrDefault("met");
        MetRank = met?.Rank;
        MetQuartile = met?.Quartile;
        MetSize = met?.Size;
        MetChangeRank = met?.ChangeRank;
        MetChangeQuartile = met?.ChangeQuartile;
        MetRateRank = met?.RateRank;
        MetRateQuartile = met?.RateQuartile;
        var msg = fact.Peers.GetValueOrDefault("msg");
        MsgRank = msg?.Rank;
        MsgQuartile = msg?.Quartile;
        MsgSize = msg?.Size;
        MsgChangeRank = msg?.ChangeRank;
        MsgChangeQuartile = msg?.ChangeQuartile;
        MsgRateRank = msg?.RateRank;
        MsgRateQuartile = msg?.RateQuartile;
        SpcSignal = fact.Spc?.Signal;
        SpcVariation = fact.Spc?.Variation;
        Polarity = Names.Of(indicator.Polarity);
        Unit = Names.Of(indicator.Unit);
    }

    public double? Value { get; }

    public double? Previous { get; }

    public double? Change { get; }

    public double? ChangePct { get; }

    public double? Rate { get; }

    public double? Ytd { get; }

    public double? YtdTarget { get; }

    public double? Target { get; }

    public double? LondonChangePct { get; }

    public double? LondonValue { get; }

    public double? EnglandValue { get; }

    public int? MetRank { get; }

    public int? MetQuartile { get; }

    public int? MetSize { get; }

    public int? MetChangeRank { get; }

    public int? MetChangeQuartile { get; }

    public int? MetRateRank { get; }

    public int? MetRateQuartile { get; }

    public int? MsgRank { get; }

    public int? MsgQuartile { get; }

    public int? MsgSize { get; }

    public int? MsgChangeRank { get; }

    public int? MsgChangeQuartile { get; }

    public int? MsgRateRank { get; }

    public int? MsgRateQuartile { get; }

    /// <summary>The SPC special cause flagging the month: none, beyond-limits, trend, two-of-three or shift.</summary>
    public string? SpcSignal { get; }

    /// <summary>common-cause, concern, improvement or neutral.</summary>
    public string? SpcVariation { get; }

    /// <summary>lower-is-better, higher-is-better or monitor.</summary>
    public string Polarity { get; }

    /// <summary>count, rate or percent.</summary>
    public string Unit { get; }

    /// <summary>True when <paramref name="a"/> is worse than <paramref name="b"/> for this indicator; false for monitor indicators or a null.</summary>
    public bool Worse(double? a, double? b) => (a, b) switch
    {
        (double x, double y) => _polarity switch
        {
            Model.Polarity.LowerIsBetter => x > y,
            Model.Polarity.HigherIsBetter => x < y,
            _ => false,
        },
        _ => false,
    };

    /// <summary>How much worse a change is: x when lower is better, −x when higher is better, null for monitor indicators.</summary>
    public double? Worsening(double? x) => _polarity switch
    {
        Model.Polarity.LowerIsBetter => x,
        Model.Polarity.HigherIsBetter => -x,
        _ => null,
    };
}

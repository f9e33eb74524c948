namespace CspAlerts.Model;

/// <summary>
/// The measures of one indicator × area × month as the measure catalogue reads them: a built
/// <see cref="Fact"/>, or a series read in place at one month, which works a measure out only when
/// a rule reads it. Both give the same figures.
/// </summary>
internal interface IFactReading
{
    double? Value { get; }

    double? Previous { get; }

    double? Change { get; }

    double? ChangePct { get; }

    double? ChangeP { get; }

    double? Rate { get; }

    double? LondonChangePct { get; }

    double? LondonValue { get; }

    double? LondonRate { get; }

    double? LondonRateZ { get; }

    double? ForceChangePct { get; }

    double? ForceRate { get; }

    double? EnglandValue { get; }

    double? Ytd { get; }

    double? YtdTarget { get; }

    double? Target { get; }

    int History { get; }

    /// <summary>The SPC chart's figures at the month, or null with fewer than 12 months.</summary>
    SpcFigures? Spc { get; }

    /// <summary>One figure of the area's place in a peer group, or null when it has none there.</summary>
    int? PeerFigure(string group, PeerFigure figure);

    /// <summary>What the benchmark rank in a peer group is, or null when the area has none there.</summary>
    string? PeerRankBasis(string group);

    /// <summary>The whole fact, built with every measure.</summary>
    Fact ToFact();
}

/// <summary>The whole-number figures of a <see cref="PeerPosition"/>.</summary>
internal enum PeerFigure
{
    Size,
    ChangeRank,
    ChangeQuartile,
    RateRank,
    RateQuartile,
    Rank,
    Quartile,
}

/// <summary>The figures of an XmR chart at its latest month, as a value: what <see cref="SpcResult"/> holds.</summary>
internal readonly record struct SpcFigures(double Mean, double UpperLimit, double LowerLimit, string Signal, string Variation)
{
    public static SpcFigures? Of(SpcResult? spc) =>
        spc is null ? null : new SpcFigures(spc.Mean, spc.UpperLimit, spc.LowerLimit, spc.Signal, spc.Variation);

    public SpcResult ToResult() => new(Mean, UpperLimit, LowerLimit, Signal, Variation);
}

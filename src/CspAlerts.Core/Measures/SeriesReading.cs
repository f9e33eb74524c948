using CspAlerts.Ingest;
using CspAlerts.Model;

namespace CspAlerts.Measures;

/// <summary>
/// One series of a <see cref="FactTable"/> read in place at one month: each measure is worked out from
/// the series' arrays when it is read, and the costly ones (the SPC chart, the exact test, the peer
/// positions, the target) once per month at most. Rules read a few measures of each fact; a backtest
/// moves one reading along a series month by month instead of building a <see cref="Fact"/> for each.
/// <see cref="ToFact"/> builds the whole fact from the same figures, so both ways agree.
/// </summary>
/// <remarks>Not thread-safe: each worker moves its own reading.</remarks>
internal sealed class SeriesReading(CspConfiguration config, PopulationTable populations, Period first) : IFactReading
{
    private SeriesMeasures _s = null!;
    private int _t;
    private Period _period;
    private SuppliedFigures? _supplied;
    private bool _isCount;

    // Worked out on first read at this month.
    private bool _hasSpc, _hasChangeP, _hasTarget;
    private SpcFigures? _spc;
    private double? _changeP;
    private Target? _target;
    private readonly Peer[] _peers = new Peer[config.PeerGroups.Count];
    private readonly string[] _groupIds = [.. config.PeerGroups.Select(g => g.Id)];

    // The targets of the series read last, kept while the reading stays in it.
    private SeriesMeasures? _targetSeries;
    private IReadOnlyDictionary<int, Target>? _targets;

    public SeriesMeasures Series => _s;

    /// <summary>The month offset from the table's first month.</summary>
    public int Offset => _t;

    public Period Period => _period;

    /// <summary>Moves to the series at month offset <paramref name="t"/>; what was worked out for the last month is dropped.</summary>
    public SeriesReading MoveTo(SeriesMeasures series, int t)
    {
        _s = series;
        _t = t;
        _period = first.AddMonths(t);
        _supplied = series.SuppliedAt(t);
        _isCount = series.Indicator.Unit == IndicatorUnit.Count;
        _hasSpc = _hasChangeP = _hasTarget = false;
        Array.Clear(_peers);
        return this;
    }

    public double? Value => Known(_s.Value[_t]);

    public double? Previous => Known(_s.PreviousAt(_t));

    public double? Change => Value - Previous;

    public double? ChangePct => Known(_s.ChangePct[_t]);

    public double? ChangeP
    {
        get
        {
            if (!_hasChangeP)
            {
                _changeP = _isCount ? SmallNumbers.ChangeP(Previous, Value) : null;
                _hasChangeP = true;
            }

            return _changeP;
        }
    }

    public double? Rate => _isCount ? Known(_s.Rate[_t]) : null;

    public double? LondonChangePct => _isCount && _s.London is { } london ? Known(london.ChangePct[_t]) : null;

    public double? LondonValue => _supplied?.LondonValue ?? (!_isCount && _s.London is { } london ? Known(london.Value[_t]) : null);

    public double? LondonRate => _isCount && _s.London is { } london ? Known(populations.RateOf(london.Area, _period.Year, london.Value[_t])) : null;

    public double? LondonRateZ => _isCount ? SmallNumbers.FunnelZ(Rate, LondonRate, populations.Of(_s.Area, _period.Year)) : null;

    public double? ForceChangePct => Force is { } force ? Known(force.ChangePct[_t]) : null;

    public double? ForceRate => Force is { } force ? Known(PopulationTable.RateOf(force.ForceMembers!, _period.Year, force.Value[_t])) : null;

    public double? EnglandValue => _supplied?.EnglandValue;

    public double? Ytd => Known(_s.Ytd[_t]);

    public double? YtdTarget => _supplied?.YtdTarget
        ?? TargetSet?.YearToDateAt(_period)
        ?? (_supplied?.Target is double a ? a * _period.FinancialMonth / 12.0 : null);

    public double? Target => TargetSet?.Annual ?? TargetSet?.Profile?[^1] ?? _supplied?.Target;

    public int History => _s.History[_t];

    public double? MonthValue => Known(_s.Monthly[_t]);

    public SpcFigures? Spc
    {
        get
        {
            if (!_hasSpc)
            {
                var (start, length) = SpcWindow(_s, _t);
                _spc = length == 0 ? null : StatisticalProcessControl.Latest(_s.Monthly.AsSpan(start, length), _s.Indicator.Polarity, _s.Indicator.Unit);
                _hasSpc = true;
            }

            return _spc;
        }
    }

    public int? PeerFigure(string group, PeerFigure figure)
    {
        var g = GroupIndex(group);
        return g >= 0 && PeerAt(g).Known ? _peers[g].Figure(figure) : null;
    }

    public string? PeerRankBasis(string group)
    {
        var g = GroupIndex(group);
        return g >= 0 ? PeerAt(g).Basis : null;
    }

    /// <summary>The whole fact at this month, with every measure.</summary>
    public Fact ToFact() => new(
        _s.Indicator.Id,
        _s.Area.Id,
        _period,
        Value,
        Previous,
        Change,
        ChangePct,
        Rate,
        LondonChangePct,
        LondonValue,
        EnglandValue,
        Ytd,
        YtdTarget,
        Target,
        Peers(),
        Spc?.ToResult(),
        MonthValue)
    {
        LondonRate = LondonRate,
        ForceChangePct = ForceChangePct,
        ForceRate = ForceRate,
        History = History,
        ChangeP = ChangeP,
        LondonRateZ = LondonRateZ,
    };

    /// <summary>
    /// The months SPC charts at t: up to 24 consecutive months with a value, ending at t (none when t
    /// has no value). The series' history already counts the consecutive months ending at each month.
    /// </summary>
    internal static (int Start, int Length) SpcWindow(SeriesMeasures s, int t)
    {
        var length = Math.Min((int)s.History[t], StatisticalProcessControl.DefaultWindow);
        return (t - length + 1, length);
    }

    private SeriesMeasures? Force => _isCount ? _s.Force : null;

    private Target? TargetSet
    {
        get
        {
            if (!_hasTarget)
            {
                // The series' targets are looked up once, as the reading moves along it; a month's is then found by its year.
                if (!ReferenceEquals(_targetSeries, _s))
                {
                    _targets = config.TargetsOf(_s.Indicator.Id, _s.Area.Id);
                    _targetSeries = _s;
                }

                _target = _targets?.GetValueOrDefault(_period.FinancialYear);
                _hasTarget = true;
            }

            return _target;
        }
    }

    private Dictionary<string, PeerPosition> Peers()
    {
        var peers = new Dictionary<string, PeerPosition>(StringComparer.Ordinal);
        for (var g = 0; g < config.PeerGroups.Count; g++)
        {
            if (PeerAt(g) is { Known: true } p)
            {
                peers[config.PeerGroups[g].Id] = new PeerPosition(
                    p.Figure(Model.PeerFigure.Size)!.Value,
                    p.Figure(Model.PeerFigure.ChangeRank),
                    p.Figure(Model.PeerFigure.ChangeQuartile),
                    p.Figure(Model.PeerFigure.RateRank),
                    p.Figure(Model.PeerFigure.RateQuartile),
                    p.Figure(Model.PeerFigure.Rank),
                    p.Figure(Model.PeerFigure.Quartile),
                    p.Basis);
            }
        }

        return peers;
    }

    private int GroupIndex(string group)
    {
        // The catalogue's group ids are the configuration's own strings, so a reference check finds them at once.
        for (var g = 0; g < _groupIds.Length; g++)
        {
            if (ReferenceEquals(_groupIds[g], group))
            {
                return g;
            }
        }

        for (var g = 0; g < _groupIds.Length; g++)
        {
            if (string.Equals(_groupIds[g], group, StringComparison.Ordinal))
            {
                return g;
            }
        }

        return -1;
    }

    /// <summary>The area's place in peer group g at this month: the supplied rank, else the rate rank, else the change rank.</summary>
    private ref readonly Peer PeerAt(int g)
    {
        ref var peer = ref _peers[g];
        if (peer.Read)
        {
            return ref peer;
        }

        int changeRank = 0, changeSize = 0, rateRank = 0, rateSize = 0;
        if (_s.Peers[g] is { } computed)
        {
            (changeRank, changeSize) = (computed.ChangeRank[_t], computed.ChangeSize[_t]);
            (rateRank, rateSize) = (computed.RateRank[_t], computed.RateSize[_t]);
        }

        if (_supplied?.RankIn(_groupIds[g]) is { } own)
        {
            peer = new Peer(changeRank, changeSize, rateRank, rateSize, own.Rank, own.Size, PeerPosition.Supplied);
        }
        else if (rateRank > 0)
        {
            peer = new Peer(changeRank, changeSize, rateRank, rateSize, rateRank, rateSize, PeerPosition.ByRate);
        }
        else if (changeRank > 0)
        {
            peer = new Peer(changeRank, changeSize, rateRank, rateSize, changeRank, changeSize, PeerPosition.ByChange);
        }
        else
        {
            peer = Peer.None;
        }

        return ref peer;
    }

    private static double? Known(double value) => double.IsNaN(value) ? null : value;

    /// <summary>
    /// A peer position as figures, kept without allocating. A computed rank of 0 is none. The default
    /// value is one not worked out yet (<see cref="Read"/> false); <see cref="Known"/> is false where the
    /// area has no position in the group.
    /// </summary>
    private readonly struct Peer(int changeRank, int changeSize, int rateRank, int rateSize, int rank, int size, string? basis)
    {
        public static readonly Peer None = new(0, 0, 0, 0, 0, 0, null);

        public bool Read { get; } = true;

        public string? Basis => basis;

        public bool Known => basis is not null;

        public int? Figure(PeerFigure figure) => figure switch
        {
            Model.PeerFigure.Size => size,
            Model.PeerFigure.ChangeRank => changeRank > 0 ? changeRank : null,
            Model.PeerFigure.ChangeQuartile => changeRank > 0 && changeSize > 0 ? PeerPosition.QuartileOf(changeRank, changeSize) : null,
            Model.PeerFigure.RateRank => rateRank > 0 ? rateRank : null,
            Model.PeerFigure.RateQuartile => rateRank > 0 && rateSize > 0 ? PeerPosition.QuartileOf(rateRank, rateSize) : null,
            Model.PeerFigure.Rank => rank,
            _ => size > 0 ? PeerPosition.QuartileOf(rank, size) : null,
        };
    }
}

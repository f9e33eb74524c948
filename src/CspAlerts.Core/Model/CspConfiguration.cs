namespace CspAlerts.Model;

/// <summary>Everything under <c>rules/</c>, loaded and checked: the partnership's whole configuration.</summary>
public sealed class CspConfiguration
{
    private readonly Dictionary<string, Area> _areas;
    private readonly Dictionary<string, Indicator> _indicators;
    private readonly Dictionary<string, PeerGroup> _peerGroups;
    private readonly Dictionary<string, Owner> _owners;
    private readonly Dictionary<(string Indicator, string Area), Dictionary<int, Target>> _targets;

    public CspConfiguration(
        IReadOnlyList<Area> areas,
        IReadOnlyList<string> ignoredAreaLabels,
        IReadOnlyList<PeerGroup> peerGroups,
        IReadOnlyList<Indicator> indicators,
        IReadOnlyList<Owner> owners,
        IReadOnlyList<Target> targets,
        Schedule schedule,
        IReadOnlyList<RuleDefinition> rules)
    {
        Areas = areas;
        PeerGroups = peerGroups;
        Indicators = indicators;
        Owners = owners;
        Targets = targets;
        Schedule = schedule;
        Rules = rules;
        _areas = areas.ToDictionary(a => a.Id, StringComparer.Ordinal);
        _indicators = indicators.ToDictionary(i => i.Id, StringComparer.Ordinal);
        _peerGroups = peerGroups.ToDictionary(g => g.Id, StringComparer.Ordinal);
        _owners = owners.ToDictionary(o => o.Id, StringComparer.Ordinal);
        _targets = [];
        foreach (var target in targets)
        {
            if (!_targets.TryGetValue((target.Indicator, target.Area), out var years))
            {
                _targets[(target.Indicator, target.Area)] = years = [];
            }

            years.TryAdd(target.FinancialYear, target);
        }

        AreaNames = new AreaNameDirectory(areas, ignoredAreaLabels);
        Measures = new MeasureCatalogue(peerGroups.Select(g => g.Id), peerGroups.FirstOrDefault(g => g.IsForce)?.Id);
    }

    /// <summary>The measures every fact carries, with one set of peer measures per configured peer group.</summary>
    public MeasureCatalogue Measures { get; }

    public IReadOnlyList<Area> Areas { get; }

    public IReadOnlyList<PeerGroup> PeerGroups { get; }

    public IReadOnlyList<Indicator> Indicators { get; }

    public IReadOnlyList<Owner> Owners { get; }

    public IReadOnlyList<Target> Targets { get; }

    public Schedule Schedule { get; }

    public IReadOnlyList<RuleDefinition> Rules { get; }

    /// <summary>The rule unit tests under the rules folder (files whose top-level key is <c>tests</c>), in file order.</summary>
    public IReadOnlyList<RuleTestCase> RuleTests { get; init; } = [];

    /// <summary>The partnership this configuration is for, or null when none is named: then every area is its own.</summary>
    public Partnership? Partnership { get; init; }

    /// <summary>What loaded but is worth an analyst's attention; <c>validate</c> prints these.</summary>
    public IReadOnlyList<Diagnostics.ConfigError> Warnings { get; init; } = [];

    /// <summary>Resolves the area labels source files use to area ids.</summary>
    public AreaNameDirectory AreaNames { get; }

    public Area? FindArea(string id) => _areas.GetValueOrDefault(id);

    public Indicator? FindIndicator(string id) => _indicators.GetValueOrDefault(id);

    public PeerGroup? FindPeerGroup(string id) => _peerGroups.GetValueOrDefault(id);

    public Owner? FindOwner(string id) => _owners.GetValueOrDefault(id);

    /// <summary>The police force area group (<see cref="PeerGroup.IsForce"/>), when one is configured.</summary>
    public PeerGroup? ForceGroup => PeerGroups.FirstOrDefault(g => g.IsForce);

    /// <summary>The target for an indicator in an area in the financial year of a month, if one is set.</summary>
    public Target? FindTarget(string indicator, string area, Period period) =>
        TargetsOf(indicator, area)?.GetValueOrDefault(period.FinancialYear);

    /// <summary>The targets set for an indicator in an area, by financial year; null when none is.</summary>
    internal IReadOnlyDictionary<int, Target>? TargetsOf(string indicator, string area) =>
        _targets.GetValueOrDefault((indicator, area));
}

using CspAlerts.Alerts;
using CspAlerts.Evaluation;
using CspAlerts.Ingest;
using CspAlerts.Model;

namespace CspAlerts.Web;

/// <summary>One item on the exceptions page: an indicator in an area with its open alerts.</summary>
public sealed record BoardItem(Indicator Indicator, Area Area, Rag? Rag, bool Monitor, bool IsNew, bool Escalate, Period Since, IReadOnlyList<Alert> Alerts, string LeadName);

/// <summary>What the pages read: the alert state every node shares, and the figures of the latest data.</summary>
public sealed class Board(ServeOptions options, RuleSet rules, ServiceState service, SharedState state, Ingest.DatasetCache datasets) : IDisposable
{
    private readonly SemaphoreSlim _reading = new(1, 1);
    private Snapshot? _snapshot;

    /// <summary>The alert state as read at a run count, with its open alerts as items under the rules loaded then.</summary>
    private sealed record Snapshot(long Runs, DateTimeOffset RulesAt, Period? Period, IReadOnlyList<Alert> Alerts, IReadOnlyList<BoardItem> Items);

    public void Dispose() => _reading.Dispose();

    /// <summary>The state database the service shares.</summary>
    public Task<State.IStateDatabase> StoreAsync() => state.GetAsync();

    /// <summary>
    /// The state as the last run left it: its month, and its open alerts as items, worst first. The
    /// state is read again only when a run has committed since, or the rules changed: asking costs
    /// one count of the runs.
    /// </summary>
    public async Task<(Period? Period, IReadOnlyList<BoardItem> Items)> ItemsAsync()
    {
        var snapshot = await SnapshotAsync().ConfigureAwait(false);
        return (snapshot.Period, snapshot.Items);
    }

    /// <summary>Every alert of one item, whatever its state.</summary>
    public async Task<IReadOnlyList<Alert>> AlertsOfAsync(string indicator, string area)
    {
        var snapshot = await SnapshotAsync().ConfigureAwait(false);
        return [.. snapshot.Alerts.Where(a => a.Key.Indicator == indicator && a.Key.Area == area)];
    }

    private async Task<Snapshot> SnapshotAsync()
    {
        var store = await state.GetAsync().ConfigureAwait(false);
        var runs = await store.RunCountAsync().ConfigureAwait(false);
        var (engine, _, rulesAt) = rules.Working;
        if (Volatile.Read(ref _snapshot) is { } known && known.Runs == runs && known.RulesAt == rulesAt)
        {
            return known;
        }

        await _reading.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_snapshot is { } read && read.Runs == runs && read.RulesAt == rulesAt)
            {
                return read; // another request read it while this one waited
            }

            // Counted before reading, so a run committed in between is read again next time.
            var alertState = await store.ReadAsync().ConfigureAwait(false);
            var snapshot = new Snapshot(runs, rulesAt, alertState.LastPeriod, alertState.Alerts, Items(alertState.Alerts, engine.Configuration));
            Volatile.Write(ref _snapshot, snapshot);
            return snapshot;
        }
        finally
        {
            _reading.Release();
        }
    }

    private static List<BoardItem> Items(IReadOnlyList<Alert> alerts, CspConfiguration config) =>
        [.. alerts
            .Where(a => a.Status is AlertStatus.New or AlertStatus.Continuing)
            .GroupBy(a => (a.Key.Indicator, a.Key.Area))
            .Select(g =>
            {
                var indicator = config.FindIndicator(g.Key.Indicator);
                var area = config.FindArea(g.Key.Area);
                if (indicator is null || area is null)
                {
                    return null; // an alert of an indicator or area the rules no longer have
                }

                var rated = g.Where(a => !a.Monitor && a.Rag is not null).Select(a => a.Rag!.Value).ToList();
                var lead = config.FindOwner(indicator.Lead)?.Name ?? indicator.Lead;
                return new BoardItem(indicator, area, rated.Count > 0 ? rated.Min() : null, rated.Count == 0, g.Any(a => a.Status == AlertStatus.New),
                    g.Any(a => a.Escalate && !a.Monitor), g.Min(a => a.Since), [.. g], lead);
            })
            .OfType<BoardItem>()
            .OrderBy(i => i.Monitor)
            .ThenBy(i => i.Rag ?? Rag.Green)
            .ThenBy(i => i.Indicator.Name, StringComparer.Ordinal)
            .ThenBy(i => i.Area.Name, StringComparer.Ordinal)];

    /// <summary>The latest evaluation: this node's last run, or else the processed datasets evaluated now; null when there are none.</summary>
    public EvaluationResult? Latest()
    {
        if (service.Latest is { } latest)
        {
            return latest;
        }

        var processed = Path.Combine(options.FullPath(options.InboxPath), InboxJob.Processed);
        var files = Directory.Exists(processed) ? Directory.GetFiles(processed).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList() : [];
        if (files.Count == 0)
        {
            return null;
        }

        var result = rules.Working.Engine.Evaluate(new EvaluationRequest(files) { Revisions = RevisionPolicy.Newest, Cache = datasets });
        service.Evaluated(result);
        return result;
    }

    public CspConfiguration Configuration => rules.Working.Engine.Configuration;

    public RuleSet Rules => rules;

    public ServiceState Service => service;

    public ServeOptions Options => options;

    /// <summary>A slug as words, capitalised: <c>domestic-abuse</c> reads "Domestic abuse".</summary>
    public static string Title(string slug) => slug.Length == 0 ? slug : char.ToUpperInvariant(slug[0]) + slug[1..].Replace('-', ' ');

    public static string RagName(Rag? rag, bool monitor) => monitor ? "monitor" : rag is { } r ? Names.Of(r) : "none";
}

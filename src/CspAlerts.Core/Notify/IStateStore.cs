using CspAlerts.Alerts;
using CspAlerts.Model;

namespace CspAlerts.Notify;

/// <summary>Everything a run needs from the state store at its start.</summary>
/// <param name="LastPeriod">The latest month a run committed; null before the first.</param>
public sealed record AlertState(IReadOnlyList<Alert> Alerts, IReadOnlyList<Silence> Silences, Period? LastPeriod);

/// <summary>What one run commits, all at once: the alerts after it and the messages it queues.</summary>
/// <param name="RunKey">Identifies the run's input (the month and a digest of the data); committing the same key twice does nothing the second time.</param>
public sealed record RunCommit(string RunKey, Period Period, IReadOnlyList<Alert> Alerts, IReadOnlyList<OutgoingMessage> Outbox, DateTimeOffset At);

/// <summary>
/// The alert state store: SQLite by default, PostgreSQL when configured. A run reads the state,
/// works out the new one, and commits it with its outgoing messages in one transaction.
/// </summary>
public interface IStateStore
{
    Task<AlertState> ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>Commits a run atomically. Returns false, changing nothing, when a run with the same key was committed before.</summary>
    Task<bool> CommitAsync(RunCommit run, CancellationToken cancellationToken = default);
}

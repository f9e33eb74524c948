using CspAlerts.Alerts;
using CspAlerts.Notify;

namespace CspAlerts.State;

/// <summary>
/// One state database, opened and migrated: the alert state, the outbox and its audit trail, and the
/// analysts' silences and commentary. Open it with <see cref="StateStores"/>; dispose it when done.
/// </summary>
public interface IStateDatabase : IStateStore, IOutbox, IAnnotationStore, IAsyncDisposable
{
    /// <summary>Which database, for messages: its kind and file, or its server and name; never a password.</summary>
    string Description { get; }

    /// <summary>The schema version the database is at, which is the latest this code knows.</summary>
    int SchemaVersion { get; }

    /// <summary>
    /// How many runs have been committed. The alert state changes only when this does, so a reader
    /// may keep what it read until this moves.
    /// </summary>
    Task<long> RunCountAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until no other process or thread sharing this database holds the lock called
    /// <paramref name="name"/>, then holds it until the result is disposed. A holder that dies lets go
    /// at once: PostgreSQL ends a dead client's session advisory locks, and the operating system
    /// closes a dead process's lock file (SQLite, one machine).
    /// </summary>
    Task<IAsyncDisposable> HoldAsync(string name, CancellationToken cancellationToken = default);
}

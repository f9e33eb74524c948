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
}

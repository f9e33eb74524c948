using CspAlerts.Alerts;
using CspAlerts.Model;
using CspAlerts.Notify;

namespace CspAlerts.State.Tests;

/// <summary>
/// What every state database promises, run against SQLite (<see cref="SqliteTests"/>) and a real
/// PostgreSQL server (<see cref="PostgresTests"/>). Each test has a database of its own. The partial
/// files hold the schema, the commits, the outbox and the annotations.
/// </summary>
public abstract partial class StateDatabaseTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2024, 2, 3, 9, 30, 0, TimeSpan.Zero);
    protected static readonly Period December = new(2023, 12);
    protected static readonly Period January = new(2024, 1);
    protected static readonly Period February = new(2024, 2);

    private readonly List<IAsyncDisposable> _opened = [];

    private protected abstract int LatestVersion { get; }

    /// <summary>Opens the test's database, migrated up to <paramref name="version"/>; it is closed after the test.</summary>
    private protected async Task<StateStore> OpenAsync(int? version = null)
    {
        var store = await OpenStoreAsync(version ?? LatestVersion);
        _opened.Add(store);
        return store;
    }

    private protected abstract Task<StateStore> OpenStoreAsync(int version);

    /// <summary>Runs SQL on the test's database directly, as a person at its console would.</summary>
    protected abstract Task ExecuteAsync(string sql);

    protected abstract Task<long> CountAsync(string sql);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }
    }

    protected static Alert Alert(string rule, string area, AlertStatus status = AlertStatus.New, Rag? rag = Rag.Red) =>
        new(new AlertKey(rule, "burglary", area), status, December, January, rag, Monitor: false, Escalate: true, $"{rule} in {area}", null);

    protected static OutgoingMessage Message(string id, string recipient = "lead@hackney.example") =>
        new(id, recipient, $"Subject {id}", $"Text {id}", $"<p>Html {id}</p>", []);

    protected static RunCommit Run(string key, IReadOnlyList<Alert>? alerts = null, IReadOnlyList<OutgoingMessage>? outbox = null, Period? period = null) =>
        new(key, period ?? January, alerts ?? [], outbox ?? [], T0);

    /// <summary>Runs both at once on the thread pool, as two processes would.</summary>
    protected static Task<T[]> Together<T>(Func<Task<T>> first, Func<Task<T>> second) =>
        Task.WhenAll(Task.Run(first), Task.Run(second));
}

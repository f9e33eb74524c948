using CspAlerts.State;

namespace CspAlerts.Web;

/// <summary>
/// The state database, opened once for the life of the service and shared by its pages and jobs:
/// its connections are pooled, so a page does not pay for opening and checking the database. A
/// database that cannot be opened is tried again on the next use.
/// </summary>
public sealed class SharedState(ServeOptions options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IStateDatabase? _store;

    public async Task<IStateDatabase> GetAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _store) is { } open)
        {
            return open;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _store ??= await options.OpenStore().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }
}

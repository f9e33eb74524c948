using Hangfire;

namespace CspAlerts.Web;

/// <summary>
/// Watches the inbox and queues a Hangfire job for each file once it is complete: its size and time
/// unchanged for the settle time, so a file still being copied in is left alone. The folder's change
/// events wake it at once; it also looks every poll, for file systems that send no events (network
/// shares). Hidden files and <c>.part</c>, <c>.tmp</c> and <c>.crdownload</c> files are never taken.
/// Every node queues what it sees; the job makes sure each file is done once. On start, files a
/// stopped node left in <c>processing/</c> go back to the inbox.
/// </summary>
public sealed partial class InboxWatcher(ServeOptions options, IBackgroundJobClient jobs, InboxJob job, ILogger<InboxWatcher> logger) : BackgroundService
{
    private static readonly string[] Unfinished = [".part", ".tmp", ".crdownload", ".errors.txt"];
    private static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(20);
    private readonly Dictionary<string, Sighting> _seen = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changed = new(0, 1);

    /// <summary>A file as last seen: its size and time, since when (this machine's clock) they have not changed, and whether it is queued.</summary>
    private readonly record struct Sighting(long Length, DateTime Written, DateTimeOffset Since, bool Queued);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var inbox = options.FullPath(options.InboxPath);
        Directory.CreateDirectory(inbox);
        Log.Watching(logger, inbox);
        await job.RecoverAsync(stoppingToken).ConfigureAwait(false);

        using var events = new FileSystemWatcher(inbox) { NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
        events.Created += (_, _) => Wake();
        events.Changed += (_, _) => Wake();
        events.Renamed += (_, _) => Wake();
        events.Error += (_, e) => Log.EventsLost(logger, e.GetException().Message);
        events.EnableRaisingEvents = true;

        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.PollInterval;
            try
            {
                wait = Look(inbox);
            }
            catch (IOException e)
            {
                Log.LookFailed(logger, inbox, e.Message);
            }

            try
            {
                // Real time, whatever the business clock says: files carry the file system's times.
                await _changed.WaitAsync(wait, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    private void Wake()
    {
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
        catch (ObjectDisposedException)
        {
            // Stopping.
        }
    }

    /// <summary>Queues each file that has settled; returns how long to wait before the next look.</summary>
    private TimeSpan Look(string inbox)
    {
        var now = TimeProvider.System.GetUtcNow();
        var wait = options.PollInterval;
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(inbox))
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith('.') || Unfinished.Any(u => name.EndsWith(u, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            present.Add(name);
            FileInfo info;
            try
            {
                info = new FileInfo(path);
                _ = info.Length; // a file gone since the listing throws here
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            if (!_seen.TryGetValue(name, out var seen) || seen.Length != info.Length || seen.Written != info.LastWriteTimeUtc)
            {
                seen = new Sighting(info.Length, info.LastWriteTimeUtc, now, Queued: false);
            }

            if (!seen.Queued)
            {
                var settled = now - seen.Since;
                if (settled >= options.SettleTime)
                {
                    jobs.Enqueue<InboxJob>(j => j.ProcessAsync(name));
                    seen = seen with { Queued = true };
                    Log.Queued(logger, name, info.Length);
                }
                else if (options.SettleTime - settled < wait)
                {
                    wait = options.SettleTime - settled;
                }
            }

            _seen[name] = seen;
        }

        foreach (var gone in _seen.Keys.Where(k => !present.Contains(k)).ToList())
        {
            _seen.Remove(gone);
        }

        return wait < Shortest ? Shortest : wait;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Watching the inbox {Inbox}")]
        public static partial void Watching(ILogger logger, string inbox);

        [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Name} ({Bytes} bytes) is complete and queued")]
        public static partial void Queued(ILogger logger, string name, long bytes);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look at the inbox {Inbox}: {Reason}")]
        public static partial void LookFailed(ILogger logger, string inbox, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "The inbox's change events were lost ({Reason}); it is still looked at every poll")]
        public static partial void EventsLost(ILogger logger, string reason);
    }
}

/// <summary>Reloads the rules when the folder changes; a folder with errors never replaces the working rules.</summary>
public sealed class RulesWatcher(ServeOptions options, RuleSet rules) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PollInterval, TimeProvider.System);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            rules.Refresh();
        }
    }
}

using Hangfire;

namespace CspAlerts.Web;

/// <summary>
/// Looks at the inbox every poll and queues a Hangfire job for each file once it is complete: its
/// size and time unchanged since the last look and older than the settle time, so a file still
/// being copied in is left alone. Hidden files and <c>.part</c>, <c>.tmp</c> and <c>.crdownload</c>
/// files are never taken. Every node queues what it sees; the job makes sure each file is done once.
/// </summary>
public sealed partial class InboxWatcher(ServeOptions options, IBackgroundJobClient jobs, ILogger<InboxWatcher> logger) : BackgroundService
{
    private static readonly string[] Unfinished = [".part", ".tmp", ".crdownload", ".errors.txt"];
    private readonly Dictionary<string, (long Length, DateTime Written, bool Queued)> _seen = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var inbox = options.FullPath(options.InboxPath);
        Directory.CreateDirectory(inbox);
        Log.Watching(logger, inbox);
        Recover(inbox);

        // Real time, whatever the business clock says: files carry the file system's times.
        using var timer = new PeriodicTimer(options.PollInterval, TimeProvider.System);
        do
        {
            try
            {
                Look(inbox);
            }
            catch (IOException e)
            {
                Log.LookFailed(logger, inbox, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>
    /// With jobs kept in memory, a job cut short (the service stopped or killed) is gone with the
    /// process, so its file, left in <c>processing/</c>, goes back to the inbox to be taken again.
    /// With PostgreSQL the job itself survives and is run again, and finds the file where it is.
    /// </summary>
    private void Recover(string inbox)
    {
        var processing = Path.Combine(inbox, InboxJob.Processing);
        if (options.PostgresConnectionString is not null || !Directory.Exists(processing))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(processing))
        {
            var back = Path.Combine(inbox, Path.GetFileName(file));
            if (!File.Exists(back))
            {
                File.Move(file, back);
                Log.Recovered(logger, Path.GetFileName(file));
            }
        }
    }

    private void Look(string inbox)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
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

            var now0 = (info.Length, info.LastWriteTimeUtc);
            if (_seen.TryGetValue(name, out var before) && before.Length == now0.Length && before.Written == now0.LastWriteTimeUtc)
            {
                if (!before.Queued && now - info.LastWriteTimeUtc >= options.SettleTime)
                {
                    jobs.Enqueue<InboxJob>(job => job.ProcessAsync(name));
                    _seen[name] = (info.Length, info.LastWriteTimeUtc, true);
                    Log.Queued(logger, name, info.Length);
                }
            }
            else
            {
                _seen[name] = (info.Length, info.LastWriteTimeUtc, false);
            }
        }

        foreach (var gone in _seen.Keys.Where(k => !present.Contains(k)).ToList())
        {
            _seen.Remove(gone);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Watching the inbox {Inbox}")]
        public static partial void Watching(ILogger logger, string inbox);

        [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Name} ({Bytes} bytes) is complete and queued")]
        public static partial void Queued(ILogger logger, string name, long bytes);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset {Name} was left half processed when the service last stopped; it goes back to the inbox")]
        public static partial void Recovered(ILogger logger, string name);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look at the inbox {Inbox}: {Reason}")]
        public static partial void LookFailed(ILogger logger, string inbox, string reason);
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

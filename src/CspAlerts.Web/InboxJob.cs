using System.Globalization;
using CspAlerts.Diagnostics;
using CspAlerts.Evaluation;
using CspAlerts.Ingest;
using CspAlerts.Notify;
using CspAlerts.State;
using Hangfire;

namespace CspAlerts.Web;

/// <summary>
/// Processes one dataset from the inbox as <c>run</c> does, with every dataset processed before it
/// (a newer release's figures win): evaluate, move the alerts on, email the leads. Each node reads
/// an earlier release once and keeps it (<see cref="DatasetCache"/>), so a job reads only the new file. Datasets are
/// processed one at a time across every node, under a lock the state database keeps (a PostgreSQL
/// advisory lock, which a node that dies lets go at once). Holding it, the job moves the file to
/// <c>processing/</c>, then to <c>processed/</c>, or to <c>rejected/</c> beside an
/// <c>.errors.txt</c> naming each problem.
/// </summary>
public sealed partial class InboxJob(ServeOptions options, RuleSet rules, ServiceState service, SharedState state, DatasetCache datasets, ILogger<InboxJob> logger)
{
    public const string Processing = "processing";
    public const string Processed = "processed";
    public const string Rejected = "rejected";

    /// <summary>The name of the lock datasets are processed under.</summary>
    public const string LockName = "inbox";

    /// <summary>
    /// Processes <paramref name="name"/>. Every node queues a job for each file it sees, so a second
    /// job for the same file, on any node, finds it gone from the inbox and does nothing.
    /// </summary>
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task ProcessAsync(string name)
    {
        var inbox = options.FullPath(options.InboxPath);
        var store = await state.GetAsync().ConfigureAwait(false);
        await using (await store.HoldAsync(LockName).ConfigureAwait(false))
        {
            ReturnOrphans(inbox);
            var source = Path.Combine(inbox, name);
            var working = Path.Combine(inbox, Processing, name);
            Directory.CreateDirectory(Path.Combine(inbox, Processing));
            try
            {
                File.Move(source, working, overwrite: false);
            }
            catch (FileNotFoundException)
            {
                return; // done already, here or on another node, or taken away
            }

            Log.Taken(logger, name, options.NodeName);
            await ProcessAsync(inbox, name, working, store).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Puts back in the inbox any file a stopped node left in <c>processing/</c>, to be taken again;
    /// the service does this as it starts. Returns how many.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken = default)
    {
        var store = await state.GetAsync(cancellationToken).ConfigureAwait(false);
        await using (await store.HoldAsync(LockName, cancellationToken).ConfigureAwait(false))
        {
            return ReturnOrphans(options.FullPath(options.InboxPath));
        }
    }

    /// <summary>
    /// Called holding the lock, when no node is working on anything: a file in <c>processing/</c> now
    /// was left there by a node that stopped half way (killed, or its machine lost), and nothing of it
    /// was kept but what its run committed, which a second run of the same data does not repeat.
    /// </summary>
    private int ReturnOrphans(string inbox)
    {
        var processing = Path.Combine(inbox, Processing);
        if (!Directory.Exists(processing))
        {
            return 0;
        }

        var returned = 0;
        foreach (var file in Directory.EnumerateFiles(processing))
        {
            var name = Path.GetFileName(file);
            var back = Path.Combine(inbox, name);
            if (File.Exists(back))
            {
                Reject(inbox, file, name, [$"{name} was left half processed by a node that stopped, and a file of the same name has arrived since; this earlier copy was not processed. Drop it in again under another name if it is still wanted."]);
                continue;
            }

            File.Move(file, back);
            returned++;
            Log.Recovered(logger, name);
        }

        return returned;
    }

    private async Task ProcessAsync(string inbox, string name, string working, IStateDatabase store)
    {
        var processed = Path.Combine(inbox, Processed);
        Directory.CreateDirectory(processed);
        var earlier = Directory.EnumerateFiles(processed).Where(f => Path.GetFileName(f) != name && !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        var (engine, templates, _) = rules.Working;
        try
        {
            var (transport, policy) = options.Mail(engine.Configuration);
            var run = new AlertRun(engine, store, store, transport, options.Clock, policy, templates, new Charts.TrendChartRenderer()) { Sender = options.Sender };
            var report = await run.RunAsync(new EvaluationRequest([.. earlier, working]) { Revisions = RevisionPolicy.Newest, Cache = datasets }, dryRun: false).ConfigureAwait(false);
            File.Move(working, Path.Combine(processed, name), overwrite: true);
            service.Evaluated(report.Evaluation);
            var sent = report.Deliveries.Count(d => d.Outcome == DeliveryOutcome.Delivered);
            var summary = report.Committed
                ? $"{report.Evaluation.Period.ToDisplayString()}: {report.Evaluation.Items.Count} item(s), {report.Messages.Count} email(s) queued, {sent} delivered"
                : $"{report.Evaluation.Period.ToDisplayString()}: {report.Note}";
            service.Took(new InboxEntry(name, "processed", options.Clock.GetUtcNow(), options.NodeName, summary));
            Log.Processed(logger, name, options.NodeName, summary);
        }
        catch (DatasetRejectedException e)
        {
            Reject(inbox, working, name, e.Errors.Select(x => x.ToString()));
        }
        catch (Exception e) when (e is EvaluationRejectedException or MailPolicyException)
        {
            Reject(inbox, working, name, [e.Message]);
        }
        catch (IOException e) when (!File.Exists(working))
        {
            Log.Vanished(logger, name, e.Message); // the file was taken away while it was read
        }
    }

    private void Reject(string inbox, string working, string name, IEnumerable<string> errors)
    {
        var rejected = Path.Combine(inbox, Rejected);
        Directory.CreateDirectory(rejected);
        var target = Path.Combine(rejected, name);
        File.Move(working, target, overwrite: true);
        var lines = errors.ToList();
        File.WriteAllLines(target + ".errors.txt",
            [$"{name} was rejected on {options.Clock.GetUtcNow().ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture)}; nothing from it was applied.", .. lines]);
        service.Took(new InboxEntry(name, "rejected", options.Clock.GetUtcNow(), options.NodeName, $"{lines.Count} error(s): {lines.FirstOrDefault()}"));
        Log.Rejected(logger, name, lines.Count);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Name} taken on {Node}")]
        public static partial void Taken(ILogger logger, string name, string node);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset {Name} was left half processed by a node that stopped; it goes back to the inbox")]
        public static partial void Recovered(ILogger logger, string name);

        [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Name} processed on {Node}: {Summary}")]
        public static partial void Processed(ILogger logger, string name, string node, string summary);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset {Name} rejected with {Errors} error(s); see rejected/{Name}.errors.txt")]
        public static partial void Rejected(ILogger logger, string name, int errors);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset {Name} vanished while it was read: {Reason}")]
        public static partial void Vanished(ILogger logger, string name, string reason);
    }
}

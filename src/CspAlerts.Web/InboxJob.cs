using System.Globalization;
using CspAlerts.Diagnostics;
using CspAlerts.Evaluation;
using CspAlerts.Ingest;
using CspAlerts.Notify;
using Hangfire;

namespace CspAlerts.Web;

/// <summary>
/// Processes one dataset from the inbox as <c>run</c> does, with every dataset processed before it
/// (a newer release's figures win): evaluate, move the alerts on, email the leads. The file is
/// claimed by moving it to <c>processing/</c> (one node wins the move), then moved to
/// <c>processed/</c>, or to <c>rejected/</c> beside an <c>.errors.txt</c> naming each problem.
/// </summary>
public sealed partial class InboxJob(ServeOptions options, RuleSet rules, ServiceState service, ILogger<InboxJob> logger)
{
    public const string Processing = "processing";
    public const string Processed = "processed";
    public const string Rejected = "rejected";

    /// <summary>Processes <paramref name="name"/>; a second call for the same file, on any node, finds it taken and does nothing.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task ProcessAsync(string name)
    {
        var inbox = options.FullPath(options.InboxPath);
        var source = Path.Combine(inbox, name);
        var working = Path.Combine(inbox, Processing, name);
        Directory.CreateDirectory(Path.Combine(inbox, Processing));
        if (File.Exists(source))
        {
            try
            {
                File.Move(source, working, overwrite: false);
            }
            catch (IOException) when (!File.Exists(source))
            {
                return; // another node moved it first
            }
        }
        else if (!File.Exists(working))
        {
            return; // done already, here or on another node
        }

        // A retry after a crash finds the file in processing/ and goes on from there.
        var processed = Path.Combine(inbox, Processed);
        Directory.CreateDirectory(processed);
        var earlier = Directory.EnumerateFiles(processed).Where(f => Path.GetFileName(f) != name && !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        var (engine, templates, _) = rules.Working;
        try
        {
            await using var store = await options.OpenStore().ConfigureAwait(false);
            var (transport, policy) = options.Mail(engine.Configuration);
            var run = new AlertRun(engine, store, store, transport, options.Clock, policy, templates, new Charts.TrendChartRenderer()) { Sender = options.Sender };
            var report = await run.RunAsync(new EvaluationRequest([.. earlier, working]) { Revisions = RevisionPolicy.Newest }, dryRun: false).ConfigureAwait(false);
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
        [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Name} processed on {Node}: {Summary}")]
        public static partial void Processed(ILogger logger, string name, string node, string summary);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset {Name} rejected with {Errors} error(s); see rejected/{Name}.errors.txt")]
        public static partial void Rejected(ILogger logger, string name, int errors);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset {Name} vanished while it was read: {Reason}")]
        public static partial void Vanished(ILogger logger, string name, string reason);
    }
}

using CspAlerts.Notify;

namespace CspAlerts.Web;

/// <summary>
/// Sends the PMG chair the digest on the schedule in the rules: on the day that is the schedule's
/// lead time before a meeting (or, if the service was down then, on any later day up to the
/// meeting), once per meeting, for the latest month run.
/// </summary>
public sealed partial class DigestJob(ServeOptions options, RuleSet rules, SharedState shared, ILogger<DigestJob> logger)
{
    /// <summary>Sends the digest if one is due and not yet sent; says what it did.</summary>
    public async Task<string> RunAsync()
    {
        var (engine, templates, _) = rules.Working;
        var config = engine.Configuration;
        var today = DateOnly.FromDateTime(options.Clock.GetUtcNow().UtcDateTime);
        var meeting = config.Schedule.PmgMeetings
            .Where(m => today >= m.AddDays(-config.Schedule.DigestDaysBefore) && today <= m)
            .Order()
            .Cast<DateOnly?>()
            .FirstOrDefault();
        if (meeting is not { } due)
        {
            return "no digest is due today";
        }

        var store = await shared.GetAsync().ConfigureAwait(false);
        var state = await store.ReadAsync().ConfigureAwait(false);
        if (state.LastPeriod is not { } period)
        {
            Log.NoData(logger, due);
            return "a digest is due, but no month has been run";
        }

        var (transport, policy) = options.Mail(config);
        var (_, message) = await PmgDigest.PrepareAsync(store, store, store, config, period, policy.ProtectiveMarking, templates).ConfigureAwait(false);
        if (message is null)
        {
            return "no owner is the chair: no digest";
        }

        var committed = await store.CommitAsync(new RunCommit($"digest:meeting:{due:yyyy-MM-dd}", period, state.Alerts, [message], options.Clock.GetUtcNow())).ConfigureAwait(false);
        var run = new AlertRun(engine, store, store, transport, options.Clock, policy, templates) { Sender = options.Sender };
        await run.DeliverAsync().ConfigureAwait(false);
        var outcome = committed
            ? $"the digest for {period.ToDisplayString()} was sent to {message.Recipient} for the meeting on {due:d MMMM yyyy}"
            : $"the digest for the meeting on {due:d MMMM yyyy} was sent before";
        Log.Digest(logger, outcome);
        return outcome;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "A digest is due for the meeting on {Meeting}, but no month has been run")]
        public static partial void NoData(ILogger logger, DateOnly meeting);

        [LoggerMessage(Level = LogLevel.Information, Message = "Digest: {Outcome}")]
        public static partial void Digest(ILogger logger, string outcome);
    }
}

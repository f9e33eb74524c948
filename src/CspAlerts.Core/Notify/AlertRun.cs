using System.Security.Cryptography;
using System.Text;
using CspAlerts.Alerts;
using CspAlerts.Evaluation;
using CspAlerts.Model;

namespace CspAlerts.Notify;

/// <summary>Mail settings a run needs: the protective marking and the recipient domains allowed.</summary>
/// <param name="AllowedDomains">Recipient domains mail may go to; empty means the domains of the owners' addresses.</param>
public sealed record MailPolicy(string ProtectiveMarking, IReadOnlyList<string> AllowedDomains)
{
    /// <summary>Where the service's pages are, e.g. https://cspalerts.example.gov.uk; each item in an email then links to its page.</summary>
    public string? PagesUrl { get; init; }

    /// <summary>The domains allowed: those configured, else the owners' own.</summary>
    public IReadOnlyList<string> DomainsFor(CspConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return AllowedDomains.Count > 0
            ? AllowedDomains
            : [.. config.Owners.Select(o => o.Email[(o.Email.LastIndexOf('@') + 1)..].ToLowerInvariant()).Distinct()];
    }
}

/// <summary>What a run did: the month, how the alerts moved, the emails queued and how delivery went.</summary>
/// <param name="Committed">False when the same data was run before: nothing new was queued or sent.</param>
public sealed record AlertRunReport(
    EvaluationResult Evaluation,
    IReadOnlyList<Alert> Alerts,
    IReadOnlyList<LeadEmail> Emails,
    IReadOnlyList<OutgoingMessage> Messages,
    bool Committed,
    bool DryRun,
    IReadOnlyList<DeliveryResult> Deliveries,
    string? Note);

/// <summary>A run's mail could not be queued: a recipient outside the allowed domains, or a lead with no address.</summary>
public sealed class MailPolicyException : Exception
{
    public MailPolicyException(string message)
        : base(message)
    {
    }

    public MailPolicyException()
    {
    }

    public MailPolicyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Who is sending: the id the outbox records with each claim, and how to tell from another
/// sender's id that it has stopped (killed mid-batch), so that its claimed messages need not wait
/// for their lease to run out.
/// </summary>
public sealed record OutboxSender(string Id, Func<string, bool> IsAbandoned)
{
    /// <summary>A sender that knows nothing of the others: their claims run out with their lease.</summary>
    public static OutboxSender Named(string id) => new(id, _ => false);
}

/// <summary>
/// The alerting use case every host calls: evaluate → move the alerts on → route to the owning leads
/// → queue each lead's email in the outbox with the new state, in one commit → deliver the outbox.
/// The same data run again commits nothing and sends nothing. A dry run stops before the commit.
/// </summary>
public sealed class AlertRun(ExceptionEngine engine, IStateStore store, IOutbox outbox, IMailTransport transport, TimeProvider clock, MailPolicy policy, IMessageTemplates templates, IChartRenderer? charts = null)
{
    /// <summary>How many messages go over one connection.</summary>
    public const int BatchSize = 200;

    /// <summary>This sender, as the outbox records its claims; the host says who it is.</summary>
    public OutboxSender Sender { get; init; } = OutboxSender.Named("cspalerts");

    public async Task<AlertRunReport> RunAsync(EvaluationRequest request, bool dryRun, CancellationToken cancellationToken = default)
    {
        var result = engine.Evaluate(request);
        var state = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (state.LastPeriod is { } last && result.Period < last)
        {
            return new AlertRunReport(result, state.Alerts, [], [], false, dryRun, [],
                $"the alert state is at {last.ToDisplayString()}; {result.Period.ToDisplayString()} is earlier, so nothing changed and nothing was sent");
        }

        var now = clock.GetUtcNow();
        var alerts = AlertLifecycle.Advance(state.Alerts, result.Period, result.Exceptions, [.. result.Areas.Select(a => a.Id)], state.Silences, now);
        var emails = LeadEmails.Route(result, alerts, engine.Configuration, charts);
        var runKey = RunKey(result);
        var allowed = policy.DomainsFor(engine.Configuration);
        foreach (var email in emails)
        {
            var domain = email.Lead.Email[(email.Lead.Email.LastIndexOf('@') + 1)..].ToLowerInvariant();
            if (!allowed.Contains(domain, StringComparer.OrdinalIgnoreCase))
            {
                throw new MailPolicyException(
                    $"lead '{email.Lead.Id}' has the address {email.Lead.Email}, whose domain {domain} is not allowed ({string.Join(", ", allowed)}); nothing was sent");
            }
        }

        var messages = emails.Select(e => LeadEmails.Compose(e, policy.ProtectiveMarking, runKey, templates, policy.PagesUrl)).ToList();
        if (dryRun)
        {
            return new AlertRunReport(result, alerts, emails, messages, false, true, [], null);
        }

        var committed = await store.CommitAsync(new RunCommit(runKey, result.Period, alerts, messages, now), cancellationToken).ConfigureAwait(false);
        var deliveries = await DeliverAsync(cancellationToken).ConfigureAwait(false);
        return new AlertRunReport(result, committed ? alerts : state.Alerts, committed ? emails : [], committed ? messages : [], committed, false, deliveries,
            committed ? null : "this data was run before: nothing new to send");
    }

    /// <summary>Sends every message that is due in the outbox, a batch per connection, and records each attempt.</summary>
    public async Task<IReadOnlyList<DeliveryResult>> DeliverAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<DeliveryResult>();
        await outbox.ReleaseAbandonedAsync(Sender.IsAbandoned, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var batch = await outbox.ClaimAsync(BatchSize, Sender.Id, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return all;
            }

            // Each accepted message is recorded before the next is sent; the rest when the batch ends.
            var results = await transport.SendAsync(batch, r => outbox.RecordAsync([r], CancellationToken.None), cancellationToken).ConfigureAwait(false);
            await outbox.RecordAsync([.. results.Where(r => r.Outcome != DeliveryOutcome.Delivered)], cancellationToken).ConfigureAwait(false);
            all.AddRange(results);
            if (results.All(r => r.Outcome == DeliveryOutcome.TransientFailure))
            {
                return all; // the server is away: the outbox tries again on the next run, after its backoff
            }
        }
    }

    /// <summary>The same month and the same firings make the same key, however the data arrived.</summary>
    public static string RunKey(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder(result.Period.ToString());
        foreach (var area in result.Areas.Select(a => a.Id).Order(StringComparer.Ordinal))
        {
            text.Append('|').Append(area);
        }

        foreach (var f in result.Exceptions.OrderBy(f => (f.Area, f.Indicator, f.Rule)))
        {
            text.Append('\n').Append(f.Rule).Append('/').Append(f.Indicator).Append('/').Append(f.Area).Append(':').Append(f.Message);
        }

        return $"{result.Period}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 12))}";
    }
}

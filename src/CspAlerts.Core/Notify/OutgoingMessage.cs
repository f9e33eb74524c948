namespace CspAlerts.Notify;

/// <summary>An inline image carried by a message, referred to from its HTML as <c>cid:ContentId</c>.</summary>
public sealed record InlineImage(string ContentId, string MediaType, byte[] Content);

/// <summary>
/// One email as the outbox keeps it, before any transport: one recipient, a subject, plain text and
/// HTML bodies, inline images. <see cref="Id"/> is stable for the same content to the same person in
/// the same run, so a retry or a re-run never sends it twice.
/// </summary>
public sealed record OutgoingMessage(
    string Id,
    string Recipient,
    string Subject,
    string Text,
    string Html,
    IReadOnlyList<InlineImage> Images);

/// <summary>How one delivery attempt ended.</summary>
public enum DeliveryOutcome
{
    Delivered,

    /// <summary>A 4xx answer, a dropped connection or no server: try again later.</summary>
    TransientFailure,

    /// <summary>A 5xx answer: recorded and shown, not retried.</summary>
    PermanentFailure,
}

/// <summary>The result of one attempt, as the audit trail records it.</summary>
public sealed record DeliveryResult(string MessageId, DeliveryOutcome Outcome, string Detail, DateTimeOffset At);

/// <summary>Sends a batch of messages over one connection (SMTP), or writes them to a pickup folder.</summary>
public interface IMailTransport
{
    /// <summary>Tries every message once and reports each one's outcome; it does not throw for a failed delivery.</summary>
    Task<IReadOnlyList<DeliveryResult>> SendAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="SendAsync(IReadOnlyList{OutgoingMessage}, CancellationToken)"/>, and hands each
    /// message's result to <paramref name="accepted"/> the moment the server accepts it, before the
    /// next is sent, so that a sender killed mid-batch has recorded every message that arrived.
    /// </summary>
    async Task<IReadOnlyList<DeliveryResult>> SendAsync(IReadOnlyList<OutgoingMessage> messages, Func<DeliveryResult, Task> accepted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var results = await SendAsync(messages, cancellationToken).ConfigureAwait(false);
        foreach (var result in results.Where(r => r.Outcome == DeliveryOutcome.Delivered))
        {
            await accepted(result).ConfigureAwait(false);
        }

        return results;
    }
}

/// <summary>The persistent outbox: messages waiting to be sent, claimed by one sender at a time, and the audit trail of every attempt.</summary>
public interface IOutbox
{
    /// <summary>Claims up to <paramref name="max"/> messages that are due (new, or a transient failure whose backoff has passed) for one sender.</summary>
    Task<IReadOnlyList<OutgoingMessage>> ClaimAsync(int max, string sender, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records attempts: delivered and permanent failures are final; a transient failure is due again after a backoff.</summary>
    Task RecordAsync(IReadOnlyList<DeliveryResult> results, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the messages claimed by senders that are gone due again at once, rather than when their
    /// lease runs out: <paramref name="abandoned"/> says, from a sender's id, whether it has stopped.
    /// Returns how many messages were released.
    /// </summary>
    Task<int> ReleaseAbandonedAsync(Func<string, bool> abandoned, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The messages queued for a month that could not be delivered and will not be tried again, each with its last attempt.</summary>
    Task<IReadOnlyList<(string Recipient, string Subject, DeliveryResult Last)>> FailedAsync(Model.Period period, CancellationToken cancellationToken = default);

    /// <summary>Every attempt so far, oldest first: who, what, when and the SMTP result.</summary>
    Task<IReadOnlyList<(OutgoingMessage Message, DeliveryResult Result)>> AuditAsync(CancellationToken cancellationToken = default);
}

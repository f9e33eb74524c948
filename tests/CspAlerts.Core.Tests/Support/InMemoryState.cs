using CspAlerts.Alerts;
using CspAlerts.Model;
using CspAlerts.Notify;

namespace CspAlerts.Core.Tests.Support;

/// <summary>A state store, outbox and transport in memory, written by hand for the use-case tests.</summary>
public sealed class InMemoryState : IStateStore, IOutbox, IMailTransport
{
    private readonly HashSet<string> _runs = [];
    private readonly List<(OutgoingMessage Message, DeliveryOutcome? Final)> _outbox = [];
    private readonly List<(OutgoingMessage, DeliveryResult)> _audit = [];
    private IReadOnlyList<Alert> _alerts = [];
    private Period? _last;

    public List<Silence> Silences { get; } = [];

    /// <summary>Every message the transport was asked to send, in order.</summary>
    public List<OutgoingMessage> Sent { get; } = [];

    public Task<AlertState> ReadAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new AlertState(_alerts, Silences, _last));

    public Task<bool> CommitAsync(RunCommit run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!_runs.Add(run.RunKey))
        {
            return Task.FromResult(false);
        }

        _alerts = run.Alerts;
        _last = run.Period;
        foreach (var message in run.Outbox.Where(m => _outbox.All(o => o.Message.Id != m.Id)))
        {
            _outbox.Add((message, null));
        }

        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<OutgoingMessage>> ClaimAsync(int max, string sender, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OutgoingMessage>>([.. _outbox.Where(o => o.Final is null).Take(max).Select(o => o.Message)]);

    public Task RecordAsync(IReadOnlyList<DeliveryResult> results, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        foreach (var r in results)
        {
            var i = _outbox.FindIndex(o => o.Message.Id == r.MessageId);
            _audit.Add((_outbox[i].Message, r));
            if (r.Outcome != DeliveryOutcome.TransientFailure)
            {
                _outbox[i] = (_outbox[i].Message, r.Outcome);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(string Recipient, string Subject, DeliveryResult Last)>> FailedAsync(Period period, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<(string, string, DeliveryResult)>>(
            [.. _outbox.Where(o => o.Final == DeliveryOutcome.PermanentFailure).Select(o => (o.Message.Recipient, o.Message.Subject, _audit.Last(a => a.Item1.Id == o.Message.Id).Item2))]);

    public Task<int> ReleaseAbandonedAsync(Func<string, bool> abandoned, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult(0);

    public Task<IReadOnlyList<(OutgoingMessage Message, DeliveryResult Result)>> AuditAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<(OutgoingMessage, DeliveryResult)>>(_audit);

    public Task<IReadOnlyList<DeliveryResult>> SendAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Sent.AddRange(messages);
        return Task.FromResult<IReadOnlyList<DeliveryResult>>([.. messages.Select(m => new DeliveryResult(m.Id, DeliveryOutcome.Delivered, "250 OK", DateTimeOffset.UnixEpoch))]);
    }
}

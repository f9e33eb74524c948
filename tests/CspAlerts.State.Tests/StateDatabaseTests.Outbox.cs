using CspAlerts.Model;
using CspAlerts.Notify;

namespace CspAlerts.State.Tests;

public abstract partial class StateDatabaseTests
{
    [Fact]
    public async Task A_claimed_message_reads_back_exactly_with_its_images()
    {
        var store = await OpenAsync();
        var message = new OutgoingMessage(
            "2024-01/lead@hackney.example/3f2a", "lead@hackney.example", "Burglary: 2 new alerts",
            "Plain text\nwith lines", "<p>HTML <img src=\"cid:chart-1\"></p>",
            [new InlineImage("chart-1", "image/png", [0x89, 0x50, 0x4E, 0x47, 0, 255]), new InlineImage("chart-2", "image/svg+xml", "<svg/>"u8.ToArray())]);
        await store.CommitAsync(Run("2024-01/a", outbox: [message]));

        var claimed = Assert.Single(await store.ClaimAsync(10, "sender", T0));

        Assert.Equal((message.Id, message.Recipient, message.Subject, message.Text, message.Html), (claimed.Id, claimed.Recipient, claimed.Subject, claimed.Text, claimed.Html));
        Assert.Equal(message.Images.Select(i => (i.ContentId, i.MediaType, Convert.ToHexString(i.Content))), claimed.Images.Select(i => (i.ContentId, i.MediaType, Convert.ToHexString(i.Content))));
    }

    [Fact]
    public async Task A_message_id_already_in_the_outbox_is_queued_once()
    {
        var store = await OpenAsync();
        await store.CommitAsync(Run("2024-01/a", outbox: [Message("m1"), Message("m1") with { Subject = "the same id again" }]));

        await store.CommitAsync(Run("2024-01/b", outbox: [Message("m1") with { Subject = "a re-run" }, Message("m2")]));

        var claimed = await store.ClaimAsync(10, "sender", T0);
        Assert.Equal([("m1", "Subject m1"), ("m2", "Subject m2")], claimed.Select(m => (m.Id, m.Subject)));
    }

    [Fact]
    public async Task A_claim_takes_at_most_max_messages_oldest_first()
    {
        var store = await OpenAsync();
        await store.CommitAsync(Run("2024-01/a", outbox: [Message("c"), Message("a")]));
        await store.CommitAsync(Run("2024-01/b", outbox: [Message("b"), Message("d")]));

        Assert.Equal(["c", "a", "b"], (await store.ClaimAsync(3, "sender", T0)).Select(m => m.Id));
        Assert.Equal(["d"], (await store.ClaimAsync(3, "sender", T0)).Select(m => m.Id));
        Assert.Empty(await store.ClaimAsync(3, "sender", T0));
    }

    [Fact]
    public async Task A_claim_returns_due_messages_only()
    {
        var store = await OpenAsync();
        await store.CommitAsync(Run("2024-01/a", outbox: [Message("failed"), Message("new")]));
        await store.ClaimAsync(1, "sender", T0);
        await store.RecordAsync([new DeliveryResult("failed", DeliveryOutcome.TransientFailure, "421 try later", T0)]);

        Assert.Empty(await store.ClaimAsync(10, "sender", T0.AddSeconds(-1)));
        Assert.Equal(["new"], (await store.ClaimAsync(10, "sender", T0.AddSeconds(1))).Select(m => m.Id));
    }

    [Fact]
    public async Task A_claimed_message_is_not_given_to_another_sender_while_the_claim_holds()
    {
        var store = await OpenAsync();
        await store.CommitAsync(Run("2024-01/a", outbox: [Message("m1"), Message("m2")]));

        Assert.Equal(2, (await store.ClaimAsync(10, "first", T0)).Count);

        Assert.Empty(await store.ClaimAsync(10, "second", T0.AddSeconds(1)));
        Assert.Equal("first", (await ClaimedByAsync())[0]);
    }

    [Fact]
    public async Task Two_senders_claiming_at_once_never_get_the_same_message()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();
        var ids = Enumerable.Range(0, 60).Select(i => $"m{i:D2}").ToList();
        await first.CommitAsync(Run("2024-01/a", outbox: [.. ids.Select(id => Message(id))]));

        async Task<List<string>> ClaimAll(StateStore store, string sender)
        {
            var mine = new List<string>();
            for (var batch = await store.ClaimAsync(4, sender, T0); batch.Count > 0; batch = await store.ClaimAsync(4, sender, T0))
            {
                mine.AddRange(batch.Select(m => m.Id));
            }

            return mine;
        }

        var claimed = await Together(() => ClaimAll(first, "first"), () => ClaimAll(second, "second"));

        Assert.Empty(claimed[0].Intersect(claimed[1]));
        Assert.Equal(ids, claimed[0].Concat(claimed[1]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_transient_failure_is_due_again_only_after_its_backoff_which_doubles()
    {
        var store = await OpenAsync();
        await store.CommitAsync(Run("2024-01/a", outbox: [Message("m1")]));
        await store.ClaimAsync(10, "sender", T0);
        var failed = T0.AddSeconds(5);

        await store.RecordAsync([new DeliveryResult("m1", DeliveryOutcome.TransientFailure, "421 busy", failed)]);

        Assert.Empty(await store.ClaimAsync(10, "sender", failed.AddSeconds(29)));
        Assert.Single(await store.ClaimAsync(10, "sender", failed.AddSeconds(30)));
        var again = failed.AddSeconds(30);
        await store.RecordAsync([new DeliveryResult("m1", DeliveryOutcome.TransientFailure, "421 busy", again)]);
        Assert.Empty(await store.ClaimAsync(10, "sender", again.AddSeconds(59)));
        Assert.Single(await store.ClaimAsync(10, "sender", again.AddSeconds(60)));
    }

    [Fact]
    public async Task A_claim_never_recorded_is_due_again_when_its_lease_ends()
    {
        var store = await OpenAsync();
        await store.CommitAsync(Run("2024-01/a", outbox: [Message("m1")]));
        Assert.Single(await store.ClaimAsync(10, "crashed", T0));

        Assert.Empty(await store.ClaimAsync(10, "recovering", T0 + OutboxTiming.Lease - TimeSpan.FromSeconds(1)));
        Assert.Equal("m1", Assert.Single(await store.ClaimAsync(10, "recovering", T0 + OutboxTiming.Lease)).Id);
        Assert.Equal("recovering", (await ClaimedByAsync())[0]);
    }

    [Theory]
    [InlineData(DeliveryOutcome.Delivered)]
    [InlineData(DeliveryOutcome.PermanentFailure)]
    public async Task A_delivered_or_permanently_failed_message_is_never_claimed_again(DeliveryOutcome outcome)
    {
        var store = await OpenAsync();
        await store.CommitAsync(Run("2024-01/a", outbox: [Message("m1")]));
        await store.ClaimAsync(10, "sender", T0);

        await store.RecordAsync([new DeliveryResult("m1", outcome, "250 OK or 550 no such user", T0.AddSeconds(1))]);
        // A late transient result for it (a retry that raced) is audited and changes nothing.
        await store.RecordAsync([new DeliveryResult("m1", DeliveryOutcome.TransientFailure, "421 late", T0.AddSeconds(2))]);

        Assert.Empty(await store.ClaimAsync(10, "sender", T0.AddDays(1)));
        Assert.Empty(await store.ClaimAsync(10, "sender", T0.AddYears(1)));
        Assert.Equal(2, (await store.AuditAsync()).Count);
    }

    [Fact]
    public async Task The_audit_lists_every_attempt_oldest_first()
    {
        var store = await OpenAsync();
        await store.CommitAsync(Run("2024-01/a", outbox: [Message("m1", "lead@hackney.example"), Message("m2", "lead@camden.example")]));
        await store.ClaimAsync(10, "sender", T0);
        await store.RecordAsync(
        [
            new DeliveryResult("m1", DeliveryOutcome.TransientFailure, "421 4.7.0 try again later", T0.AddSeconds(1)),
            new DeliveryResult("m2", DeliveryOutcome.PermanentFailure, "550 5.1.1 no such user", T0.AddSeconds(2)),
        ]);
        await store.ClaimAsync(10, "sender", T0.AddMinutes(1));
        await store.RecordAsync([new DeliveryResult("m1", DeliveryOutcome.Delivered, "250 2.0.0 queued as 4F2A", T0.AddMinutes(1).AddSeconds(1))]);

        var audit = await store.AuditAsync();

        Assert.Equal(
        [
            ("m1", "lead@hackney.example", "Subject m1", DeliveryOutcome.TransientFailure, "421 4.7.0 try again later", T0.AddSeconds(1)),
            ("m2", "lead@camden.example", "Subject m2", DeliveryOutcome.PermanentFailure, "550 5.1.1 no such user", T0.AddSeconds(2)),
            ("m1", "lead@hackney.example", "Subject m1", DeliveryOutcome.Delivered, "250 2.0.0 queued as 4F2A", T0.AddMinutes(1).AddSeconds(1)),
        ],
        audit.Select(a => (a.Message.Id, a.Message.Recipient, a.Message.Subject, a.Result.Outcome, a.Result.Detail, a.Result.At)));
        Assert.All(audit, a => Assert.Equal(a.Message.Id, a.Result.MessageId));
        Assert.Equal("Text m1", audit[0].Message.Text);
    }

    [Fact]
    public async Task A_result_for_a_message_not_in_the_outbox_is_refused_and_nothing_is_recorded()
    {
        var store = await OpenAsync();
        await store.CommitAsync(Run("2024-01/a", outbox: [Message("m1")]));
        await store.ClaimAsync(10, "sender", T0);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => store.RecordAsync(
        [
            new DeliveryResult("m1", DeliveryOutcome.Delivered, "250 OK", T0),
            new DeliveryResult("nowhere", DeliveryOutcome.Delivered, "250 OK", T0),
        ]));

        Assert.Contains("nowhere", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await store.AuditAsync());
        Assert.Single(await store.ClaimAsync(10, "sender", T0 + OutboxTiming.Lease));
    }

    private async Task<List<string>> ClaimedByAsync()
    {
        var senders = new List<string>();
        foreach (var sender in new[] { "first", "second", "crashed", "recovering" })
        {
            if (await CountAsync($"SELECT COUNT(*) FROM outbox WHERE claimed_by = '{sender}'") > 0)
            {
                senders.Add(sender);
            }
        }

        return senders;
    }
}

public abstract partial class StateDatabaseTests
{
    [Fact]
    public async Task The_claims_of_a_sender_that_has_stopped_are_released_at_once_and_no_others()
    {
        var store = await OpenAsync();
        await store.CommitAsync(Run("2024-01/a", outbox: [Message("dead-1"), Message("dead-2"), Message("alive"), Message("waiting")]));
        await store.ClaimAsync(1, "waiting-sender", T0);
        await store.RecordAsync([new DeliveryResult("dead-1", DeliveryOutcome.TransientFailure, "421 try later", T0)]);
        Assert.Equal(["dead-2", "alive"], (await store.ClaimAsync(2, "killed", T0)).Select(m => m.Id));
        await store.RecordAsync([new DeliveryResult("alive", DeliveryOutcome.Delivered, "250 OK", T0)]);
        Assert.Equal(["waiting"], (await store.ClaimAsync(1, "running", T0)).Select(m => m.Id));

        var released = await store.ReleaseAbandonedAsync(sender => sender == "killed", T0.AddSeconds(1));

        // Only the killed sender's live claim is released: the one in backoff keeps its wait, and the running sender keeps its claim.
        Assert.Equal(1, released);
        Assert.Equal(["dead-2"], (await store.ClaimAsync(10, "next", T0.AddSeconds(1))).Select(m => m.Id));
    }

    [Fact]
    public async Task A_message_that_keeps_failing_for_a_while_is_given_up_and_the_audit_says_so()
    {
        var store = await OpenAsync();
        await store.CommitAsync(Run("2024-01/a", outbox: [Message("m1")]));
        var now = T0;
        for (var attempt = 1; attempt <= OutboxTiming.MaxAttempts; attempt++)
        {
            Assert.Equal(["m1"], (await store.ClaimAsync(10, "sender", now)).Select(m => m.Id));
            await store.RecordAsync([new DeliveryResult("m1", DeliveryOutcome.TransientFailure, "421 try later", now)]);
            now += OutboxTiming.Backoff(attempt) + TimeSpan.FromSeconds(1);
        }

        Assert.Empty(await store.ClaimAsync(10, "sender", now.AddDays(1)));
        var last = (await store.AuditAsync())[^1].Result;
        Assert.Equal($"421 try later; given up after {OutboxTiming.MaxAttempts} attempts", last.Detail);
    }

    [Fact]
    public async Task The_messages_of_a_month_refused_for_good_are_listed_with_their_last_answer()
    {
        var store = await OpenAsync();
        await store.CommitAsync(Run("2024-01/a", outbox: [Message("refused"), Message("sent"), Message("deferred")], period: new Period(2024, 1)));
        await store.CommitAsync(Run("2024-02/a", outbox: [Message("february")], period: new Period(2024, 2)));
        await store.ClaimAsync(10, "sender", T0);
        await store.RecordAsync(
        [
            new DeliveryResult("refused", DeliveryOutcome.TransientFailure, "421 busy", T0),
            new DeliveryResult("sent", DeliveryOutcome.Delivered, "250 OK", T0),
            new DeliveryResult("deferred", DeliveryOutcome.TransientFailure, "421 busy", T0),
            new DeliveryResult("february", DeliveryOutcome.PermanentFailure, "550 no such user", T0),
        ]);
        await store.ClaimAsync(10, "sender", T0.AddMinutes(1));
        await store.RecordAsync([new DeliveryResult("refused", DeliveryOutcome.PermanentFailure, "550 mailbox unavailable", T0.AddMinutes(1))]);

        var january = await store.FailedAsync(new Period(2024, 1));

        var failed = Assert.Single(january);
        Assert.Equal(("lead@hackney.example", "Subject refused", "refused", "550 mailbox unavailable"), (failed.Recipient, failed.Subject, failed.Last.MessageId, failed.Last.Detail));
        Assert.Equal(["february"], (await store.FailedAsync(new Period(2024, 2))).Select(f => f.Last.MessageId));
    }
}

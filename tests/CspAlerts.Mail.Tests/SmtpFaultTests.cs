using CspAlerts.Mail.Tests.Support;
using CspAlerts.Notify;

namespace CspAlerts.Mail.Tests;

/// <summary>
/// What each fault becomes: no server, a connection cut in the middle of DATA (a proxy in front of
/// the real server), 4xx then success, 5xx, a server that says nothing, a refused login,
/// cancellation. None of them throws; each message gets its own result.
/// </summary>
[Collection(SmtpServersDefinition.Name)]
public class SmtpFaultTests(SmtpServers servers)
{
    private static string NewId(string what) => $"{what}-{Guid.NewGuid():N}";

    private static OutgoingMessage[] Batch(string what, int count) =>
        [.. Enumerable.Range(1, count).Select(i => Sample.Message(NewId($"{what}{i}")))];

    [Fact]
    public async Task With_no_server_at_the_start_every_message_is_a_transient_failure()
    {
        var port = CspAlerts.Testing.Ports.Free();
        var transport = new SmtpMailTransport(Sample.Options(port));

        var results = await transport.SendAsync(Batch("down", 3));

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(
            (DeliveryOutcome.TransientFailure, $"not attempted: could not connect to 127.0.0.1:{port}: connection refused (no server is listening there)"),
            (r.Outcome, r.Detail)));
    }

    [Fact]
    public async Task A_connection_cut_in_the_middle_of_data_loses_that_message_only_and_the_batch_goes_on_over_a_new_one()
    {
        await using var proxy = new TcpCutProxy(servers.Plain.Port, cutAfterDataBytes: 800, connectionsToCut: 1);
        var transport = new SmtpMailTransport(Sample.Options(proxy.Port));
        var messages = Batch("cut", 3);

        var results = await transport.SendAsync(messages);

        Assert.Equal(1, proxy.Cuts);
        Assert.Equal(2, proxy.Connections);
        Assert.Equal([DeliveryOutcome.TransientFailure, DeliveryOutcome.Delivered, DeliveryOutcome.Delivered], results.Select(r => r.Outcome));
        var cutId = transport.Builder.MessageIdFor(messages[0].Id);
        Assert.StartsWith($"the connection to 127.0.0.1:{proxy.Port} was lost while sending: ", results[0].Detail, StringComparison.Ordinal);
        Assert.EndsWith($"; if it arrived all the same, a re-send carries the same Message-ID <{cutId}>", results[0].Detail, StringComparison.Ordinal);
        Assert.Single(await servers.Plain.ArrivedAsync(transport.Builder.MessageIdFor(messages[2].Id)));

        // The server never saw the end of the cut message, so it did not deliver it...
        await Task.Delay(300);
        Assert.Empty(servers.Plain.WithMessageId(cutId));

        // ...and the retry delivers it exactly once, under the same Message-ID.
        var retry = Assert.Single(await transport.SendAsync([messages[0]]));
        Assert.Equal(DeliveryOutcome.Delivered, retry.Outcome);
        Assert.Single(await servers.Plain.ArrivedAsync(cutId));
    }

    [Fact]
    public async Task A_connection_lost_again_after_the_one_reconnect_leaves_the_rest_not_attempted()
    {
        await using var proxy = new TcpCutProxy(servers.Plain.Port, cutAfterDataBytes: 200, connectionsToCut: int.MaxValue);
        var transport = new SmtpMailTransport(Sample.Options(proxy.Port));
        var messages = Batch("cutagain", 4);

        var results = await transport.SendAsync(messages);

        Assert.Equal(2, proxy.Connections);
        Assert.All(results, r => Assert.Equal(DeliveryOutcome.TransientFailure, r.Outcome));
        Assert.StartsWith("the connection to", results[0].Detail, StringComparison.Ordinal);
        Assert.StartsWith("the connection to", results[1].Detail, StringComparison.Ordinal);
        Assert.All(results.Skip(2), r => Assert.StartsWith("not attempted: the connection was lost (", r.Detail, StringComparison.Ordinal));
        await Task.Delay(300);
        Assert.All(messages, m => Assert.Empty(servers.Plain.WithMessageId(transport.Builder.MessageIdFor(m.Id))));
    }

    [Theory]
    [InlineData("RCPT", "deferred the recipient jo.lead@borough.gov.uk (451 4.3.0 Mailbox busy, try again later)")]
    [InlineData("END-OF-DATA", "deferred the message (451 4.3.0 Mailbox busy, try again later)")]
    public async Task A_451_is_a_transient_failure_and_the_next_connection_delivers(string stage, string detail)
    {
        await using var responder = new ScriptedSmtpResponder((connection, verb, _) =>
            connection == 1 && verb == stage ? "451 4.3.0 Mailbox busy, try again later" : null);
        var transport = new SmtpMailTransport(Sample.Options(responder.Port));
        var message = Sample.Message(NewId("busy"));

        var first = Assert.Single(await transport.SendAsync([message]));
        var second = Assert.Single(await transport.SendAsync([message]));

        Assert.Equal((DeliveryOutcome.TransientFailure, $"127.0.0.1:{responder.Port} {detail}; to be tried again later"), (first.Outcome, first.Detail));
        Assert.Equal(DeliveryOutcome.Delivered, second.Outcome);
        Assert.Equal($"accepted by 127.0.0.1:{responder.Port}: 2.0.0 Ok: queued", second.Detail);
        var (connection, accepted) = Assert.Single(responder.Accepted);
        Assert.Equal(2, connection);
        Assert.Contains($"Message-ID: <{transport.Builder.MessageIdFor(message.Id)}>", accepted, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("RCPT", "refused the recipient gone.lead@borough.gov.uk (550 5.1.1 No such user)")]
    [InlineData("END-OF-DATA", "refused the message (550 5.1.1 No such user)")]
    public async Task A_550_is_a_permanent_failure_for_that_message_and_the_next_one_is_delivered_on_the_same_connection(string stage, string detail)
    {
        await using var responder = new ScriptedSmtpResponder((_, verb, line) =>
            verb == stage && line.Contains("gone.lead@", StringComparison.Ordinal) ? "550 5.1.1 No such user" : null);
        var transport = new SmtpMailTransport(Sample.Options(responder.Port));
        OutgoingMessage[] messages = [Sample.Message(NewId("gone"), "gone.lead@borough.gov.uk"), Sample.Message(NewId("here"))];

        var results = await transport.SendAsync(messages);

        Assert.Equal((DeliveryOutcome.PermanentFailure, $"127.0.0.1:{responder.Port} {detail}; not retried"), (results[0].Outcome, results[0].Detail));
        Assert.Equal(DeliveryOutcome.Delivered, results[1].Outcome);
        Assert.Equal(1, responder.Connections);
        var (_, accepted) = Assert.Single(responder.Accepted);
        Assert.Contains("To: Jo Lead <jo.lead@borough.gov.uk>", accepted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_deferrals_in_a_row_leave_the_rest_of_the_batch_for_later()
    {
        await using var responder = new ScriptedSmtpResponder((_, verb, _) => verb == "RCPT" ? "452 4.5.3 Too many recipients today" : null);
        var transport = new SmtpMailTransport(Sample.Options(responder.Port));

        var results = await transport.SendAsync(Batch("deferred", 5));

        Assert.All(results, r => Assert.Equal(DeliveryOutcome.TransientFailure, r.Outcome));
        Assert.All(results.Take(3), r => Assert.Contains("(452 4.5.3 Too many recipients today); to be tried again later", r.Detail, StringComparison.Ordinal));
        Assert.All(results.Skip(3), r => Assert.Equal($"not attempted: 127.0.0.1:{responder.Port} deferred 3 messages in a row, so the rest wait for the next try", r.Detail));
        Assert.Equal(3, responder.Lines.Count(l => l.Line.StartsWith("RCPT", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_as_a_transient_failure()
    {
        await using var responder = new ScriptedSmtpResponder((_, verb, _) => verb == "CONNECT" ? ScriptedSmtpResponder.Hang : null);
        var transport = new SmtpMailTransport(Sample.Options(responder.Port) with { Timeout = TimeSpan.FromSeconds(1) });

        var results = await transport.SendAsync(Batch("silent", 2));

        Assert.All(results, r => Assert.Equal(
            (DeliveryOutcome.TransientFailure, $"not attempted: could not talk to 127.0.0.1:{responder.Port}: no answer within 1 s"),
            (r.Outcome, r.Detail)));
    }

    [Fact]
    public async Task A_server_silent_after_the_message_is_a_transient_failure_that_says_a_resend_is_recognisable()
    {
        await using var responder = new ScriptedSmtpResponder((_, verb, _) => verb == "END-OF-DATA" ? ScriptedSmtpResponder.Hang : null);
        var transport = new SmtpMailTransport(Sample.Options(responder.Port) with { Timeout = TimeSpan.FromSeconds(1) });
        var message = Sample.Message(NewId("noreply"));

        var result = Assert.Single(await transport.SendAsync([message]));

        Assert.Equal(DeliveryOutcome.TransientFailure, result.Outcome);
        Assert.Equal(
            $"the connection to 127.0.0.1:{responder.Port} was lost while sending: no answer within 1 s; if it arrived all the same, a re-send carries the same Message-ID <{transport.Builder.MessageIdFor(message.Id)}>",
            result.Detail);
    }

    [Fact]
    public async Task A_login_is_sent_when_a_user_is_set()
    {
        await using var responder = new ScriptedSmtpResponder(login: ("csp-alerts", "s3cret!"));
        var transport = new SmtpMailTransport(Sample.Options(responder.Port) with { User = "csp-alerts", Password = "s3cret!" });

        var result = Assert.Single(await transport.SendAsync([Sample.Message(NewId("login"))]));

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        Assert.Contains(responder.Lines, l => l.Line.StartsWith("AUTH PLAIN", StringComparison.Ordinal));
        Assert.Single(responder.Accepted);
    }

    [Fact]
    public async Task A_refused_login_sends_nothing_and_every_message_waits()
    {
        await using var responder = new ScriptedSmtpResponder(login: ("csp-alerts", "s3cret!"));
        var transport = new SmtpMailTransport(Sample.Options(responder.Port) with { User = "csp-alerts", Password = "wrong" });

        var results = await transport.SendAsync(Batch("badlogin", 2));

        Assert.All(results, r => Assert.Equal(DeliveryOutcome.TransientFailure, r.Outcome));
        Assert.All(results, r => Assert.StartsWith($"not attempted: 127.0.0.1:{responder.Port} refused the login for 'csp-alerts': ", r.Detail, StringComparison.Ordinal));
        Assert.DoesNotContain(responder.Lines, l => l.Line.StartsWith("MAIL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelled_in_the_middle_nothing_throws_and_each_message_says_what_happened()
    {
        var messages = Batch("cancel", 3);
        using var cancel = new CancellationTokenSource();
        // The second message's end of data cancels the send and gets no answer.
        await using var responder = new ScriptedSmtpResponder((_, verb, line) =>
        {
            if (verb == "END-OF-DATA" && line.Contains(messages[1].Id, StringComparison.Ordinal))
            {
                cancel.Cancel();
                return ScriptedSmtpResponder.Hang;
            }

            return null;
        });
        var transport = new SmtpMailTransport(Sample.Options(responder.Port));

        var results = await transport.SendAsync(messages, cancel.Token);

        Assert.Equal(DeliveryOutcome.Delivered, results[0].Outcome);
        Assert.Equal(DeliveryOutcome.TransientFailure, results[1].Outcome);
        Assert.StartsWith($"cancelled while sending to 127.0.0.1:{responder.Port}; if it arrived all the same", results[1].Detail, StringComparison.Ordinal);
        Assert.Equal((DeliveryOutcome.TransientFailure, "not attempted: sending was cancelled"), (results[2].Outcome, results[2].Detail));
    }
}

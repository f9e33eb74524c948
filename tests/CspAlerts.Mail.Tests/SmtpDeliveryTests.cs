using CspAlerts.Mail.Tests.Support;
using CspAlerts.Notify;
using MimeKit;

namespace CspAlerts.Mail.Tests;

/// <summary>Messages sent to a real SMTP server (aiosmtpd), read back from its Maildir.</summary>
[Collection(SmtpServersDefinition.Name)]
public class SmtpDeliveryTests(SmtpServers servers)
{
    private static string NewId(string what) => $"{what}-{Guid.NewGuid():N}";

    /// <summary>What a message must look like when it arrives.</summary>
    private static void AssertArrivedWhole(MimeMessage mime, OutgoingMessage sent, string messageId)
    {
        Assert.Equal(messageId, mime.MessageId);
        Assert.Equal(sent.Subject, mime.Subject);
        Assert.Equal("csp-alerts@borough.gov.uk", Assert.Single(mime.From.Mailboxes).Address);
        Assert.Equal("jo.lead@borough.gov.uk", Assert.Single(mime.To.Mailboxes).Address);
        Assert.Empty(mime.Cc);
        Assert.Empty(mime.Bcc);
        // aiosmtpd's Maildir handler records the SMTP envelope: exactly one recipient.
        Assert.Equal("jo.lead@borough.gov.uk", mime.Headers["X-RcptTo"]);
        Assert.Equal("csp-alerts@borough.gov.uk", mime.Headers["X-MailFrom"]);

        Assert.Equal("multipart/alternative", mime.Body?.ContentType.MimeType);
        Assert.Contains("Burglary rate: rank 31 of 32", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("<img src=\"cid:chart-1\"", mime.HtmlBody, StringComparison.Ordinal);
        var related = Assert.Single(mime.BodyParts.OfType<MimePart>(), p => p.ContentId == "chart-1");
        Assert.Equal("image/png", related.ContentType.MimeType);
        Assert.NotNull(related.Content);
        using var png = new MemoryStream();
        related.Content.DecodeTo(png);
        Assert.Equal(Sample.Chart, png.ToArray());
    }

    [Fact]
    public async Task Plain_smtp_delivers_text_html_and_an_inline_png_to_one_recipient()
    {
        var transport = new SmtpMailTransport(Sample.Options(servers.Plain.Port));
        var message = Sample.Message(NewId("plain"));

        var result = Assert.Single(await transport.SendAsync([message]));

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        Assert.Equal(message.Id, result.MessageId);
        Assert.StartsWith($"accepted by 127.0.0.1:{servers.Plain.Port}: ", result.Detail, StringComparison.Ordinal);
        var messageId = transport.Builder.MessageIdFor(message.Id);
        AssertArrivedWhole(Assert.Single(await servers.Plain.ArrivedAsync(messageId)), message, messageId);
    }

    [Fact]
    public async Task A_batch_goes_over_one_connection_and_a_resend_carries_the_same_message_id()
    {
        await using var proxy = new TcpCutProxy(servers.Plain.Port);
        var transport = new SmtpMailTransport(Sample.Options(proxy.Port));
        var messages = Enumerable.Range(1, 5).Select(i => Sample.Message(NewId($"batch{i}"))).ToList();

        var results = await transport.SendAsync(messages);
        var again = await transport.SendAsync([messages[0]]);

        Assert.All(results.Concat(again), r => Assert.Equal(DeliveryOutcome.Delivered, r.Outcome));
        Assert.Equal(2, proxy.Connections);
        var messageId = transport.Builder.MessageIdFor(messages[0].Id);
        var copies = await servers.Plain.ArrivedAsync(messageId, expected: 2);
        // A re-send is a second copy, recognisable as the same message by its Message-ID.
        Assert.Equal(2, copies.Count);
        Assert.All(copies, copy => AssertArrivedWhole(copy, messages[0], messageId));
    }

    [Fact]
    public async Task Starttls_delivers_with_the_test_certificate_accepted_by_an_explicit_option_and_nothing_in_clear()
    {
        using var certificate = servers.Tls.Certificate;
        var thumbprint = certificate.GetCertHashString();
        await using var proxy = new TcpCutProxy(servers.Tls.Port);
        var transport = new SmtpMailTransport(Sample.Options(proxy.Port, startTls: true) with
        {
            // Pinned: this certificate and no other.
            AcceptCertificate = (_, presented, _, _) => presented?.GetCertHashString() == thumbprint,
        });
        var message = Sample.Message(NewId("tls"));

        var result = Assert.Single(await transport.SendAsync([message]));

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        var messageId = transport.Builder.MessageIdFor(message.Id);
        AssertArrivedWhole(Assert.Single(await servers.Tls.ArrivedAsync(messageId)), message, messageId);
        var wire = proxy.ClientBytes;
        Assert.Contains("STARTTLS\r\n", wire, StringComparison.Ordinal);
        Assert.DoesNotContain("MAIL FROM", wire, StringComparison.Ordinal);
        Assert.DoesNotContain("jo.lead", wire, StringComparison.Ordinal);
        Assert.DoesNotContain("exception items", wire, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starttls_without_the_option_refuses_the_self_signed_certificate_and_sends_nothing()
    {
        var transport = new SmtpMailTransport(Sample.Options(servers.Tls.Port, startTls: true));
        var message = Sample.Message(NewId("untrusted"));

        var result = Assert.Single(await transport.SendAsync([message]));

        Assert.Equal(DeliveryOutcome.TransientFailure, result.Outcome);
        Assert.Equal($"not attempted: the TLS handshake with 127.0.0.1:{servers.Tls.Port} failed: its certificate is not trusted, or it offers no TLS version or cipher this machine accepts", result.Detail);
        Assert.Empty(servers.Tls.WithMessageId(transport.Builder.MessageIdFor(message.Id)));
    }

    [Fact]
    public async Task Starttls_asked_of_a_server_that_does_not_offer_it_sends_nothing_in_clear()
    {
        await using var proxy = new TcpCutProxy(servers.Plain.Port);
        var transport = new SmtpMailTransport(Sample.Options(proxy.Port, startTls: true));
        var message = Sample.Message(NewId("notls"));

        var result = Assert.Single(await transport.SendAsync([message]));

        Assert.Equal(DeliveryOutcome.TransientFailure, result.Outcome);
        Assert.Equal($"not attempted: 127.0.0.1:{proxy.Port} does not offer STARTTLS, so nothing was sent in clear", result.Detail);
        Assert.DoesNotContain("MAIL FROM", proxy.ClientBytes, StringComparison.Ordinal);
        Assert.Empty(servers.Plain.WithMessageId(transport.Builder.MessageIdFor(message.Id)));
    }

    [Fact]
    public async Task A_subject_carrying_a_bcc_header_arrives_as_one_subject_line_and_no_bcc()
    {
        var transport = new SmtpMailTransport(Sample.Options(servers.Plain.Port));
        var message = Sample.Message(NewId("inject"), subject: "OFFICIAL: 2 exception items\r\nBcc: x@evil.example");

        var result = Assert.Single(await transport.SendAsync([message]));

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        var mime = Assert.Single(await servers.Plain.ArrivedAsync(transport.Builder.MessageIdFor(message.Id)));
        Assert.Equal("OFFICIAL: 2 exception items Bcc: x@evil.example", mime.Subject);
        Assert.Single(mime.Headers, h => h.Id == HeaderId.Subject);
        Assert.DoesNotContain(mime.Headers, h => h.Id is HeaderId.Bcc or HeaderId.Cc);
        Assert.Equal("jo.lead@borough.gov.uk", mime.Headers["X-RcptTo"]);
        Assert.DoesNotContain(servers.Plain.Files(), f => File.ReadAllText(f).Contains("X-RcptTo: x@evil.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_recipient_outside_the_allowed_domains_is_never_sent_and_the_batch_goes_on()
    {
        await using var proxy = new TcpCutProxy(servers.Plain.Port);
        var transport = new SmtpMailTransport(Sample.Options(proxy.Port));
        OutgoingMessage[] messages =
        [
            Sample.Message(NewId("outside"), "Jo Lead <jo.lead@evil.example>"),
            Sample.Message(NewId("injected"), "jo.lead@borough.gov.uk\r\nBcc: x@evil.example"),
            Sample.Message(NewId("inside")),
        ];

        var results = await transport.SendAsync(messages);

        Assert.Equal([DeliveryOutcome.PermanentFailure, DeliveryOutcome.PermanentFailure, DeliveryOutcome.Delivered], results.Select(r => r.Outcome));
        Assert.Equal("refused, not sent: jo.lead@evil.example is not at an allowed domain (borough.gov.uk, met.police.uk)", results[0].Detail);
        Assert.StartsWith("refused, not sent: the recipient 'jo.lead@borough.gov.uk\\r\\nBcc: x@evil.example'", results[1].Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", proxy.ClientBytes, StringComparison.Ordinal);
        Assert.Single(await servers.Plain.ArrivedAsync(transport.Builder.MessageIdFor(messages[2].Id)));
        Assert.Empty(servers.Plain.WithMessageId(transport.Builder.MessageIdFor(messages[0].Id)));
    }

    [Fact]
    public async Task A_batch_of_only_refused_messages_opens_no_connection()
    {
        await using var proxy = new TcpCutProxy(servers.Plain.Port);
        var transport = new SmtpMailTransport(Sample.Options(proxy.Port));

        var result = Assert.Single(await transport.SendAsync([Sample.Message(NewId("outside"), "x@evil.example")]));

        Assert.Equal(DeliveryOutcome.PermanentFailure, result.Outcome);
        Assert.Equal(0, proxy.Connections);
    }
}

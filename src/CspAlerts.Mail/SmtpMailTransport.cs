using System.Net.Sockets;
using CspAlerts.Notify;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using IMailTransport = CspAlerts.Notify.IMailTransport;

namespace CspAlerts.Mail;

/// <summary>
/// Sends a batch over one SMTP connection (MailKit): connect, STARTTLS when set, log in when a user
/// is set, then each message in turn. Outcomes: accepted → Delivered; a 4xx answer → TransientFailure
/// for that message (after three in a row the rest of the batch is left for later); a 5xx answer →
/// PermanentFailure for that message, and the batch goes on; no server, a timeout or a dropped
/// connection → TransientFailure, the connection is made again once, and if that fails too the
/// rest are TransientFailure "not attempted". A message refused by <see cref="MimeMessageBuilder"/>
/// (a bad recipient, a domain not allowed) is a PermanentFailure and never leaves the machine.
/// It never throws for a failed delivery, nor for cancellation: the results say what happened.
/// </summary>
public sealed class SmtpMailTransport : IMailTransport
{
    /// <summary>How many 4xx answers in a row stop the batch, so a server that asks for a pause gets one.</summary>
    public const int DeferralsBeforePause = 3;

    private readonly SmtpOptions _options;
    private readonly MimeMessageBuilder _builder;
    private readonly TimeProvider _timeProvider;

    /// <exception cref="ArgumentException">The options are not valid; every error is named.</exception>
    public SmtpMailTransport(SmtpOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _builder = new MimeMessageBuilder(options.From, options.AllowedDomains, _timeProvider);
    }

    /// <summary>The builder this transport uses, for the Message-ID a message will carry.</summary>
    public MimeMessageBuilder Builder => _builder;

    /// <inheritdoc />
    public Task<IReadOnlyList<DeliveryResult>> SendAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default) =>
        SendAsync(messages, static _ => Task.CompletedTask, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeliveryResult>> SendAsync(IReadOnlyList<OutgoingMessage> messages, Func<DeliveryResult, Task> accepted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(accepted);
        var batch = new Batch(messages, _timeProvider);
        var ready = new List<(int Index, MimeMessage Mime)>();
        for (var i = 0; i < messages.Count; i++)
        {
            if (_builder.TryBuild(messages[i], out var mime, out var refusal))
            {
                ready.Add((i, mime));
            }
            else
            {
                batch.Set(i, DeliveryOutcome.PermanentFailure, refusal);
            }
        }

        if (ready.Count > 0)
        {
            await SendOverOneConnectionAsync(batch, ready, accepted, cancellationToken).ConfigureAwait(false);
        }

        return batch.Results();
    }

    private string Server => $"{_options.Host}:{_options.Port}";

    private async Task SendOverOneConnectionAsync(Batch batch, List<(int Index, MimeMessage Mime)> ready, Func<DeliveryResult, Task> accepted, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)Math.Ceiling(_options.Timeout.TotalMilliseconds) };
        if (_options.AcceptCertificate is { } accept)
        {
            client.ServerCertificateValidationCallback = accept;
        }

        var connections = 0;
        var deferredInARow = 0;
        string? lost = null;
        try
        {
            for (var next = 0; next < ready.Count; next++)
            {
                var rest = ready.Skip(next).Select(r => r.Index);
                if (cancellationToken.IsCancellationRequested)
                {
                    batch.SetAll(rest, DeliveryOutcome.TransientFailure, "not attempted: sending was cancelled");
                    return;
                }

                if (!client.IsConnected)
                {
                    // One connection per batch, and once more after it is lost.
                    if (connections == 2)
                    {
                        batch.SetAll(rest, DeliveryOutcome.TransientFailure, $"not attempted: the connection was lost ({lost})");
                        return;
                    }

                    connections++;
                    var failure = await ConnectAsync(client, cancellationToken).ConfigureAwait(false);
                    if (failure is not null)
                    {
                        var why = connections == 1 ? failure : $"the connection was lost ({lost}) and connecting again failed: {failure}";
                        batch.SetAll(rest, DeliveryOutcome.TransientFailure, "not attempted: " + why);
                        return;
                    }
                }

                var (index, mime) = ready[next];
                var delivered = false;
                try
                {
                    // The envelope names the one checked recipient, whatever the headers say.
                    var answer = await client.SendAsync(mime, mime.From.Mailboxes.Single(), mime.To.Mailboxes, cancellationToken).ConfigureAwait(false);
                    batch.Set(index, DeliveryOutcome.Delivered, $"accepted by {Server}: {Said(answer)}");
                    deferredInARow = 0;
                    delivered = true;
                }
                catch (SmtpCommandException e) when ((int)e.StatusCode is >= 400 and < 500)
                {
                    batch.Set(index, DeliveryOutcome.TransientFailure, Describe(e) + "; to be tried again later");
                    lost = $"{Server} answered {(int)e.StatusCode}";
                    if (++deferredInARow == DeferralsBeforePause && next + 1 < ready.Count)
                    {
                        batch.SetAll(ready.Skip(next + 1).Select(r => r.Index), DeliveryOutcome.TransientFailure,
                            $"not attempted: {Server} deferred {DeferralsBeforePause} messages in a row, so the rest wait for the next try");
                        return;
                    }
                }
                catch (SmtpCommandException e)
                {
                    batch.Set(index, DeliveryOutcome.PermanentFailure, Describe(e) + "; not retried");
                    deferredInARow = 0;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    batch.Set(index, DeliveryOutcome.TransientFailure,
                        $"cancelled while sending to {Server}; if it arrived all the same, a re-send carries the same Message-ID <{mime.MessageId}>");
                    batch.SetAll(ready.Skip(next + 1).Select(r => r.Index), DeliveryOutcome.TransientFailure, "not attempted: sending was cancelled");
                    return;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    lost = Plain(e);
                    batch.Set(index, DeliveryOutcome.TransientFailure,
                        $"the connection to {Server} was lost while sending: {lost}; if it arrived all the same, a re-send carries the same Message-ID <{mime.MessageId}>");
                    await DropAsync(client).ConfigureAwait(false);
                }

                if (delivered)
                {
                    // Outside the try: a failure to record is not a lost connection, and must not be taken for one.
                    await accepted(batch.Result(index)).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (client.IsConnected)
            {
                try
                {
                    using var quit = new CancellationTokenSource(_options.Timeout);
                    await client.DisconnectAsync(quit: true, quit.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Every message has its result; a failed QUIT changes none of them.
                }
            }
        }
    }

    /// <summary>Connects, upgrades and logs in; null when ready to send, otherwise why not, in plain words.</summary>
    private async Task<string?> ConnectAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        try
        {
            var security = _options.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None;
            var socket = await OpenSocketAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await client.ConnectAsync(socket, _options.Host, _options.Port, security, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            if (!string.IsNullOrEmpty(_options.User))
            {
                await client.AuthenticateAsync(_options.User, _options.Password ?? "", cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await DropAsync(client).ConfigureAwait(false);
            return "sending was cancelled";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await DropAsync(client).ConfigureAwait(false);
            return e switch
            {
                SocketException s => $"could not connect to {Server}: {SocketWords(s)}",
                SslHandshakeException => $"the TLS handshake with {Server} failed: its certificate is not trusted, or it offers no TLS version or cipher this machine accepts",
                NotSupportedException when _options.StartTls && !client.IsConnected => $"{Server} does not offer STARTTLS, so nothing was sent in clear",
                NotSupportedException => $"{Server} does not offer a login, but a User is set",
                AuthenticationException a => $"{Server} refused the login for '{MailText.Visible(_options.User ?? "")}': {Said(a.Message)}",
                SmtpCommandException c => Describe(c),
                _ => $"could not talk to {Server}: {Plain(e)}",
            };
        }
    }

    /// <summary>
    /// Opens the TCP connection with Nagle's algorithm off: SMTP is a dialogue of short lines, and
    /// with it on each message's last short write waits for the server's delayed acknowledgement
    /// (about 40 ms on Linux), which alone held a batch to some 17 messages a second.
    /// </summary>
    private async Task<Socket> OpenSocketAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            await socket.ConnectAsync(_options.Host, _options.Port, timeout.Token).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task DropAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: false, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Already gone.
        }
    }

    /// <summary>The server's answer in plain words: who refused or deferred what, with the code and text it sent.</summary>
    private string Describe(SmtpCommandException e)
    {
        var code = (int)e.StatusCode;
        var did = code is >= 400 and < 500 ? "deferred" : "refused";
        var what = e.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => $"the recipient {e.Mailbox?.Address}",
            SmtpErrorCode.SenderNotAccepted => $"the sender {e.Mailbox?.Address}",
            SmtpErrorCode.MessageNotAccepted => "the message",
            _ => "a command",
        };
        return $"{Server} {did} {what} ({code} {Said(e.Message)})";
    }

    /// <summary>A server's words on one line, cut to 200 characters.</summary>
    private static string Said(string? text) => MailText.Visible(MailText.OneLine(text ?? ""), 200);

    private static string SocketWords(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused (no server is listening there)",
        SocketError.TimedOut => "timed out",
        SocketError.HostNotFound or SocketError.NoData => "no such host",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "the host cannot be reached",
        _ => Said(e.Message),
    };

    private string Plain(Exception e) => e switch
    {
        SocketException s => SocketWords(s),
        TimeoutException or OperationCanceledException => $"no answer within {_options.Timeout.TotalSeconds:0.#} s",
        IOException { InnerException: SocketException s } => SocketWords(s),
        IOException { InnerException: TimeoutException } => $"no answer within {_options.Timeout.TotalSeconds:0.#} s",
        ServiceNotConnectedException => "the server closed the connection",
        SmtpProtocolException p => "the server broke off: " + Said(p.Message),
        _ => Said(e.Message),
    };

    /// <summary>One result per message, stamped when it is set.</summary>
    private sealed class Batch(IReadOnlyList<OutgoingMessage> messages, TimeProvider timeProvider)
    {
        private readonly DeliveryResult?[] _results = new DeliveryResult?[messages.Count];

        public void Set(int index, DeliveryOutcome outcome, string detail) =>
            _results[index] = new DeliveryResult(messages[index].Id, outcome, detail, timeProvider.GetUtcNow());

        public void SetAll(IEnumerable<int> indexes, DeliveryOutcome outcome, string detail)
        {
            foreach (var index in indexes)
            {
                Set(index, outcome, detail);
            }
        }

        public DeliveryResult Result(int index) => _results[index]!;

        public IReadOnlyList<DeliveryResult> Results() =>
            [.. _results.Select((r, i) => r ?? throw new InvalidOperationException($"no result for message {i}"))];
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CspAlerts.Mail.Tests.Support;

/// <summary>
/// A tiny SMTP responder on a loopback port that answers a fixed dialogue: everything is accepted
/// unless <see cref="Answer"/> says otherwise for a given connection and command. It keeps every
/// line it was sent and every message it accepted. Special answers: <see cref="Hang"/> never answers,
/// <see cref="Drop"/> closes the connection.
/// </summary>
internal sealed class ScriptedSmtpResponder : IAsyncDisposable
{
    /// <summary>Answer nothing, ever (the client times out).</summary>
    public const string Hang = "<hang>";

    /// <summary>Close the connection without a word.</summary>
    public const string Drop = "<drop>";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _sessions = [];
    private readonly List<(int Connection, string Line)> _lines = [];
    private readonly List<(int Connection, string Message)> _accepted = [];
    private readonly Task _accepting;
    private int _connections;

    /// <param name="answer">(connection number from 1, the command's verb or "CONNECT" or "END-OF-DATA", the whole line) → the reply, or null for the ordinary one.</param>
    public ScriptedSmtpResponder(Func<int, string, string, string?>? answer = null, (string User, string Password)? login = null)
    {
        Answer = answer ?? ((_, _, _) => null);
        Login = login;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Func<int, string, string, string?> Answer { get; }

    public (string User, string Password)? Login { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    public IReadOnlyList<(int Connection, string Line)> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public IReadOnlyList<(int Connection, string Message)> Accepted
    {
        get
        {
            lock (_accepted)
            {
                return [.. _accepted];
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var number = Interlocked.Increment(ref _connections);
            lock (_sessions)
            {
                _sessions.Add(SessionAsync(client, number));
            }
        }
    }

    private async Task SessionAsync(TcpClient client, int connection)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.Latin1);
                if (!await ReplyAsync(stream, connection, "CONNECT", "", "220 responder ESMTP ready"))
                {
                    return;
                }

                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    lock (_lines)
                    {
                        _lines.Add((connection, line));
                    }

                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    verb = verb.Contains(':', StringComparison.Ordinal) ? verb[..verb.IndexOf(':', StringComparison.Ordinal)] : verb;
                    switch (verb)
                    {
                        case "EHLO":
                            var auth = Login is null ? "" : "250-AUTH PLAIN\r\n";
                            if (!await ReplyAsync(stream, connection, verb, line, $"250-responder\r\n250-8BITMIME\r\n{auth}250 SIZE 10000000"))
                            {
                                return;
                            }

                            break;
                        case "AUTH":
                            var parts = line.Split(' ');
                            var encoded = parts.Length > 2 ? parts[2] : null;
                            if (encoded is null)
                            {
                                await WriteAsync(stream, "334 ");
                                encoded = await reader.ReadLineAsync(_stop.Token) ?? "";
                            }

                            var fields = Encoding.UTF8.GetString(Convert.FromBase64String(encoded)).Split('\0');
                            var ok = Login is { } login && fields.Length == 3 && fields[1] == login.User && fields[2] == login.Password;
                            if (!await ReplyAsync(stream, connection, verb, line, ok ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication credentials invalid"))
                            {
                                return;
                            }

                            break;
                        case "DATA":
                            if (!await ReplyAsync(stream, connection, verb, line, "354 End data with <CR><LF>.<CR><LF>"))
                            {
                                return;
                            }

                            var message = new StringBuilder();
                            while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                            {
                                message.Append(data.StartsWith("..", StringComparison.Ordinal) ? data[1..] : data).Append("\r\n");
                            }

                            var reply = Answer(connection, "END-OF-DATA", message.ToString()) ?? "250 2.0.0 Ok: queued";
                            if (reply.StartsWith('2'))
                            {
                                lock (_accepted)
                                {
                                    _accepted.Add((connection, message.ToString()));
                                }
                            }

                            if (!await SendAsync(stream, reply))
                            {
                                return;
                            }

                            break;
                        case "QUIT":
                            await ReplyAsync(stream, connection, verb, line, "221 2.0.0 Bye");
                            return;
                        case "MAIL" or "RCPT" or "RSET" or "NOOP" or "HELO":
                            if (!await ReplyAsync(stream, connection, verb, line, "250 2.0.0 Ok"))
                            {
                                return;
                            }

                            break;
                        default:
                            if (!await ReplyAsync(stream, connection, verb, line, "500 5.5.2 Command not recognised"))
                            {
                                return;
                            }

                            break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or FormatException)
            {
                // The client went away, or the test is over.
            }
        }
    }

    /// <summary>Sends the scripted or ordinary reply; false when the connection is to end.</summary>
    private async Task<bool> ReplyAsync(NetworkStream stream, int connection, string verb, string line, string ordinary) =>
        await SendAsync(stream, Answer(connection, verb, line) ?? ordinary);

    private async Task<bool> SendAsync(NetworkStream stream, string reply)
    {
        if (reply == Hang)
        {
            await Task.Delay(Timeout.Infinite, _stop.Token);
        }

        if (reply == Drop)
        {
            return false;
        }

        await WriteAsync(stream, reply);
        return true;
    }

    private Task WriteAsync(NetworkStream stream, string reply) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), _stop.Token).AsTask();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] running;
        lock (_sessions)
        {
            running = [.. _sessions];
        }

        await Task.WhenAll(running);
        _stop.Dispose();
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CspAlerts.Cli.Tests.Support;

/// <summary>
/// A loopback TCP proxy in front of a real SMTP server that forwards both ways until the client
/// starts the content of message <c>stallAt</c> (the bytes after its DATA command), then holds them:
/// the server never sees that message end, and the client waits for an answer that never comes.
/// <see cref="Stalled"/> completes at that moment, so a test can kill the client mid-batch.
/// </summary>
internal sealed class StallProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly int _stallAt;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Socket> _sockets = [];
    private readonly Task _accepting;

    public StallProxy(int targetPort, int stallAt)
    {
        _targetPort = targetPort;
        _stallAt = stallAt;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Completes when the proxy starts holding the content of message <c>stallAt</c>.</summary>
    public Task Stalled => _stalled.Task;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var client = await _listener.AcceptSocketAsync(_stop.Token);
                var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                lock (_sockets)
                {
                    _sockets.AddRange([client, server]);
                }

                _ = PumpAsync(server, client, hold: false);
                _ = PumpAsync(client, server, hold: true);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool hold)
    {
        var buffer = new byte[16384];
        var seen = new StringBuilder();
        var dataCommands = 0;
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, _stop.Token)) > 0)
            {
                if (hold)
                {
                    // The client's commands are short lines; DATA is answered 354 before the content is sent.
                    var text = Encoding.Latin1.GetString(buffer, 0, read);
                    if (dataCommands == _stallAt)
                    {
                        _stalled.TrySetResult();
                        continue; // the content of message stallAt: held, never forwarded
                    }

                    seen.Append(text);
                    dataCommands = CountData(seen.ToString());
                }

                await to.SendAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static int CountData(string transcript)
    {
        var count = 0;
        for (var i = transcript.IndexOf("\r\nDATA\r\n", StringComparison.Ordinal); i >= 0; i = transcript.IndexOf("\r\nDATA\r\n", i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Close(0);
            }
        }

        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}

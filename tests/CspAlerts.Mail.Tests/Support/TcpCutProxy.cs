using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CspAlerts.Mail.Tests.Support;

/// <summary>
/// A loopback TCP proxy in front of a real server. It forwards both ways, keeps what the client
/// sent, and on the first <see cref="ConnectionsToCut"/> connections drops both sockets once
/// <see cref="CutAfterDataBytes"/> bytes of the message content (after the client's DATA command)
/// have gone through, so the server never sees the end of the message.
/// </summary>
internal sealed class TcpCutProxy : IAsyncDisposable
{
    private static readonly byte[] DataCommand = "DATA\r\n"u8.ToArray();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly MemoryStream _fromClient = new();
    private readonly Task _accepting;
    private int _connectionCount;

    /// <param name="cutAfterDataBytes">Content bytes let through before the cut; negative: never cut.</param>
    public TcpCutProxy(int targetPort, int cutAfterDataBytes = -1, int connectionsToCut = 1)
    {
        _targetPort = targetPort;
        CutAfterDataBytes = cutAfterDataBytes;
        ConnectionsToCut = connectionsToCut;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int CutAfterDataBytes { get; }

    public int ConnectionsToCut { get; }

    /// <summary>How many connections the client made.</summary>
    public int Connections => Volatile.Read(ref _connectionCount);

    /// <summary>How many connections were cut in the middle of DATA.</summary>
    public int Cuts { get; private set; }

    /// <summary>Every byte the client sent, over all connections, as Latin-1 text.</summary>
    public string ClientBytes
    {
        get
        {
            lock (_fromClient)
            {
                return Encoding.Latin1.GetString(_fromClient.ToArray());
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var number = Interlocked.Increment(ref _connectionCount);
            lock (_connections)
            {
                _connections.Add(RelayAsync(client, cut: CutAfterDataBytes >= 0 && number <= ConnectionsToCut));
            }
        }
    }

    private async Task RelayAsync(Socket client, bool cut)
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using (client)
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                var toClient = PumpAsync(server, client);
                var toServer = ClientToServerAsync(client, server, cut);
                await Task.WhenAny(toClient, toServer);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A dropped connection is what some tests are about.
            }
            finally
            {
                // Drop both: no FIN handshake courtesy, the peers see the connection die.
                client.Close(0);
                server.Close(0);
            }
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16384];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, _stop.Token)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task ClientToServerAsync(Socket client, Socket server, bool cut)
    {
        var buffer = new byte[16384];
        var transcript = new List<byte>();
        var dataStart = -1;
        try
        {
            int read;
            while ((read = await client.ReceiveAsync(buffer, _stop.Token)) > 0)
            {
                lock (_fromClient)
                {
                    _fromClient.Write(buffer, 0, read);
                }

                var forward = read;
                if (cut)
                {
                    transcript.AddRange(buffer.AsSpan(0, read));
                    if (dataStart < 0)
                    {
                        var at = IndexOfDataCommand(transcript);
                        dataStart = at < 0 ? -1 : at + DataCommand.Length;
                    }

                    if (dataStart >= 0 && transcript.Count - dataStart >= CutAfterDataBytes)
                    {
                        forward = read - (transcript.Count - dataStart - CutAfterDataBytes);
                        forward = Math.Max(0, forward);
                        if (forward > 0)
                        {
                            await server.SendAsync(buffer.AsMemory(0, forward), _stop.Token);
                        }

                        Cuts++;
                        return;
                    }
                }

                await server.SendAsync(buffer.AsMemory(0, forward), _stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static int IndexOfDataCommand(List<byte> transcript)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(transcript);
        for (var start = 0; ;)
        {
            var at = span[start..].IndexOf(DataCommand);
            if (at < 0)
            {
                return -1;
            }

            at += start;
            if (at == 0 || span[at - 1] == (byte)'\n')
            {
                return at;
            }

            start = at + 1;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] running;
        lock (_connections)
        {
            running = [.. _connections];
        }

        await Task.WhenAll(running);
        _stop.Dispose();
        _fromClient.Dispose();
    }
}

using System.Net;
using System.Net.Sockets;

namespace CspAlerts.Testing;

/// <summary>Loopback ports for the servers the tests start.</summary>
internal static class Ports
{
    /// <summary>A port nothing listens on (just now).</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

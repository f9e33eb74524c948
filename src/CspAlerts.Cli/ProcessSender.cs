using System.Diagnostics;
using System.Globalization;
using CspAlerts.Notify;

namespace CspAlerts.Cli;

/// <summary>
/// This process as an outbox sender: <c>host/pid/start</c>. Another sender's claims are abandoned
/// when it ran on this host and that process is gone (or the id now belongs to a later process).
/// Senders on other hosts are never judged: their claims run out with their lease.
/// </summary>
internal static class ProcessSender
{
    public static OutboxSender Current()
    {
        using var me = Process.GetCurrentProcess();
        return new OutboxSender(IdOf(Environment.MachineName, me), IsAbandoned);
    }

    private static string IdOf(string host, Process process) =>
        $"{host}/{process.Id.ToString(CultureInfo.InvariantCulture)}/{process.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture)}";

    private static bool IsAbandoned(string sender)
    {
        var parts = sender.Split('/');
        if (parts.Length != 3 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return IdOf(parts[0], process) != sender;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (InvalidOperationException)
        {
            return true; // it exited as we looked
        }
    }
}

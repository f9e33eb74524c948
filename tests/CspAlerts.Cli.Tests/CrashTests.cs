using System.Diagnostics;
using CspAlerts.Cli.Tests.Support;
using CspAlerts.Mail.Tests.Support;
using MimeKit;

namespace CspAlerts.Cli.Tests;

/// <summary>
/// The sending process killed hard (SIGKILL, as kill -9) in the middle of a batch to a real SMTP
/// server (aiosmtpd), then run again: every email arrives exactly once.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private readonly SmtpServer _smtp = SmtpServer.Start();
    private readonly string _folder = $"tests/CspAlerts.Cli.Tests/bin/work/crash-{Guid.NewGuid():N}";

    public void Dispose() => _smtp.Dispose();

    private Dictionary<string, string> Settings(int port) => new()
    {
        ["CSPALERTS_State__Path"] = $"{_folder}/state.db",
        ["CSPALERTS_Smtp__Host"] = "127.0.0.1",
        ["CSPALERTS_Smtp__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CSPALERTS_Smtp__StartTls"] = "false",
        ["CSPALERTS_Smtp__From"] = "CSP Alerts <cspalerts@lbbd.example.gov.uk>",
    };

    [Fact]
    public async Task A_run_killed_in_the_middle_of_a_batch_and_run_again_delivers_every_email_exactly_once()
    {
        // The partnership's run for December 2016 emails three leads; the proxy holds the second
        // message's content, so the first was accepted and the second never ends.
        await using var proxy = new StallProxy(_smtp.Port, stallAt: 2);
        // The command line as its own project built it (same configuration as these tests), with its native libraries beside it.
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;
        var cli = Path.Combine(CliRun.RepoRoot, "src", "CspAlerts.Cli", "bin", configuration, "net10.0", "cspalerts.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = CliRun.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(cli);
        foreach (var argument in new[] { "run", "--data", "seeds" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in Settings(proxy.Port))
        {
            start.Environment[key] = value;
        }

        using (var child = Process.Start(start)!)
        {
            var output = child.StandardOutput.ReadToEndAsync();
            var errors = child.StandardError.ReadToEndAsync();
            var stalled = await Task.WhenAny(proxy.Stalled, child.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(120)));
            Assert.True(proxy.Stalled.IsCompleted, $"the run did not reach the second message: {await Finished(child, output, errors)}");
            child.Kill(entireProcessTree: true); // SIGKILL: no finally block, no flush, no goodbye
            await child.WaitForExitAsync();
            Assert.Equal(137, child.ExitCode);
        }

        var delivered = Arrived();
        Assert.Single(delivered);

        var again = CliRun.RunWith(Settings(_smtp.Port), "run", "--data", "seeds");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("This data was run before: nothing new to send.", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("Delivered 2 of 2 message(s) to 127.0.0.1:", again.Stdout, StringComparison.Ordinal);
        var all = Arrived();
        Assert.Equal(
            ["crime.lead@lbbd.example.gov.uk", "fire.lead@lbbd.example.gov.uk", "substance.misuse.lead@lbbd.example.gov.uk"],
            all.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        Assert.Equal(3, all.Select(m => m.MessageId).Distinct().Count());

        var third = CliRun.RunWith(Settings(_smtp.Port), "run", "--data", "seeds");
        Assert.Equal(0, third.ExitCode);
        Assert.Equal(3, Arrived().Count);
    }

    private List<MimeMessage> Arrived()
    {
        Thread.Sleep(200); // aiosmtpd writes the file just after it answers 250
        return [.. _smtp.Files().Select(f => MimeMessage.Load(f))];
    }

    private static async Task<string> Finished(Process child, Task<string> output, Task<string> errors)
    {
        if (!child.HasExited)
        {
            child.Kill(entireProcessTree: true);
        }

        await child.WaitForExitAsync();
        return $"exit {child.ExitCode}\n{await output}\n{await errors}";
    }
}

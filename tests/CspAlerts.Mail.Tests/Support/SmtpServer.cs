using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using CspAlerts.Testing;
using MimeKit;

namespace CspAlerts.Mail.Tests.Support;

/// <summary>
/// A real SMTP server (aiosmtpd) on a free loopback port, delivering into a Maildir in a temporary
/// folder, started and stopped through tests/scripts/smtp.sh, which installs aiosmtpd when missing.
/// </summary>
internal sealed class SmtpServer : IDisposable
{
    private SmtpServer(int port, string folder, bool tls)
    {
        Port = port;
        Folder = folder;
        Tls = tls;
    }

    public int Port { get; }

    public string Folder { get; }

    public string Maildir => Path.Combine(Folder, "maildir");

    public bool Tls { get; }

    /// <summary>The server's self-signed certificate (STARTTLS servers only).</summary>
    public X509Certificate2 Certificate => X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Maildir, "tls", "cert.pem"));

    public static SmtpServer Start(bool tls = false)
    {
        var folder = Directory.CreateTempSubdirectory("cspalerts-smtp-").FullName;
        var server = new SmtpServer(Ports.Free(), folder, tls);
        var (code, output) = Script("start", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), server.Maildir, tls ? "--tls" : null);
        if (code != 0)
        {
            throw new InvalidOperationException($"smtp.sh start failed ({code}):\n{output}");
        }

        return server;
    }

    /// <summary>Every message delivered so far, as files in Maildir/new.</summary>
    public IReadOnlyList<string> Files() => Directory.GetFiles(Path.Combine(Maildir, "new"));

    /// <summary>The delivered messages with this Message-ID.</summary>
    public IReadOnlyList<MimeMessage> WithMessageId(string messageId) =>
        [.. Files().Select(f => MimeMessage.Load(f)).Where(m => m.MessageId == messageId)];

    /// <summary>Waits a little for a message that may still be on its way to disk, then returns what arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> ArrivedAsync(string messageId, int expected = 1)
    {
        for (var i = 0; i < 50; i++)
        {
            var found = WithMessageId(messageId);
            if (found.Count >= expected)
            {
                return found;
            }

            await Task.Delay(20);
        }

        return WithMessageId(messageId);
    }

    public void Dispose()
    {
        Script("stop", Maildir, null);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind harms nothing.
        }
    }

    private static (int Code, string Output) Script(string verb, string first, string? second, string? third = null)
    {
        var script = Path.Combine(RepositoryRoot.Find(AppContext.BaseDirectory), "tests", "scripts", "smtp.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, verb, first, second, third }.OfType<string>())
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SMTP_OWNER_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}

/// <summary>One plain and one STARTTLS server for all the tests that use them.</summary>
public sealed class SmtpServers : IDisposable
{
    internal SmtpServer Plain { get; } = SmtpServer.Start();

    internal SmtpServer Tls { get; } = SmtpServer.Start(tls: true);

    public void Dispose()
    {
        Plain.Dispose();
        Tls.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SmtpServersDefinition : ICollectionFixture<SmtpServers>
{
    public const string Name = "aiosmtpd";
}

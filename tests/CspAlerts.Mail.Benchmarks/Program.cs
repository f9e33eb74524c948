using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using CspAlerts.Mail;
using CspAlerts.Mail.Tests.Support;
using CspAlerts.Notify;
using CspAlerts.Testing;

// Mail throughput, printed, not asserted: 1,000 messages, each with a ~20 KB inline PNG, sent to a
// real SMTP server (aiosmtpd, started through tests/scripts/smtp.sh) over one connection, then the
// same batch written to a pickup folder. Run from the repository root:
//   dotnet run --project tests/CspAlerts.Mail.Benchmarks -c Release [-- --count N] [--tls]
// The target is at least 100 messages a second over SMTP.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var count = args.SkipWhile(a => a != "--count").Skip(1).Select(int.Parse).FirstOrDefault(1000);
var tls = args.Contains("--tls");
var root = RepositoryRoot.Find(Directory.GetCurrentDirectory());
var script = Path.Combine(root, "tests", "scripts", "smtp.sh");
var folder = Directory.CreateTempSubdirectory("cspalerts-mail-bench-").FullName;
var maildir = Path.Combine(folder, "maildir");

var png = TestPng.Noise(82, 82, seed: 7);

// Each email as a run writes it: the shipped Handlebars templates, three items with their rules,
// what would clear them and an inline chart each (a real chart is about 24 KB; this PNG is close).
var templates = MessageTemplates.Default();
const int ItemsPerEmail = 3;
ItemModel Item(int email, int n) => new(
    n,
    $"Theft of motor vehicle {n}",
    "Barking and Dagenham",
    "RED",
    "#b00020",
    "new",
    $"884 (+27.4% on the year before); 4.25 per 1,000; London +21.0%; {email % 32 + 1} of 32 in the Metropolitan Police Service boroughs (rate rank, quartile 4)",
    [new RuleModel("Theft of motor vehicle in Barking and Dagenham is worse than London in the 12 months to December 2016: +27.4% against London's +21.0%.", "It clears when the change falls to London's change (+21.0%) or below (now +27.4%)."),
     new RuleModel($"Theft of motor vehicle in Barking and Dagenham ranks {email % 32 + 1} of 32 London boroughs (rate rank, bottom quartile).", "It clears at rank 24 of 32 or better.")],
    new ChartModel($"chart{n}@cspalerts", "Monthly theft of motor vehicle, 24 months to December 2016"));
var composeClock = Stopwatch.StartNew();
var messages = Enumerable.Range(1, count).Select(i =>
{
    var items = Enumerable.Range(1, ItemsPerEmail).Select(n => Item(i, n)).ToList();
    var rendered = templates.LeadEmail(new LeadEmailModel("OFFICIAL", $"Lead {i}", "December 2016", "Barking and Dagenham", ItemsPerEmail, $"{ItemsPerEmail} items", $"{ItemsPerEmail} new exceptions", items, []));
    return new OutgoingMessage(
        $"bench-{i:D5}",
        $"Lead {i} <lead.{i % 40}@borough.gov.uk>",
        rendered.Subject.Trim(),
        rendered.Text,
        rendered.Html,
        [.. items.Select(item => new InlineImage(item.Chart!.Cid, "image/png", png))]);
}).ToList();
var composeSeconds = composeClock.Elapsed.TotalSeconds;

var listener = new TcpListener(IPAddress.Loopback, 0);
listener.Start();
var port = ((IPEndPoint)listener.LocalEndpoint).Port;
listener.Stop();

Run("start", port.ToString(CultureInfo.InvariantCulture), maildir, tls ? "--tls" : null);
try
{
    // The benchmark's own throwaway certificate, pinned; never an option a deployment sets from settings.
    var thumbprint = tls ? X509CertificateLoader.LoadCertificateFromFile(Path.Combine(maildir, "tls", "cert.pem")).GetCertHashString() : null;
    var options = new SmtpOptions
    {
        Host = "127.0.0.1",
        Port = port,
        StartTls = tls,
        From = "CSP Alerts <csp-alerts@borough.gov.uk>",
        AllowedDomains = ["borough.gov.uk"],
        AcceptCertificate = tls ? (_, presented, _, _) => presented?.GetCertHashString() == thumbprint : null,
    };
    var smtp = new SmtpMailTransport(options);
    var bytes = smtp.Builder.Build(messages[0]);
    using (var size = new MemoryStream())
    {
        bytes.WriteTo(size);
        Console.WriteLine($"Mail benchmark: {count:N0} lead emails from the shipped templates, {ItemsPerEmail} items and {ItemsPerEmail} inline PNGs of {png.Length / 1024.0:F1} KB each ({size.Length / 1024.0:F1} KB on the wire), to aiosmtpd on 127.0.0.1:{port}{(tls ? " over STARTTLS" : "")}, {Environment.ProcessorCount} cores");
        Console.WriteLine($"templates: {count:N0} emails written (subject, text, HTML) in {composeSeconds:F2} s: {count / composeSeconds:F0} emails/s, first call's compilation included");
    }

    // Warm-up, not counted: the JIT's tiers and the server's first writes.
    const int WarmUp = 50;
    await smtp.SendAsync(messages.Take(WarmUp).Select(m => m with { Id = "warm-" + m.Id }).ToList());
    var serverPid = int.Parse(File.ReadAllText(Path.Combine(maildir, "smtpd.pid")).Trim(), CultureInfo.InvariantCulture);
    var serverCpuBefore = ProcessCpuSeconds(serverPid);
    var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    var clock = Stopwatch.StartNew();
    var results = await smtp.SendAsync(messages);
    var smtpSeconds = clock.Elapsed.TotalSeconds;
    var clientCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - clientCpuBefore;
    var serverCpu = ProcessCpuSeconds(serverPid) - serverCpuBefore;
    var delivered = results.Count(r => r.Outcome == DeliveryOutcome.Delivered);
    var onDisk = Directory.GetFiles(Path.Combine(maildir, "new")).Length - WarmUp;
    Console.WriteLine($"smtp: {delivered:N0} of {count:N0} delivered, {onDisk:N0} in the Maildir, in {smtpSeconds:F2} s over one connection: {count / smtpSeconds:F0} messages/s (target ≥ 100)");
    Console.WriteLine($"  CPU per message: {clientCpu * 1000 / count:F2} ms in this client (MIME and MailKit), {serverCpu * 1000 / count:F2} ms in aiosmtpd; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
    foreach (var failure in results.Where(r => r.Outcome != DeliveryOutcome.Delivered).Take(3))
    {
        Console.WriteLine($"  {failure.MessageId}: {failure.Outcome}: {failure.Detail}");
    }

    var pickup = new PickupFolderTransport(Path.Combine(folder, "pickup"), smtp.Builder);
    clock.Restart();
    var written = await pickup.SendAsync(messages);
    var pickupSeconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"pickup folder: {written.Count(r => r.Outcome == DeliveryOutcome.Delivered):N0} written in {pickupSeconds:F2} s: {count / pickupSeconds:F0} messages/s");
    Console.WriteLine($"{{\"benchmark\":\"mail\",\"messages\":{count},\"tls\":{(tls ? "true" : "false")},\"smtpMessagesPerSecond\":{count / smtpSeconds:F1},\"clientCpuMsPerMessage\":{clientCpu * 1000 / count:F2},\"serverCpuMsPerMessage\":{serverCpu * 1000 / count:F2},\"pickupMessagesPerSecond\":{count / pickupSeconds:F1},\"delivered\":{delivered}}}");
    return delivered == count ? 0 : 1;
}
finally
{
    Run("stop", maildir, null);
    Directory.Delete(folder, recursive: true);
}

// utime + stime of a process, from /proc (Linux), in seconds.
static double ProcessCpuSeconds(int pid)
{
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
}

void Run(string verb, string first, string? second, string? third = null)
{
    var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true };
    foreach (var argument in new[] { script, verb, first, second, third }.OfType<string>())
    {
        start.ArgumentList.Add(argument);
    }

    start.Environment["SMTP_OWNER_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
    using var process = Process.Start(start)!;
    process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"smtp.sh {verb} failed with exit code {process.ExitCode}");
    }
}

using CspAlerts.Notify;

namespace CspAlerts.Mail.Tests.Support;

/// <summary>Messages and settings the tests share.</summary>
internal static class Sample
{
    public const string From = "CSP Alerts <csp-alerts@borough.gov.uk>";

    public static readonly string[] Domains = ["borough.gov.uk", "met.police.uk"];

    public static readonly byte[] Chart = TestPng.Noise(16, 16);

    public static OutgoingMessage Message(string id, string recipient = "Jo Lead <jo.lead@borough.gov.uk>", string? subject = null) => new(
        id,
        recipient,
        subject ?? $"OFFICIAL: 3 exception items for Jo Lead ({id})",
        "OFFICIAL\n\nBurglary rate: rank 31 of 32 for 3 months.\n",
        "<p>OFFICIAL</p><p>Burglary rate: rank 31 of 32 for 3 months.</p><img src=\"cid:chart-1\" alt=\"trend\">",
        [new InlineImage("chart-1", "image/png", Chart)]);

    public static SmtpOptions Options(int port, bool startTls = false) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        StartTls = startTls,
        From = From,
        AllowedDomains = Domains,
        Timeout = TimeSpan.FromSeconds(10),
    };

    public static MimeMessageBuilder Builder(TimeProvider? timeProvider = null) => new(From, Domains, timeProvider);
}

/// <summary>A clock that says what it is told.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

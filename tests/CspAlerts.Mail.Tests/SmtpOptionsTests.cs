using CspAlerts.Mail.Tests.Support;

namespace CspAlerts.Mail.Tests;

public class SmtpOptionsTests
{
    private static readonly SmtpOptions Good = new()
    {
        Host = "smtp.borough.gov.uk",
        From = Sample.From,
        AllowedDomains = Sample.Domains,
        User = "csp-alerts",
        Password = "s3cret!",
    };

    [Fact]
    public void The_defaults_with_a_host_a_sender_and_a_domain_are_valid()
    {
        Assert.Empty(Good.Validate());
        Assert.Equal((587, true, TimeSpan.FromSeconds(30)), (Good.Port, Good.StartTls, Good.Timeout));
        Assert.Null(Good.AcceptCertificate);
    }

    public static TheoryData<SmtpOptions, string> Bad => new()
    {
        { Good with { Host = "" }, "Host is empty" },
        { Good with { Host = "smtp borough" }, "Host 'smtp borough' is not a host name or address" },
        { Good with { Host = "smtp\r\n.borough.gov.uk" }, "Host 'smtp\\r\\n.borough.gov.uk' is not a host name" },
        { Good with { Port = 0 }, "Port 0 is not between 1 and 65535" },
        { Good with { Port = 70000 }, "Port 70000 is not between 1 and 65535" },
        { Good with { Port = 465 }, "Port 465 is TLS from the first byte (SMTPS)" },
        { Good with { Password = null }, "User is set without a Password" },
        { Good with { User = null }, "Password is set without a User" },
        { Good with { StartTls = false }, "User and Password would cross the network in clear" },
        { Good with { From = "" }, "From is empty" },
        { Good with { From = "alerts" }, "From: " },
        { Good with { AllowedDomains = [] }, "AllowedDomains is empty" },
        { Good with { AllowedDomains = ["borough.gov.uk", "*.police.uk"] }, "'*.police.uk' is not a domain name" },
        { Good with { Timeout = TimeSpan.Zero }, "Timeout 00:00:00 is not more than zero" },
        { Good with { Timeout = TimeSpan.FromHours(1) }, "at most 00:10:00" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Each_bad_setting_is_named(SmtpOptions options, string error) =>
        Assert.Contains(options.Validate(), e => e.Contains(error, StringComparison.Ordinal));

    [Fact]
    public void Every_error_is_named_at_once_when_the_transport_is_made()
    {
        var e = Assert.Throws<ArgumentException>(() => new SmtpMailTransport(new SmtpOptions { Port = 0 }));

        Assert.Contains("Host is empty", e.Message, StringComparison.Ordinal);
        Assert.Contains("Port 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("From is empty", e.Message, StringComparison.Ordinal);
        Assert.Contains("AllowedDomains is empty", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void A_login_without_tls_is_allowed_only_to_this_machine(string host) =>
        Assert.Empty((Good with { Host = host, StartTls = false }).Validate());

    [Fact]
    public void The_password_is_never_shown()
    {
        var text = Good.ToString();

        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.Contains("Password = (hidden)", text, StringComparison.Ordinal);
        Assert.Contains("Host = smtp.borough.gov.uk", text, StringComparison.Ordinal);
        Assert.Contains("AllowedDomains = [borough.gov.uk, met.police.uk]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_host_the_pickup_folder_is_the_transport()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cspalerts-pickup-" + Guid.NewGuid().ToString("N"));

        var pickup = Assert.IsType<PickupFolderTransport>(MailTransports.Create(new SmtpOptions { From = Sample.From, AllowedDomains = Sample.Domains }, folder));

        Assert.Equal(folder, pickup.Folder);
        Assert.IsType<SmtpMailTransport>(MailTransports.Create(Good, folder));
        Assert.Throws<ArgumentException>(() => MailTransports.Create(new SmtpOptions { From = Sample.From }, folder));
    }
}

using System.Net;
using System.Net.Security;
using System.Text;

namespace CspAlerts.Mail;

/// <summary>
/// How <see cref="SmtpMailTransport"/> reaches the mail server. Bound from the <c>Mail:Smtp</c>
/// settings; <see cref="Validate"/> names every setting that is wrong, in one list.
/// </summary>
public sealed record SmtpOptions
{
    /// <summary>The server's host name or address. Empty means no SMTP: messages go to the pickup folder.</summary>
    public string Host { get; init; } = "";

    /// <summary>The submission port: 587 by default, 25 for a relay. Port 465 (TLS from the first byte) is not spoken.</summary>
    public int Port { get; init; } = 587;

    /// <summary>Upgrade the connection with STARTTLS before anything else; the server must offer it, or nothing is sent.</summary>
    public bool StartTls { get; init; } = true;

    /// <summary>The login, when the server wants one. Sent only over STARTTLS, unless the host is this machine (a loopback address or localhost).</summary>
    public string? User { get; init; }

    /// <summary>The password for <see cref="User"/>. Never shown by <see cref="ToString"/>.</summary>
    public string? Password { get; init; }

    /// <summary>The sender, a single address, optionally with a display name: <c>CSP Alerts &lt;csp-alerts@borough.gov.uk&gt;</c>.</summary>
    public string From { get; init; } = "";

    /// <summary>The only domains mail may go to (exact matches, any letter case); a message to any other domain is refused, never sent.</summary>
    public IReadOnlyList<string> AllowedDomains { get; init; } = [];

    /// <summary>How long one network step (connect, a command, the message body) may take before the connection counts as lost.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Accepts a server certificate that the machine's trust store does not, such as a test
    /// server's self-signed one. Null (the default) leaves the ordinary checks in force; set it
    /// only in code, for a certificate you have pinned: it cannot come from settings.
    /// </summary>
    public RemoteCertificateValidationCallback? AcceptCertificate { get; init; }

    /// <summary>The longest <see cref="Timeout"/> accepted.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Every setting that is wrong, each in plain words; empty when the options can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
        {
            errors.Add("Host is empty: give the SMTP server's name, or use the pickup folder");
        }
        else if (Host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || Uri.CheckHostName(Host) == UriHostNameType.Unknown)
        {
            errors.Add($"Host '{MailText.Visible(Host)}' is not a host name or address");
        }

        if (Port is < 1 or > 65535)
        {
            errors.Add($"Port {Port} is not between 1 and 65535");
        }
        else if (Port == 465)
        {
            errors.Add("Port 465 is TLS from the first byte (SMTPS), which this transport does not speak: use 587 with StartTls");
        }

        if (string.IsNullOrEmpty(User) != string.IsNullOrEmpty(Password))
        {
            errors.Add(string.IsNullOrEmpty(User) ? "Password is set without a User" : "User is set without a Password");
        }
        else if (!string.IsNullOrEmpty(User) && !StartTls && !IsLoopback(Host))
        {
            errors.Add("User and Password would cross the network in clear: set StartTls, or remove them");
        }

        if (User is not null && User.Any(char.IsControl))
        {
            errors.Add("User has control characters");
        }

        errors.AddRange(MailAddressRules.CheckFrom(From, "From"));
        errors.AddRange(MailAddressRules.CheckDomains(AllowedDomains, "AllowedDomains"));

        if (Timeout <= TimeSpan.Zero || Timeout > MaxTimeout)
        {
            errors.Add($"Timeout {Timeout} is not more than zero and at most {MaxTimeout}");
        }

        return errors;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every error from <see cref="Validate"/>.</summary>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("SMTP settings: " + string.Join("; ", errors));
        }
    }

    /// <summary>True for localhost and loopback addresses: a relay on this machine.</summary>
    internal static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Shows every setting but the password, so options can be logged.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Host = ").Append(Host)
            .Append(", Port = ").Append(Port)
            .Append(", StartTls = ").Append(StartTls)
            .Append(", User = ").Append(User)
            .Append(", Password = ").Append(Password is null ? "" : "(hidden)")
            .Append(", From = ").Append(From)
            .Append(", AllowedDomains = [").AppendJoin(", ", AllowedDomains).Append(']')
            .Append(", Timeout = ").Append(Timeout)
            .Append(", AcceptCertificate = ").Append(AcceptCertificate is null ? "(none)" : "(set in code)");
        return true;
    }
}

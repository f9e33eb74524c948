using CspAlerts.Notify;

namespace CspAlerts.Mail;

/// <summary>Chooses the transport from the settings.</summary>
public static class MailTransports
{
    /// <summary>
    /// SMTP when <see cref="SmtpOptions.Host"/> is set; otherwise the pickup folder, which needs
    /// only <see cref="SmtpOptions.From"/> and <see cref="SmtpOptions.AllowedDomains"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The settings the chosen transport needs are not valid.</exception>
    public static IMailTransport Create(SmtpOptions options, string pickupFolder, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.Host)
            ? new PickupFolderTransport(pickupFolder, new MimeMessageBuilder(options.From, options.AllowedDomains, timeProvider), timeProvider)
            : new SmtpMailTransport(options, timeProvider);
    }
}

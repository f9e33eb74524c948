using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CspAlerts.Notify;
using MimeKit;

namespace CspAlerts.Mail;

/// <summary>
/// Turns an <see cref="OutgoingMessage"/> into the MIME message both transports send:
/// <c>multipart/alternative</c> of the plain text and the HTML, the HTML in a
/// <c>multipart/related</c> with its inline images (each image's Content-ID is its
/// <see cref="InlineImage.ContentId"/>, so <c>&lt;img src="cid:..."&gt;</c> finds it). The
/// Message-ID comes from the message's id, so a re-send carries the same one. No control
/// character reaches a header: the subject and the recipient's display name are folded to one
/// line. A recipient that is not one valid address, or not at an allowed domain, is refused.
/// </summary>
public sealed partial class MimeMessageBuilder
{
    private readonly MailboxAddress _from;
    private readonly string _idDomain;
    private readonly HashSet<string> _allowedDomains;
    private readonly TimeProvider _timeProvider;

    /// <param name="from">The sender, as <see cref="SmtpOptions.From"/>.</param>
    /// <param name="allowedDomains">The only domains a recipient may be at.</param>
    /// <exception cref="ArgumentException">The sender or the domains are not valid, every error named.</exception>
    public MimeMessageBuilder(string from, IReadOnlyCollection<string> allowedDomains, TimeProvider? timeProvider = null)
    {
        var errors = MailAddressRules.CheckFrom(from, "From").Concat(MailAddressRules.CheckDomains(allowedDomains, "AllowedDomains")).ToList();
        if (errors.Count > 0 || !MailAddressRules.TryParseMailbox(from, out var sender, out _))
        {
            throw new ArgumentException("Mail settings: " + string.Join("; ", errors));
        }

        _from = sender;
        _idDomain = MailAddressRules.DomainOf(sender);
        _allowedDomains = new HashSet<string>(allowedDomains.Select(d => d.ToLowerInvariant()), StringComparer.Ordinal);
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The allowed domains, in lower case.</summary>
    public IReadOnlyCollection<string> AllowedDomains => _allowedDomains;

    [GeneratedRegex(@"\A[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainId();

    [GeneratedRegex(@"\A[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+(@[A-Za-z0-9.-]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainContentId();

    /// <summary>
    /// The Message-ID (without angle brackets) for a message id: <c>id@sender-domain</c> when the
    /// id is plain (letters, digits, <c>- _</c> and single dots, at most 64 characters), otherwise
    /// the first 32 hex digits of the id's SHA-256. The same id always gives the same Message-ID.
    /// </summary>
    public string MessageIdFor(string id)
    {
        var left = id.Length <= 64 && PlainId().IsMatch(id)
            ? id
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..32];
        return $"{left}@{_idDomain}";
    }

    /// <summary>Checks the recipient against the address rules and the allowed domains.</summary>
    public bool TryRecipient(string recipient, [NotNullWhen(true)] out MailboxAddress? mailbox, [NotNullWhen(false)] out string? refusal)
    {
        if (!MailAddressRules.TryParseMailbox(recipient, out mailbox, out var why))
        {
            refusal = "refused, not sent: the recipient " + why;
            return false;
        }

        var domain = MailAddressRules.DomainOf(mailbox);
        if (!_allowedDomains.Contains(domain))
        {
            refusal = $"refused, not sent: {mailbox.Address} is not at an allowed domain ({string.Join(", ", _allowedDomains.Order(StringComparer.Ordinal))})";
            mailbox = null;
            return false;
        }

        refusal = null;
        return true;
    }

    /// <summary>Builds the MIME message, or says in plain words why it may not be sent.</summary>
    public bool TryBuild(OutgoingMessage message, [NotNullWhen(true)] out MimeMessage? mime, [NotNullWhen(false)] out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(message);
        mime = null;
        if (string.IsNullOrEmpty(message.Id))
        {
            refusal = "refused, not sent: the message has no id";
            return false;
        }

        if (!TryRecipient(message.Recipient, out var to, out refusal))
        {
            return false;
        }

        var images = message.Images ?? [];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var image in images)
        {
            if (image.ContentId is null || image.ContentId.Length > 200 || !PlainContentId().IsMatch(image.ContentId))
            {
                refusal = $"refused, not sent: the inline image id '{MailText.Visible(image.ContentId ?? "")}' is not a plain content id";
                return false;
            }

            if (!seen.Add(image.ContentId))
            {
                refusal = $"refused, not sent: two inline images share the id '{image.ContentId}'";
                return false;
            }

            if (image.MediaType is null || !ContentType.TryParse(image.MediaType, out var type) || image.MediaType.Any(char.IsControl)
                || !string.Equals(type.MediaType, "image", StringComparison.OrdinalIgnoreCase))
            {
                refusal = $"refused, not sent: the inline image '{image.ContentId}' has media type '{MailText.Visible(image.MediaType ?? "")}', not image/...";
                return false;
            }

            if (image.Content is null || image.Content.Length == 0)
            {
                refusal = $"refused, not sent: the inline image '{image.ContentId}' is empty";
                return false;
            }
        }

        mime = new MimeMessage();
        mime.From.Add(_from);
        mime.To.Add(to);
        mime.Subject = MailText.OneLine(message.Subject ?? "");
        mime.MessageId = MessageIdFor(message.Id);
        mime.Date = _timeProvider.GetUtcNow();
        // RFC 3834: sent by a program, so out-of-office replies and the like are not sent back.
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Body = Body(message.Text ?? "", message.Html ?? "", images);
        return true;
    }

    /// <summary>Builds the MIME message.</summary>
    /// <exception cref="ArgumentException">The message may not be sent; the message says why.</exception>
    public MimeMessage Build(OutgoingMessage message) =>
        TryBuild(message, out var mime, out var refusal) ? mime : throw new ArgumentException(refusal, nameof(message));

    private static MultipartAlternative Body(string text, string html, IReadOnlyList<InlineImage> images)
    {
        var plain = new TextPart("plain") { Text = text, ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        MimeEntity htmlPart = new TextPart("html") { Text = html, ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        if (images.Count > 0)
        {
            var related = new MultipartRelated { Root = htmlPart };
            foreach (var image in images)
            {
                var type = ContentType.Parse(image.MediaType);
                related.Add(new MimePart(type.MediaType, type.MediaSubtype)
                {
                    ContentId = image.ContentId,
                    Content = new MimeContent(new MemoryStream(image.Content, writable: false)),
                    ContentDisposition = new ContentDisposition(ContentDisposition.Inline),
                    ContentTransferEncoding = ContentEncoding.Base64,
                });
            }

            htmlPart = related;
        }

        return new MultipartAlternative { plain, htmlPart };
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using MimeKit;

namespace CspAlerts.Mail;

/// <summary>
/// What an address must be: one mailbox (no group, no list, no source route), in plain ASCII
/// (<c>local@domain</c>, the local part of letters, digits and <c>.!#$%&amp;'*+/=?^_`{|}~-</c>), the
/// domain a host name. Deliberately narrower than RFC 5322: a UK public-sector address always fits.
/// </summary>
internal static partial class MailAddressRules
{
    private static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
        MaxAddressGroupDepth = 0,
    };

    [GeneratedRegex(@"\A[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex LocalPart();

    [GeneratedRegex(@"\A(?=.{1,253}\z)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DomainName();

    /// <summary>True when <paramref name="domain"/> is a host name of two labels or more, in ASCII.</summary>
    public static bool IsDomain(string domain) => DomainName().IsMatch(domain);

    /// <summary>
    /// Reads <paramref name="text"/> as one mailbox: control characters fold to spaces first, the
    /// display name is cleaned to one line, the address is checked against the rules above.
    /// </summary>
    public static bool TryParseMailbox(string text, [NotNullWhen(true)] out MailboxAddress? mailbox, [NotNullWhen(false)] out string? refusal)
    {
        mailbox = null;
        var folded = MailText.OneLine(text);
        if (folded.Length == 0)
        {
            refusal = "the address is empty";
            return false;
        }

        if (!InternetAddressList.TryParse(Strict, folded, out var list) || list.Count == 0)
        {
            refusal = $"'{MailText.Visible(text)}' is not an email address";
            return false;
        }

        if (list.Count > 1)
        {
            refusal = $"'{MailText.Visible(text)}' holds {list.Count} addresses, not one";
            return false;
        }

        if (list[0] is not MailboxAddress parsed)
        {
            refusal = $"'{MailText.Visible(text)}' is a group, not one address";
            return false;
        }

        if (parsed.Route.Count > 0)
        {
            refusal = $"'{MailText.Visible(text)}' has a source route";
            return false;
        }

        var address = parsed.Address;
        var at = address.LastIndexOf('@');
        if (at <= 0 || !LocalPart().IsMatch(address[..at]) || address.Length - at - 1 > 253 || at > 64)
        {
            refusal = $"'{MailText.Visible(address)}' is not a plain ASCII address (local@domain)";
            return false;
        }

        if (!IsDomain(address[(at + 1)..]))
        {
            refusal = $"the domain of '{MailText.Visible(address)}' is not a host name (an internationalised domain is written in its xn-- form)";
            return false;
        }

        // The display name is decoded from any encoded-words by now, so it is cleaned again.
        mailbox = new MailboxAddress(MailText.OneLine(parsed.Name ?? ""), address);
        refusal = null;
        return true;
    }

    /// <summary>The domain of an address that passed <see cref="TryParseMailbox"/>, in lower case.</summary>
    public static string DomainOf(MailboxAddress mailbox) => mailbox.Address[(mailbox.Address.LastIndexOf('@') + 1)..].ToLowerInvariant();

    /// <summary>The errors of a sender setting; empty when it is one valid mailbox.</summary>
    public static IEnumerable<string> CheckFrom(string? from, string setting)
    {
        if (string.IsNullOrWhiteSpace(from))
        {
            return [$"{setting} is empty: give the sender's address"];
        }

        if (from.Any(char.IsControl))
        {
            return [$"{setting} has control characters"];
        }

        return TryParseMailbox(from, out _, out var refusal) ? [] : [$"{setting}: {refusal}"];
    }

    /// <summary>The errors of an allowed-domains setting; empty when it lists at least one host name and nothing else.</summary>
    public static IEnumerable<string> CheckDomains(IReadOnlyCollection<string>? domains, string setting)
    {
        if (domains is null || domains.Count == 0)
        {
            yield return $"{setting} is empty: list the domains mail may go to, such as borough.gov.uk";
            yield break;
        }

        foreach (var domain in domains)
        {
            if (domain is null || !IsDomain(domain))
            {
                yield return $"{setting}: '{MailText.Visible(domain ?? "")}' is not a domain name (no '@', no wildcard, an internationalised domain in its xn-- form)";
            }
        }
    }
}

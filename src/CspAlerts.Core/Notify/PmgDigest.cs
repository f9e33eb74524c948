using System.Globalization;
using System.Net;
using System.Text;
using CspAlerts.Alerts;
using CspAlerts.Model;

namespace CspAlerts.Notify;

/// <summary>
/// The PMG chair's digest for a month, from the alert state: for each strategic group, the new,
/// continuing and resolved exceptions, the monitor-only items, the areas of particular success, and
/// the leads' commentary. Plain text and escaped HTML, with the protective marking.
/// </summary>
public static class PmgDigest
{
    /// <summary>The sections, in the order the chair reads them.</summary>
    public static readonly IReadOnlyList<string> Sections =
        ["New exceptions", "Continuing exceptions", "Resolved", "Monitored, not RAG rated", "Areas of particular success"];

    /// <summary>The alerts of each section for one group of indicators.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Alert>> Sort(IEnumerable<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var list = alerts.Where(a => a.Status != AlertStatus.Silenced).ToList();
        return new Dictionary<string, IReadOnlyList<Alert>>
        {
            [Sections[0]] = [.. list.Where(a => a.Status == AlertStatus.New && !a.Monitor && a.Rag is Rag.Red or Rag.Amber)],
            [Sections[1]] = [.. list.Where(a => a.Status == AlertStatus.Continuing && !a.Monitor && a.Rag is Rag.Red or Rag.Amber)],
            [Sections[2]] = [.. list.Where(a => a.Status == AlertStatus.Resolved && !a.Monitor && a.Rag is Rag.Red or Rag.Amber)],
            [Sections[3]] = [.. list.Where(a => a.Monitor && a.Status != AlertStatus.Resolved)],
            [Sections[4]] = [.. list.Where(a => a.Rag == Rag.Green && a.Status != AlertStatus.Resolved)],
        };
    }

    /// <summary>The digest message to the chair, or null when no chair is configured.</summary>
    public static OutgoingMessage? Compose(IReadOnlyList<Alert> alerts, IReadOnlyList<Commentary> commentary, CspConfiguration config, Period period, string marking, string runKey)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(commentary);
        ArgumentNullException.ThrowIfNull(config);
        if (config.Owners.FirstOrDefault(o => o.Role == OwnerRole.Chair) is not { } chair)
        {
            return null;
        }

        var month = period.ToDisplayString();
        var text = new StringBuilder($"{marking}\n\nPerformance Monitoring Group digest: {month}\n");
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:Arial,sans-serif;font-size:14px;color:#222\">");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"font-weight:bold;color:#a00\">{E(marking)}</p><h1 style=\"font-size:20px\">Performance Monitoring Group digest: {E(month)}</h1>");
        var groups = config.Indicators.Select(i => i.Group).Distinct().ToList();
        foreach (var group in groups)
        {
            var inGroup = alerts.Where(a => config.FindIndicator(a.Key.Indicator)?.Group == group).ToList();
            var notes = commentary.Where(c => config.FindIndicator(c.Indicator)?.Group == group).ToList();
            if (inGroup.Count == 0 && notes.Count == 0)
            {
                continue;
            }

            var title = char.ToUpperInvariant(group[0]) + group[1..].Replace('-', ' ');
            text.Append(CultureInfo.InvariantCulture, $"\n== {title} ==\n");
            html.Append(CultureInfo.InvariantCulture, $"<h2 style=\"font-size:17px;border-bottom:1px solid #ccc\">{E(title)}</h2>");
            foreach (var (section, list) in Sort(inGroup))
            {
                if (list.Count == 0)
                {
                    continue;
                }

                text.Append(CultureInfo.InvariantCulture, $"\n{section} ({list.Count})\n");
                html.Append(CultureInfo.InvariantCulture, $"<h3 style=\"font-size:15px\">{E(section)} ({list.Count})</h3><ul>");
                foreach (var alert in list.OrderBy(a => a.Key.Indicator, StringComparer.Ordinal).ThenBy(a => a.Key.Area, StringComparer.Ordinal))
                {
                    var rag = alert.Rag is { } r ? $"{Names.Of(r).ToUpperInvariant()}: " : string.Empty;
                    text.Append(CultureInfo.InvariantCulture, $"- {rag}{alert.Message}\n");
                    html.Append(CultureInfo.InvariantCulture, $"<li>{E(rag)}{E(alert.Message)}</li>");
                }

                html.Append("</ul>");
            }

            if (notes.Count > 0)
            {
                text.Append("\nLeads' commentary\n");
                html.Append("<h3 style=\"font-size:15px\">Leads' commentary</h3><ul>");
                foreach (var note in notes)
                {
                    var about = $"{config.FindIndicator(note.Indicator)?.Name ?? note.Indicator}, {config.FindArea(note.Area)?.Name ?? note.Area}";
                    text.Append(CultureInfo.InvariantCulture, $"- {about} ({note.Author}): {note.Text}\n");
                    html.Append(CultureInfo.InvariantCulture, $"<li><b>{E(about)}</b> ({E(note.Author)}): {E(note.Text)}</li>");
                }

                html.Append("</ul>");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"\n{marking}\n");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"font-weight:bold;color:#a00\">{E(marking)}</p></body></html>");
        var subject = new string([.. $"[{marking}] PMG digest: {month}".Select(c => char.IsControl(c) ? ' ' : c)]);
        return new OutgoingMessage(LeadEmails.MessageId($"digest:{runKey}", chair.Email), chair.Email, subject, text.ToString(), html.ToString(), []);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

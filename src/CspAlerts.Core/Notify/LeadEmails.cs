using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using CspAlerts.Alerts;
using CspAlerts.Evaluation;
using CspAlerts.Model;

namespace CspAlerts.Notify;

/// <summary>One item a lead is told about, with where its alerts stand.</summary>
/// <param name="IsNew">True when an escalated rule on it fired for the first time this month.</param>
/// <param name="Chart">A small trend chart as PNG, or null when none could be drawn.</param>
public sealed record LeadItem(Item Item, bool IsNew, IReadOnlyList<(RuleFiring Firing, AlertStatus Status)> Rules, byte[]? Chart);

/// <summary>
/// What a lead receives for a month: their items to take to the PMG, new ones first, then the items
/// for information (good performance, monitor-only), which are never escalated.
/// </summary>
public sealed record LeadEmail(Owner Lead, Period Period, IReadOnlyList<LeadItem> Items)
{
    /// <summary>Peer groups by id, with the names a reader knows them by.</summary>
    public IReadOnlyDictionary<string, string> PeerGroupNames { get; init; } = new Dictionary<string, string>();

    /// <summary>The lead's items that fired but go to the PMG for information only: good performance and monitor-only.</summary>
    public IReadOnlyList<LeadItem> Information { get; init; } = [];
}

/// <summary>Draws an item's trend: 24 months of monthly values, the rolling twelve-month line and London's where it exists.</summary>
public interface IChartRenderer
{
    byte[]? Render(Item item, Measures.FactTable table);
}

/// <summary>
/// Routes items to their owning leads and writes each lead's email. A lead is emailed for a month
/// when at least one of their escalated items is new; the email then lists those and the items
/// still open, then their items for information. Each lead gets only the items they own (an
/// indicator with no lead of its own is the partnership's default lead's). Silenced alerts are left out.
/// </summary>
public static class LeadEmails
{
    /// <summary>The emails a run sends: one per lead with something new, in the order of the owners file.</summary>
    public static IReadOnlyList<LeadEmail> Route(EvaluationResult result, IReadOnlyList<Alert> alerts, CspConfiguration config, IChartRenderer? charts = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(config);
        var status = alerts.ToDictionary(a => a.Key, a => a.Status);
        var emails = new List<LeadEmail>();
        foreach (var lead in config.Owners.Where(o => o.Role == OwnerRole.Lead))
        {
            var items = new List<LeadItem>();
            var information = new List<LeadItem>();
            foreach (var item in result.Items.Where(i => i.Indicator.Lead == lead.Id))
            {
                var pmg = item.Escalate && !item.Monitor;
                var rules = item.Rules
                    .Where(r => !pmg || r.Escalate)
                    .Select(r => (r, status.GetValueOrDefault(new AlertKey(r.Rule, r.Indicator, r.Area), AlertStatus.New)))
                    .Where(r => r.Item2 != AlertStatus.Silenced)
                    .ToList();
                if (rules.Count > 0)
                {
                    (pmg ? items : information).Add(new LeadItem(item, rules.Any(r => r.Item2 == AlertStatus.New), rules, null));
                }
            }

            if (items.Any(i => i.IsNew))
            {
                var ordered = items.OrderByDescending(i => i.IsNew).ToList();
                if (charts is not null)
                {
                    ordered = [.. ordered.Select(i => i with { Chart = charts.Render(i.Item, result.Table) })];
                }

                emails.Add(new LeadEmail(lead, result.Period, ordered)
                {
                    PeerGroupNames = config.PeerGroups.ToDictionary(g => g.Id, g => g.Name),
                    Information = information,
                });
            }
        }

        return emails;
    }

    /// <summary>The message for one lead: plain text and HTML, every figure and name from the data escaped, the marking in the subject and the footer.</summary>
    /// <param name="runKey">The run this is part of: the message id is stable for the same run and recipient.</param>
    public static OutgoingMessage Compose(LeadEmail email, string marking, string runKey)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(marking);
        var month = email.Period.ToDisplayString();
        var fresh = email.Items.Count(i => i.IsNew);
        var areas = email.Items.Select(i => i.Item.Area.Name).Distinct().ToList();
        var where = areas.Count == 1 ? areas[0] : $"{areas.Count} areas";
        var subject = OneLine($"[{marking}] {where}, {month}: {Count(fresh, "new exception")} for the PMG");

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{marking}\n\nTo {email.Lead.Name}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{Count(email.Items.Count, "item")} to take to the Performance Monitoring Group for {month} ({fresh} new).\n");
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:Arial,sans-serif;font-size:14px;color:#222\">");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"font-weight:bold;color:#a00\">{E(marking)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p>To {E(email.Lead.Name)}</p><p>{E(Count(email.Items.Count, "item"))} to take to the Performance Monitoring Group for {E(month)} ({fresh} new).</p>");
        var images = new List<InlineImage>();
        foreach (var (lead, index) in email.Items.Select((i, n) => (i, n)))
        {
            var item = lead.Item;
            var rag = item.Rag is { } r ? Names.Of(r).ToUpperInvariant() : "MONITOR";
            var state = lead.IsNew ? "new" : "still open";
            text.Append(CultureInfo.InvariantCulture, $"\n{index + 1}. {item.Indicator.Name}, {item.Area.Name}: {rag} ({state})\n");
            var figures = Figures(item, email.PeerGroupNames);
            text.Append(CultureInfo.InvariantCulture, $"   {figures}\n");
            html.Append("<table role=\"presentation\" style=\"border-collapse:collapse;width:100%;margin:16px 0;border:1px solid #ccc\">");
            html.Append(CultureInfo.InvariantCulture, $"<tr><td style=\"padding:8px;background:{Colour(item.Rag)};color:#fff;font-weight:bold\">{E(rag)}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td style=\"padding:8px;font-weight:bold\">{E(item.Indicator.Name)}, {E(item.Area.Name)} ({E(state)})</td></tr>");
            html.Append(CultureInfo.InvariantCulture, $"<tr><td colspan=\"2\" style=\"padding:8px\">{E(figures)}</td></tr>");
            foreach (var (firing, status) in lead.Rules)
            {
                text.Append(CultureInfo.InvariantCulture, $"   - {firing.Message}\n");
                html.Append(CultureInfo.InvariantCulture, $"<tr><td colspan=\"2\" style=\"padding:4px 8px\">{E(firing.Message)}");
                if (firing.Clears is { } clears)
                {
                    text.Append(CultureInfo.InvariantCulture, $"     It {clears}.\n");
                    html.Append(CultureInfo.InvariantCulture, $"<br><span style=\"color:#555\">It {E(clears)}.</span>");
                }

                html.Append("</td></tr>");
            }

            if (lead.Chart is { } png)
            {
                var id = $"chart{index + 1}@cspalerts";
                images.Add(new InlineImage(id, "image/png", png));
                html.Append(CultureInfo.InvariantCulture, $"<tr><td colspan=\"2\" style=\"padding:8px\"><img src=\"cid:{id}\" alt=\"{E($"Monthly {item.Indicator.Name} in {item.Area.Name}, 24 months to {month}")}\" width=\"480\"></td></tr>");
            }

            html.Append("</table>");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n{marking}\n");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"font-weight:bold;color:#a00\">{E(marking)}</p></body></html>");
        return new OutgoingMessage(MessageId(runKey, email.Lead.Email), email.Lead.Email, subject, text.ToString(), html.ToString(), images);
    }

    /// <summary>The item's figures in one line: value and change, rate, London's change, benchmark ranks with their basis.</summary>
    public static string Figures(Item item, IReadOnlyDictionary<string, string>? groupNames = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        var f = item.Facts;
        var parts = new List<string>();
        if (f.Value is double v)
        {
            parts.Add(f.ChangePct is double c ? $"{v.ToString("#,0.##", CultureInfo.InvariantCulture)} ({c.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)}% on the year before)" : v.ToString("#,0.##", CultureInfo.InvariantCulture));
        }

        if (f.Rate is double rate)
        {
            parts.Add($"{rate.ToString("0.00", CultureInfo.InvariantCulture)} per 1,000");
        }

        if (f.LondonChangePct is double london)
        {
            parts.Add($"London {london.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)}%");
        }
        else if (f.ForceChangePct is double force)
        {
            parts.Add($"police force area {force.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)}%" +
                (f.ForceRate is double fr ? $", {fr.ToString("0.00", CultureInfo.InvariantCulture)} per 1,000" : string.Empty));
        }

        foreach (var (group, p) in f.Peers)
        {
            if (p.Rank is int rank)
            {
                parts.Add($"{rank} of {p.Size} in the {groupNames?.GetValueOrDefault(group) ?? group} ({p.RankBasis} rank, quartile {p.Quartile})");
            }
        }

        if (f.Ytd is double ytd)
        {
            parts.Add(f.YtdTarget is double t ? $"year to date {ytd:#,0.##} against {t:#,0.#}" : $"year to date {ytd:#,0.##}");
        }

        return string.Join("; ", parts);
    }

    /// <summary>A message id stable for one run and recipient: a retry or a second run of the same data never makes another.</summary>
    public static string MessageId(string runKey, string recipient)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{runKey}\n{recipient}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>No line break or other control character reaches a header.</summary>
    private static string OneLine(string text) => new([.. text.Select(c => char.IsControl(c) ? ' ' : c)]);

    private static string Colour(Rag? rag) => rag switch
    {
        Rag.Red => "#b00020",
        Rag.Amber => "#b26a00",
        Rag.Green => "#2e7d32",
        _ => "#555555",
    };

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}

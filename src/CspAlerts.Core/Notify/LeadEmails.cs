using System.Globalization;
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

    /// <summary>What the lead email template is given: the items to take to the PMG, then those for information, every text ready to print.</summary>
    public static LeadEmailModel Model(LeadEmail email, string marking)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(marking);
        var areas = email.Items.Concat(email.Information).Select(i => i.Item.Area.Name).Distinct().ToList();
        var where = areas.Count == 1 ? areas[0] : $"{areas.Count} areas";
        var month = email.Period.ToDisplayString();
        var number = 0;
        ItemModel ToModel(LeadItem lead)
        {
            var item = lead.Item;
            number++;
            var chart = lead.Chart is null ? null : new ChartModel(ChartId(number), $"Monthly {item.Indicator.Name} in {item.Area.Name}, 24 months to {month}");
            return new ItemModel(
                number,
                item.Indicator.Name,
                item.Area.Name,
                item.Rag is { } r ? Names.Of(r).ToUpperInvariant() : "MONITOR",
                Colour(item.Rag),
                lead.IsNew ? "new" : "still open",
                Figures(item, email.PeerGroupNames),
                [.. lead.Rules.Select(r => new RuleModel(r.Firing.Message, r.Firing.Clears is { } c ? $"It {c}." : null))],
                chart);
        }

        var items = email.Items.Select(ToModel).ToList();
        var information = email.Information.Select(ToModel).ToList();
        var fresh = email.Items.Count(i => i.IsNew);
        return new LeadEmailModel(marking, email.Lead.Name, month, where, fresh, Count(email.Items.Count, "item"), Count(fresh, "new exception"), items, information);
    }

    /// <summary>
    /// The message for one lead, written by the templates: plain text and HTML, the marking in the
    /// subject and footer, each chart inline. No line break reaches the subject.
    /// </summary>
    /// <param name="runKey">The run this is part of: the message id is stable for the same run and recipient.</param>
    public static OutgoingMessage Compose(LeadEmail email, string marking, string runKey, IMessageTemplates templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var model = Model(email, marking);
        var rendered = templates.LeadEmail(model);
        var charts = email.Items.Concat(email.Information).Select((lead, i) => (lead.Chart, Id: ChartId(i + 1)))
            .Where(c => c.Chart is not null)
            .Select(c => new InlineImage(c.Id, "image/png", c.Chart!))
            .ToList();
        return new OutgoingMessage(MessageId(runKey, email.Lead.Email), email.Lead.Email, OneLine(rendered.Subject), rendered.Text, rendered.Html, charts);
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

    /// <summary>No line break or other control character reaches a header, and no run of spaces is left by the template.</summary>
    internal static string OneLine(string text) =>
        string.Join(' ', new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string ChartId(int number) => $"chart{number}@cspalerts";

    private static string Colour(Rag? rag) => rag switch
    {
        Rag.Red => "#b00020",
        Rag.Amber => "#b26a00",
        Rag.Green => "#2e7d32",
        _ => "#555555",
    };

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}

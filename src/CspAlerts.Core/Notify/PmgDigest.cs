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

    /// <summary>What the digest template is given: each strategic group with alerts or commentary, and the month's undelivered messages.</summary>
    public static DigestModel Model(IReadOnlyList<Alert> alerts, IReadOnlyList<Commentary> commentary, IReadOnlyList<FailureModel> failures, CspConfiguration config, Period period, string marking)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(commentary);
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(config);
        var groups = new List<DigestGroupModel>();
        foreach (var group in config.Indicators.Select(i => i.Group).Distinct())
        {
            var inGroup = alerts.Where(a => config.FindIndicator(a.Key.Indicator)?.Group == group).ToList();
            var notes = commentary.Where(c => config.FindIndicator(c.Indicator)?.Group == group).ToList();
            if (inGroup.Count == 0 && notes.Count == 0)
            {
                continue;
            }

            var sections = Sort(inGroup)
                .Where(s => s.Value.Count > 0)
                .Select(s => new DigestSectionModel(s.Key, s.Value.Count, [.. s.Value
                    .OrderBy(a => a.Key.Indicator, StringComparer.Ordinal)
                    .ThenBy(a => a.Key.Area, StringComparer.Ordinal)
                    .Select(a => new DigestEntryModel(a.Rag is { } r ? Names.Of(r).ToUpperInvariant() : string.Empty, a.Message))]))
                .ToList();
            var about = notes.Select(n => new CommentaryModel(
                $"{config.FindIndicator(n.Indicator)?.Name ?? n.Indicator}, {config.FindArea(n.Area)?.Name ?? n.Area}", n.Author, n.Text)).ToList();
            groups.Add(new DigestGroupModel(char.ToUpperInvariant(group[0]) + group[1..].Replace('-', ' '), sections, about));
        }

        return new DigestModel(marking, period.ToDisplayString(), groups, failures);
    }

    /// <summary>The digest message to the chair, written by the templates; or null when no chair is configured.</summary>
    public static OutgoingMessage? Compose(DigestModel model, CspConfiguration config, string runKey, IMessageTemplates templates)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(templates);
        if (config.Owners.FirstOrDefault(o => o.Role == OwnerRole.Chair) is not { } chair)
        {
            return null;
        }

        var rendered = templates.Digest(model);
        return new OutgoingMessage(LeadEmails.MessageId($"digest:{runKey}", chair.Email), chair.Email, LeadEmails.OneLine(rendered.Subject), rendered.Text, rendered.Html, []);
    }

    /// <summary>
    /// The digest for a month as the chair would receive it now, from the state: that month's alerts,
    /// the leads' commentary and the emails that could not be delivered. Null when no chair is configured.
    /// </summary>
    public static async Task<(DigestModel Model, OutgoingMessage? Message)> PrepareAsync(
        IStateStore store, IAnnotationStore notes, IOutbox outbox, CspConfiguration config, Period period, string marking, IMessageTemplates templates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(outbox);
        var state = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
        var alerts = state.Alerts.Where(a => a.LastPeriod == period).ToList();
        var commentary = await notes.CommentaryAsync(period, cancellationToken).ConfigureAwait(false);
        var failed = (await outbox.FailedAsync(period, cancellationToken).ConfigureAwait(false))
            .Select(f => new FailureModel(f.Recipient, f.Subject, f.Last.Detail, f.Last.At.ToString("d MMMM yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        var model = Model(alerts, commentary, failed, config, period, marking);
        return (model, Compose(model, config, $"{period}:{alerts.Count}:{commentary.Count}:{failed.Count}", templates));
    }
}

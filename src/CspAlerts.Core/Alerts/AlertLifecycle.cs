using CspAlerts.Evaluation;
using CspAlerts.Model;

namespace CspAlerts.Alerts;

/// <summary>
/// Moves alerts on by one run: a rule firing on an indicator in an area that was not open is new,
/// one that was open continues, an open one that no longer fires is resolved, and any that an
/// analyst's silence matches is silenced. Resolved alerts are reported for the month they resolve
/// in and then dropped. Pure: the same inputs give the same alerts.
/// </summary>
public static class AlertLifecycle
{
    /// <param name="previous">The alerts as the store holds them after the last run.</param>
    /// <param name="period">The month of this run.</param>
    /// <param name="firings">Every rule that fired this month, for the areas evaluated.</param>
    /// <param name="areas">The areas this run evaluated: an open alert elsewhere is left as it was.</param>
    public static IReadOnlyList<Alert> Advance(
        IReadOnlyList<Alert> previous,
        Period period,
        IReadOnlyList<RuleFiring> firings,
        IReadOnlyCollection<string> areas,
        IReadOnlyList<Silence> silences,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(firings);
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(silences);
        var open = previous.Where(a => a.Status != AlertStatus.Resolved).ToDictionary(a => a.Key);
        var next = new List<Alert>();
        var seen = new HashSet<AlertKey>();
        foreach (var f in firings)
        {
            var key = new AlertKey(f.Rule, f.Indicator, f.Area);
            if (!seen.Add(key))
            {
                continue;
            }

            open.TryGetValue(key, out var before);
            var status = silences.Any(s => s.Matches(key, now)) ? AlertStatus.Silenced
                : before is null ? AlertStatus.New
                : before.LastPeriod == period ? (before.Status == AlertStatus.Silenced ? AlertStatus.Continuing : before.Status) // the same month again, e.g. corrected data
                : AlertStatus.Continuing;
            next.Add(new Alert(key, status, before?.Since ?? period, period, f.Rag, f.Monitor, f.Escalate, f.Message, f.Clears));
        }

        foreach (var (key, before) in open)
        {
            if (seen.Contains(key))
            {
                continue;
            }

            // Outside this run's areas nothing is known: keep it as it was.
            next.Add(areas.Contains(key.Area) && before.LastPeriod <= period
                ? before with { Status = AlertStatus.Resolved, LastPeriod = period }
                : before);
        }

        return next;
    }
}

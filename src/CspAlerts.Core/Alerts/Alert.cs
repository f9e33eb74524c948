using CspAlerts.Model;

namespace CspAlerts.Alerts;

/// <summary>What identifies an alert across datasets: one rule on one indicator in one area.</summary>
public sealed record AlertKey(string Rule, string Indicator, string Area)
{
    public override string ToString() => $"{Rule}/{Indicator}/{Area}";
}

/// <summary>Where an alert stands after a run.</summary>
public enum AlertStatus
{
    /// <summary>Fired this period and not the one before.</summary>
    New,

    /// <summary>Fired this period and the one before.</summary>
    Continuing,

    /// <summary>Fired before and no longer fires.</summary>
    Resolved,

    /// <summary>Fires, but an analyst has muted it until a date, with a reason.</summary>
    Silenced,
}

/// <summary>One alert as the state store keeps it.</summary>
/// <param name="Since">The first month of the current run of firing.</param>
/// <param name="LastPeriod">The latest month evaluated for it.</param>
/// <param name="Clears">What would clear it, as the item shows it.</param>
public sealed record Alert(
    AlertKey Key,
    AlertStatus Status,
    Period Since,
    Period LastPeriod,
    Rag? Rag,
    bool Monitor,
    bool Escalate,
    string Message,
    string? Clears);

/// <summary>An analyst's mute on alerts, until a date. Any part left null matches everything.</summary>
public sealed record Silence(
    long Id,
    string? Rule,
    string? Indicator,
    string? Area,
    string Reason,
    string Author,
    DateTimeOffset Created,
    DateTimeOffset Until)
{
    public bool Matches(AlertKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        return now < Until
            && (Rule is null || Rule == key.Rule)
            && (Indicator is null || Indicator == key.Indicator)
            && (Area is null || Area == key.Area);
    }
}

/// <summary>A lead's commentary on an item (an indicator in an area at a month), for the PMG digest.</summary>
public sealed record Commentary(long Id, string Indicator, string Area, Period Period, string Author, string Text, DateTimeOffset Written);

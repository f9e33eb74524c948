using CspAlerts.Diagnostics;

namespace CspAlerts.Model;

/// <summary>The RAG rating a rule gives.</summary>
public enum Rag
{
    Red,
    Amber,
    Green,
}

/// <summary>Which indicators a rule applies to. Every list that is not empty must match.</summary>
public sealed record RuleSelector(
    IReadOnlyList<string> Indicators,
    IReadOnlyList<string> Groups,
    IReadOnlyList<Polarity> Polarities,
    IReadOnlyList<string> Tags)
{
    public static RuleSelector Default { get; } = new([], [], [], []);

    public bool IsDefault => Indicators.Count == 0 && Groups.Count == 0 && Polarities.Count == 0 && Tags.Count == 0;

    /// <summary>True when the selector names monitor indicators explicitly, by polarity or by id.</summary>
    public bool SelectsMonitorExplicitly(Func<string, Indicator?> lookup) =>
        Polarities.Contains(Polarity.Monitor) || Indicators.Any(id => lookup(id)?.IsMonitor == true);

    /// <summary>
    /// Whether the rule applies to an indicator. Without a selector a rule applies to every indicator
    /// that is not monitor-only; a RAG rule never applies to a monitor indicator.
    /// </summary>
    public bool Matches(Indicator indicator, bool ragRule)
    {
        if (indicator.IsMonitor && (ragRule || (IsDefault)))
        {
            return false;
        }

        return (Indicators.Count == 0 || Indicators.Contains(indicator.Id, StringComparer.Ordinal))
            && (Groups.Count == 0 || Groups.Contains(indicator.Group, StringComparer.Ordinal))
            && (Polarities.Count == 0 || Polarities.Contains(indicator.Polarity))
            && (Tags.Count == 0 || Tags.Any(t => indicator.Tags.Contains(t, StringComparer.Ordinal)));
    }
}

/// <summary>One exception rule, as the analyst wrote it, independent of the file format it came from.</summary>
/// <param name="When">The condition, a RulesEngine (System.Linq.Dynamic.Core) lambda over the fact.</param>
/// <param name="Rag">The rating given when it fires; null for a monitor rule.</param>
/// <param name="Monitor">True for a rule that reports without a RAG rating.</param>
/// <param name="Message">A template with <c>{name}</c> or <c>{name:format}</c> placeholders.</param>
/// <param name="For">How many consecutive periods the condition must hold.</param>
public sealed record RuleDefinition(
    string Id,
    string Description,
    RuleSelector AppliesTo,
    string When,
    Rag? Rag,
    bool Monitor,
    bool Escalate,
    string Message,
    int For,
    SourceLocation Location,
    SourceLocation WhenLocation)
{
    /// <summary>Where the message text starts, for errors in its placeholders; the rule's location when not known.</summary>
    public SourceLocation MessageLocation { get; init; } = Location;
}

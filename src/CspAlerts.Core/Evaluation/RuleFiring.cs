using CspAlerts.Model;

namespace CspAlerts.Evaluation;

/// <summary>
/// One rule that fired for an indicator in an area at a month: an entry of the JSON
/// <c>exceptions[]</c>. Monitor firings carry no RAG rating.
/// </summary>
public sealed record RuleFiring(
    string Rule,
    string Indicator,
    string Area,
    Period Period,
    Rag? Rag,
    bool Monitor,
    bool Escalate,
    string Message,
    Fact Facts)
{
    /// <summary>What would clear it, worked out from the condition, e.g. "clears at rank 24 of 32 or better (now 29 of 32)".</summary>
    public string? Clears { get; init; }
}

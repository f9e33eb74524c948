using CspAlerts.Measures;
using CspAlerts.Model;

namespace CspAlerts.Evaluation;

/// <summary>
/// One exception: a rule that fired for an indicator in an area at a month. Identified by rule +
/// indicator + area. Monitor items carry no RAG rating.
/// </summary>
public sealed record ExceptionItem(
    string Rule,
    string Indicator,
    string Area,
    Period Period,
    Rag? Rag,
    bool Monitor,
    bool Escalate,
    string Message,
    Fact Facts);

using CspAlerts.Diagnostics;

namespace CspAlerts.Model;

/// <summary>
/// One rule unit test, as the analyst wrote it under <c>rules/tests/</c>: the input (facts given
/// directly, or monthly series from which the facts are computed) for one indicator in one area at
/// one month, and the rules expected to fire on it. An empty <see cref="Expect"/> means nothing fires.
/// </summary>
/// <param name="Name">What the case shows, in a sentence; the <c>test</c> command prints it.</param>
/// <param name="Rules">The rules whose outcome the case checks; empty for every rule. Every rule is evaluated either way.</param>
/// <param name="Months">Facts given directly: the case's month first, then the months before it, latest first; null when the case gives series.</param>
/// <param name="Series">Monthly values by area id, the last of each at the case's month; null when the case gives facts.</param>
/// <param name="Pending">Why the case is expected to fail for now (a change not yet made); null for a case that must pass.</param>
public sealed record RuleTestCase(
    string Name,
    string Indicator,
    string Area,
    Period Period,
    IReadOnlyList<string> Rules,
    IReadOnlyList<IReadOnlyList<GivenFigure>>? Months,
    IReadOnlyDictionary<string, IReadOnlyList<double>>? Series,
    IReadOnlyList<ExpectedFiring> Expect,
    string? Pending,
    SourceLocation Location);

/// <summary>A measure given directly in a rule test: its catalogue name, and a number, a whole number, a word, or null for "missing".</summary>
public sealed record GivenFigure(string Measure, object? Value, SourceLocation Location);

/// <summary>A rule a test expects to fire, and optionally how: its rating, whether it escalates, its message.</summary>
public sealed record ExpectedFiring(string Rule, Rag? Rag, bool? Escalate, string? Message, SourceLocation Location);

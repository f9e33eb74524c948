using System.Globalization;
using CspAlerts.Model;

namespace CspAlerts.Evaluation;

/// <summary>
/// A rule that could not be evaluated for one item (an indicator in an area at a month): its condition
/// threw, as an integer division by zero does, or its message could not be written. The rule neither
/// fired nor was counted for that item; the run went on with the other rules and items.
/// </summary>
/// <param name="Rule">The rule's id.</param>
/// <param name="Indicator">The indicator's id.</param>
/// <param name="Area">The area's id.</param>
/// <param name="Period">The month being evaluated.</param>
/// <param name="Reason">What went wrong, in plain words: <c>the condition divides by zero</c>.</param>
public sealed record RuleError(string Rule, string Indicator, string Area, Period Period, string Reason)
{
    /// <summary>One sentence naming the rule, the item and what went wrong, for a warning or a log.</summary>
    public string Message => string.Create(
        CultureInfo.InvariantCulture,
        $"rule '{Rule}' could not be evaluated for {Indicator} in {Area} at {Period}: {Reason}");

    public override string ToString() => Message;

    /// <summary>The plain words for an exception thrown by a compiled condition.</summary>
    internal static string ReasonFor(Exception exception) => exception switch
    {
        DivideByZeroException => "the condition divides by zero",
        OverflowException => "the condition's arithmetic overflows",
        _ => "the condition failed: " + exception.Message.TrimEnd('.'),
    };
}

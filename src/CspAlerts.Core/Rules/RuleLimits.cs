using System.Globalization;

namespace CspAlerts.Rules;

/// <summary>
/// How large a rule's condition and message formats may be. The expression sandbox checks the
/// condition against these limits before any parser reads it, so text that would exhaust the stack,
/// the memory or the time of the parser and compiler is refused with an error that names the limit.
/// <see cref="Default"/> suits any rule an analyst writes by hand; a host may raise a limit up to its
/// ceiling, the largest value the rule compiler has been tested to handle.
/// </summary>
/// <remarks>Each value is checked when it is set: one below 1 or above its ceiling throws <see cref="ArgumentOutOfRangeException"/>.</remarks>
public sealed record RuleLimits
{
    /// <summary>The ceiling of <see cref="MaxConditionLength"/>.</summary>
    public const int ConditionLengthCeiling = 100_000;

    /// <summary>The ceiling of <see cref="MaxNestingDepth"/>.</summary>
    public const int NestingDepthCeiling = 256;

    /// <summary>The ceiling of <see cref="MaxOperators"/>.</summary>
    public const int OperatorsCeiling = 2_000;

    /// <summary>The ceiling of <see cref="MaxStringLength"/>.</summary>
    public const int StringLengthCeiling = 100_000;

    /// <summary>The ceiling of <see cref="MaxFormatPrecision"/>.</summary>
    public const int FormatPrecisionCeiling = 99;

    /// <summary>The ceiling of <see cref="MaxCustomFormatLength"/>.</summary>
    public const int CustomFormatLengthCeiling = 200;

    /// <summary>The limits every rule set is compiled with unless the host says otherwise.</summary>
    public static RuleLimits Default { get; } = new();

    /// <summary>The most characters a condition may have, spaces and string literals included.</summary>
    /// <value>The default is 2,000; at most <see cref="ConditionLengthCeiling"/>.</value>
    public int MaxConditionLength
    {
        get;
        init => field = InRange(value, ConditionLengthCeiling);
    } = 2_000;

    /// <summary>How deep parentheses may nest in a condition, a function call's counting as one level.</summary>
    /// <value>The default is 32; at most <see cref="NestingDepthCeiling"/>.</value>
    public int MaxNestingDepth
    {
        get;
        init => field = InRange(value, NestingDepthCeiling);
    } = 32;

    /// <summary>
    /// The most operators a condition may have: arithmetic, comparison, logical (<c>&amp;&amp; || ! and or not</c>),
    /// unary minus and each half of <c>? :</c>.
    /// </summary>
    /// <value>The default is 200; at most <see cref="OperatorsCeiling"/>.</value>
    public int MaxOperators
    {
        get;
        init => field = InRange(value, OperatorsCeiling);
    } = 200;

    /// <summary>The most characters a string literal in a condition may have between its quotes.</summary>
    /// <value>The default is 200; at most <see cref="StringLengthCeiling"/>.</value>
    public int MaxStringLength
    {
        get;
        init => field = InRange(value, StringLengthCeiling);
    } = 200;

    /// <summary>The largest precision a standard format in a message may ask for, as the 2 of <c>{changePct:F2}</c>.</summary>
    /// <value>The default is 10; at most <see cref="FormatPrecisionCeiling"/>.</value>
    public int MaxFormatPrecision
    {
        get;
        init => field = InRange(value, FormatPrecisionCeiling, minimum: 0);
    } = 10;

    /// <summary>The most characters a custom format in a message may have, as <c>+0.0;-0.0</c>.</summary>
    /// <value>The default is 30; at most <see cref="CustomFormatLengthCeiling"/>.</value>
    public int MaxCustomFormatLength
    {
        get;
        init => field = InRange(value, CustomFormatLengthCeiling);
    } = 30;

    private static int InRange(int value, int ceiling, int minimum = 1, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        if (value < minimum || value > ceiling)
        {
            throw new ArgumentOutOfRangeException(
                name,
                value,
                string.Create(CultureInfo.InvariantCulture, $"{name} must be from {minimum} to {ceiling:N0}, not {value:N0}."));
        }

        return value;
    }
}

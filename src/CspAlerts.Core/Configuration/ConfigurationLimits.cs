using System.Runtime.CompilerServices;

namespace CspAlerts.Configuration;

/// <summary>
/// The limits the configuration loader holds the rules folder to, so that no file, however it is
/// written, can take unbounded memory or time, crash the loader, or carry a number that overflows
/// later. Each limit broken is an error naming the file, the line and the limit, like any other
/// configuration error. The defaults suit any Community Safety Partnership; a larger user can raise
/// a limit with <c>ConfigurationLimits.Default with { MaxFileBytes = ... }</c> and pass it to
/// <see cref="ConfigurationLoader.Read(string, string?, ConfigurationLimits?)"/> or
/// <see cref="ConfigurationLoader.Load(string, ConfigurationLimits?)"/>.
/// </summary>
/// <remarks>
/// Each property refuses a value outside its own range when it is set; <see cref="Validate"/> checks
/// that the limits agree with each other. Bounds that are facts rather than limits stay in
/// <c>rules.schema.json</c>: a profile has at most 12 months, a population and <c>for</c> are at
/// least 1, a target and <c>digestDaysBefore</c> at least 0. YAML aliases are refused whatever the
/// limits, as an alias can repeat a value without bound, and the shipped files need none.
/// </remarks>
public sealed record ConfigurationLimits
{
    private const long OneMiB = 1024 * 1024;
    private const long OneGiB = 1024 * OneMiB;

    /// <summary>The limits the loader applies when given none.</summary>
    public static ConfigurationLimits Default { get; } = new();

    /// <summary>The most bytes one YAML file may have; a larger file is not read. Checked before the file is opened.</summary>
    /// <value>The default is 1,048,576 (1 MiB), some twenty times the largest shipped file. At least 1 and at most 1 GiB.</value>
    public long MaxFileBytes
    {
        get;
        init => field = InRange(value, 1, OneGiB);
    } = OneMiB;

    /// <summary>The most bytes all the YAML files together may have; the file that would take them over it, and the files after it, are not read.</summary>
    /// <value>The default is 10,485,760 (10 MiB). At least 1 and at most 1 GiB.</value>
    public long MaxFolderBytes
    {
        get;
        init => field = InRange(value, 1, OneGiB);
    } = 10 * OneMiB;

    /// <summary>The most YAML files the folder may hold, in all its sub-folders; with more, none is read.</summary>
    /// <value>The default is 1,000. At least 1 and at most 100,000.</value>
    public int MaxFiles
    {
        get;
        init => field = (int)InRange(value, 1, 100_000);
    } = 1_000;

    /// <summary>
    /// How deep lists and mappings may nest in one file, the top-level mapping being level 1. The
    /// deepest shipped file nests 8 levels (an indicator's MPS minor categories).
    /// </summary>
    /// <value>The default is 32. At least 1 and at most 1,000, as deeper nesting could exhaust the stack.</value>
    public int MaxDepth
    {
        get;
        init => field = (int)InRange(value, 1, 1_000);
    } = 32;

    /// <summary>
    /// The most consecutive monthly periods a rule's <c>for</c> may ask its condition to hold. Three
    /// years is longer than any persistence the PMG reports on, and a rule that must hold for longer
    /// than the history loaded can never fire.
    /// </summary>
    /// <value>The default is 36 (three years of months). At least 1 and at most 1,200.</value>
    public int MaxRulePeriods
    {
        get;
        init => field = (int)InRange(value, 1, 1_200);
    } = 36;

    /// <summary>The most days before a PMG meeting the schedule's <c>digestDaysBefore</c> may send the digest.</summary>
    /// <value>The default is 60, about two months, as meetings are quarterly at the least. At least 0 and at most 3,650.</value>
    public int MaxDigestDaysBefore
    {
        get;
        init => field = (int)InRange(value, 0, 3_650);
    } = 60;

    /// <summary>The largest population an area may give for a year.</summary>
    /// <value>The default is 100,000,000, more than the population of the United Kingdom. At least 1.</value>
    public long MaxPopulation
    {
        get;
        init => field = InRange(value, 1, long.MaxValue);
    } = 100_000_000;

    /// <summary>The earliest calendar year a population, a target's financial year or a PMG meeting may be in.</summary>
    /// <value>The default is 1900. At least 1 and at most 9,998; no more than <see cref="MaxYear"/>.</value>
    public int MinYear
    {
        get;
        init => field = (int)InRange(value, 1, 9_998);
    } = 1900;

    /// <summary>The latest calendar year a population, a target's financial year or a PMG meeting may be in.</summary>
    /// <value>The default is 2100. At least 1 and at most 9,998, so that the financial year it starts still ends in a valid date.</value>
    public int MaxYear
    {
        get;
        init => field = (int)InRange(value, 1, 9_998);
    } = 2100;

    /// <summary>The largest value a target may give, annual or in a profile.</summary>
    /// <value>The default is 1,000,000,000, far above any count, rate or percentage a partnership sets. More than 0 and at most 1e15.</value>
    public double MaxTarget
    {
        get;
        init => field = double.IsFinite(value) && value is > 0 and <= 1e15
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxTarget), value, "MaxTarget must be more than 0 and at most 1e15.");
    } = 1_000_000_000;

    /// <summary>Checks that the limits agree with each other; each is already within its own range.</summary>
    /// <exception cref="ArgumentException"><see cref="MinYear"/> is after <see cref="MaxYear"/>.</exception>
    public void Validate()
    {
        if (MinYear > MaxYear)
        {
            throw new ArgumentException($"The configuration limits are inconsistent: MinYear ({MinYear}) is after MaxYear ({MaxYear}).");
        }
    }

    private static long InRange(long value, long min, long max, [CallerMemberName] string property = "") =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(property, value, $"{property} must be from {min} to {max}.");
}

using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Model;
using CspAlerts.Rules;

namespace CspAlerts.Core.Tests.Rules;

/// <summary>
/// Hostile conditions are refused by the sandbox, naming the limit, before any recursive parser reads
/// them; whatever passes the limits compiles whichever thread calls, however small its stack.
/// </summary>
public class RuleLimitsTests
{
    private static readonly RuleLimits Ceilings = new()
    {
        MaxConditionLength = RuleLimits.ConditionLengthCeiling,
        MaxNestingDepth = RuleLimits.NestingDepthCeiling,
        MaxOperators = RuleLimits.OperatorsCeiling,
        MaxStringLength = RuleLimits.StringLengthCeiling,
        MaxFormatPrecision = RuleLimits.FormatPrecisionCeiling,
        MaxCustomFormatLength = RuleLimits.CustomFormatLengthCeiling,
    };

    private static RuleDefinition Rule(string when, string message = "{indicatorName}") =>
        new("hostile", "hostile", RuleSelector.Default, when, Rag.Red, false, true, message, 1, new SourceLocation("rules/r.yaml", 2, 5), new SourceLocation("rules/r.yaml", 4, 11))
        {
            MessageLocation = new SourceLocation("rules/r.yaml", 6, 14),
        };

    private static List<string> Errors(string when, RuleLimits? limits = null)
    {
        var errors = new List<ConfigError>();
        CompiledRuleSet.Compile([Rule(when)], TestMeasures.Standard, errors, limits);
        return [.. errors.Select(e => e.ToString())];
    }

    private static string Nested(int depth, string inner) => new string('(', depth) + inner + new string(')', depth);

    private static string Chain(string op, int terms, string term) => string.Join($" {op} ", Enumerable.Repeat(term, terms));

    private static string Conditionals(int depth) =>
        string.Concat(Enumerable.Repeat("true ? ", depth)) + "true" + string.Concat(Enumerable.Repeat(" : false", depth));

    // ---- Past a limit: refused with the limit named ----

    [Fact]
    public void A_condition_nested_1700_parentheses_deep_is_refused_naming_the_depth_and_the_length()
    {
        var errors = Errors(Nested(1700, "changePct") + " > 1");

        Assert.Equal(
            [
                "rules/r.yaml:4:11: rule 'hostile': the condition is 3,413 characters long; the limit is 2,000",
                "rules/r.yaml:4:43: rule 'hostile': the condition nests parentheses 1,700 deep; the limit is 32",
            ],
            errors);
    }

    [Fact]
    public void A_condition_nested_one_level_past_the_limit_is_refused_at_the_parenthesis_that_goes_past_it()
    {
        var errors = Errors(Nested(33, "changePct") + " > 1");

        Assert.Equal(["rules/r.yaml:4:43: rule 'hostile': the condition nests parentheses 33 deep; the limit is 32"], errors);
    }

    [Fact]
    public void A_chain_of_3000_and_terms_is_refused_naming_the_number_of_operators()
    {
        var errors = Errors(Chain("&&", 3000, "true"));

        Assert.Equal(
            [
                "rules/r.yaml:4:11: rule 'hostile': the condition is 23,996 characters long; the limit is 2,000",
                "rules/r.yaml:4:1616: rule 'hostile': the condition has 2,999 operators; the limit is 200",
            ],
            errors);
    }

    [Fact]
    public void A_chain_of_3000_plus_terms_is_refused_naming_the_number_of_operators()
    {
        var errors = Errors(Chain("+", 3000, "1") + " > 0");

        Assert.Contains("rules/r.yaml:4:813: rule 'hostile': the condition has 3,000 operators; the limit is 200", errors);
    }

    [Fact]
    public void A_condition_of_3000_unary_minus_signs_is_refused_naming_the_number_of_operators()
    {
        var errors = Errors(new string('-', 3000) + "changePct > 1");

        Assert.Contains("rules/r.yaml:4:211: rule 'hostile': the condition has 3,001 operators; the limit is 200", errors);
    }

    [Fact]
    public void Word_operators_count_against_the_limit_as_symbols_do()
    {
        var errors = Errors(Chain("and", 101, "not false"));

        Assert.Equal(["rules/r.yaml:4:1411: rule 'hostile': the condition has 201 operators; the limit is 200"], errors);
    }

    [Fact]
    public void A_string_of_100000_characters_is_refused_naming_its_length_and_nothing_of_it_is_echoed()
    {
        var errors = Errors($"spcSignal == \"{new string('x', 100_000)}\"");

        Assert.Equal(
            [
                "rules/r.yaml:4:11: rule 'hostile': the condition is 100,015 characters long; the limit is 2,000",
                "rules/r.yaml:4:24: rule 'hostile': a string in the condition is 100,000 characters long; the limit is 200",
            ],
            errors);
    }

    [Fact]
    public void Strings_written_back_to_back_count_as_the_one_string_they_make()
    {
        var errors = Errors($"unit == \"{new string('a', 150)}\"\"{new string('b', 150)}\"");

        Assert.Equal(["rules/r.yaml:4:19: rule 'hostile': a string in the condition is 301 characters long; the limit is 200"], errors);
    }

    [Fact]
    public void An_unterminated_string_past_the_limit_is_refused_for_its_length()
    {
        var errors = Errors($"unit == \"{new string('a', 300)}");

        Assert.Equal(["rules/r.yaml:4:19: rule 'hostile': a string in the condition is 300 characters long; the limit is 200"], errors);
    }

    [Fact]
    public void A_condition_past_a_limit_is_not_checked_further_so_its_other_errors_do_not_flood_the_report()
    {
        var errors = Errors(Chain("&&", 300, "DateTime.Now"));

        Assert.Equal(2, errors.Count);
        Assert.Equal("rules/r.yaml:4:11: rule 'hostile': the condition is 4,796 characters long; the limit is 2,000", errors[0]);
        Assert.EndsWith("rule 'hostile': the condition has 299 operators; the limit is 200", errors[1], StringComparison.Ordinal);
    }

    // ---- At the limits: accepted ----

    [Fact]
    public void A_condition_at_every_limit_compiles_and_runs()
    {
        // 66 × 2 + 65 operators in the chain, then ||, ! and ==: 200 in all.
        var atLimits = Nested(32, Chain("&&", 66, "-changePct < 1")) + $" || !(\"{new string('c', 200)}\" == \"d\")";
        Assert.True(atLimits.Length <= 2_000, $"the condition is {atLimits.Length} characters");

        var rules = CompiledRuleSet.Compile([Rule(atLimits)], TestMeasures.Standard);

        Assert.True(Assert.Single(rules.Rules).Holds(Fact()));
    }

    [Fact]
    public void A_host_may_raise_the_limits_for_a_condition_past_the_defaults()
    {
        var deep = Nested(40, "changePct") + " > 1";
        var limits = RuleLimits.Default with { MaxNestingDepth = 40 };

        Assert.NotEmpty(Errors(deep));
        Assert.Empty(Errors(deep, limits));
    }

    [Fact]
    public void A_host_may_lower_the_limits()
    {
        var errors = Errors("changePct > 1 && value > 2", new RuleLimits { MaxOperators = 2 });

        Assert.Equal(["rules/r.yaml:4:34: rule 'hostile': the condition has 3 operators; the limit is 2"], errors);
    }

    // ---- The worst that passes cannot overflow the stack, whichever thread compiles ----

    // changePct is 20 in the fact the conditions run on.
    public static TheoryData<string, string, bool> WorstCasesAtTheDefaults => new()
    {
        { "32 parentheses around 199 unary minus signs", Nested(32, new string('-', 199) + "changePct") + " > 1", false },
        { "32 parentheses around 201 terms joined by &&", Nested(32, Chain("&&", 201, "true")), true },
        { "32 parentheses around 100 nested conditionals", Nested(32, Conditionals(100)), true },
        { "32 nested calls", string.Concat(Enumerable.Repeat("Worsening(", 32)) + "changePct" + new string(')', 32) + " > 1", true },
        { "32 nested iif", string.Concat(Enumerable.Repeat("iif(true, ", 32)) + "true" + string.Concat(Enumerable.Repeat(", false)", 32)), true },
    };

    [Theory]
    [MemberData(nameof(WorstCasesAtTheDefaults))]
    public void The_deepest_conditions_the_default_limits_allow_compile_and_run_from_a_thread_with_a_small_stack(string shape, string when, bool expected)
    {
        Assert.NotEmpty(shape);

        var holds = OnSmallStack(() =>
        {
            var rules = CompiledRuleSet.Compile([Rule(when)], TestMeasures.Standard);
            return Assert.Single(rules.Rules).Holds(Fact());
        });

        Assert.Equal(expected, holds);
    }

    public static TheoryData<string, string, bool> WorstCasesAtTheCeilings => new()
    {
        { "256 parentheses around 1,999 unary minus signs", Nested(256, new string('-', 1_999) + "changePct") + " > 1", false },
        { "256 parentheses around 2,000 terms joined by +", Nested(256, Chain("+", 2_000, "changePct")) + " > 1", true },
        { "256 parentheses around 666 nested conditionals", Nested(256, Conditionals(666)), true },
        { "256 levels of a negated parenthesis", string.Concat(Enumerable.Repeat("-(", 256)) + "changePct" + new string(')', 256) + " > 1", true },
        { "256 nested calls", string.Concat(Enumerable.Repeat("Worsening(", 256)) + "changePct" + new string(')', 256) + " > 1", true },
    };

    [Theory]
    [MemberData(nameof(WorstCasesAtTheCeilings))]
    public void The_deepest_conditions_the_ceilings_allow_compile_and_run_from_a_thread_with_a_small_stack(string shape, string when, bool expected)
    {
        Assert.NotEmpty(shape);

        var holds = OnSmallStack(() =>
        {
            var rules = CompiledRuleSet.Compile([Rule(when)], TestMeasures.Standard, Ceilings);
            return Assert.Single(rules.Rules).Holds(Fact());
        });

        Assert.Equal(expected, holds);
    }

    // ---- The options record ----

    [Fact]
    public void The_defaults_are_documented_values()
    {
        var limits = RuleLimits.Default;

        Assert.Equal(2_000, limits.MaxConditionLength);
        Assert.Equal(32, limits.MaxNestingDepth);
        Assert.Equal(200, limits.MaxOperators);
        Assert.Equal(200, limits.MaxStringLength);
        Assert.Equal(10, limits.MaxFormatPrecision);
        Assert.Equal(30, limits.MaxCustomFormatLength);
    }

    [Fact]
    public void A_limit_past_its_ceiling_is_refused_when_it_is_set()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RuleLimits { MaxNestingDepth = 10_000 });

        Assert.Equal("MaxNestingDepth", ex.ParamName);
        Assert.StartsWith("MaxNestingDepth must be from 1 to 256, not 10,000.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_limit_below_one_is_refused_when_it_is_set()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RuleLimits.Default with { MaxOperators = 0 });

        Assert.StartsWith("MaxOperators must be from 1 to 2,000, not 0.", ex.Message, StringComparison.Ordinal);
    }

    private static RuleFact Fact()
    {
        var indicator = new Indicator("burglary", "Burglary", "crime", [], Polarity.LowerIsBetter, IndicatorUnit.Count, "lead", [], IndicatorSources.None, new SourceLocation("t", 1, 1));
        var fact = new Fact("burglary", "haringey", new Period(2014, 9), 120, 100, 20, 20, null, 5, null, null, null, null, null, new Dictionary<string, PeerPosition>(), null, null);
        return new RuleFact(fact, indicator, TestMeasures.Standard);
    }

    /// <summary>Runs <paramref name="work"/> on a thread with a 256 KiB stack, far less than parsing the worst case needs.</summary>
    private static T OnSmallStack<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
            },
            256 * 1024);
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new InvalidOperationException("the work failed", failure);
    }
}

using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Model;
using CspAlerts.Rules;

namespace CspAlerts.Core.Tests.Rules;

public class CompiledRuleSetTests
{
    private static RuleDefinition Rule(string id, string when, string message, int line) =>
        new(id, id, RuleSelector.Default, when, Rag.Red, false, true, message, 1, new SourceLocation("rules/r.yaml", line, 5), new SourceLocation("rules/r.yaml", line + 2, 11))
        {
            MessageLocation = new SourceLocation("rules/r.yaml", line + 4, 14),
        };

    [Fact]
    public void Every_error_of_a_rule_set_is_reported_in_file_order_with_its_rule()
    {
        var ex = Assert.Throws<ConfigurationRejectedException>(() => CompiledRuleSet.Compile(
        [
            Rule("first", "DateTime.Now.Hour > 3", "{nope}", line: 2),
            Rule("second", "changePct >>= 3", "fine", line: 10),
        ], TestMeasures.Standard));

        Assert.Equal(
            [
                "rules/r.yaml:4:11: rule 'first': the clock is not allowed in a rule expression: 'DateTime'",
                "rules/r.yaml:4:20: rule 'first': the clock is not allowed in a rule expression: 'Now'",
                "rules/r.yaml:4:23: rule 'first': member access is not allowed in a rule expression: '.Hour'",
                "rules/r.yaml:6:14: rule 'first': unknown placeholder '{nope}' in the message",
                "rules/r.yaml:12:23: rule 'second': the condition does not compile: Expression expected",
            ],
            ex.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_valid_rule_set_compiles_every_rule_once()
    {
        var rules = CompiledRuleSet.Compile([Rule("up", "changePct >= 10", "{indicatorName}", line: 2)], TestMeasures.Standard);

        var rule = Assert.Single(rules.Rules);
        Assert.Equal("fact.Number(3) >= 10", rule.Expression);
    }

    [Theory]
    [InlineData("changePct / 0 > 1", "rules/r.yaml:4:21: rule 'ratio': the condition divides by zero: the divisor after '/' is always 0")]
    [InlineData("1 / (2 - 2) > 0", "rules/r.yaml:4:13: rule 'ratio': the condition divides by zero: the divisor after '/' is always 0")]
    [InlineData("metRank % (1 - 1) == 0", "rules/r.yaml:4:19: rule 'ratio': the condition divides by zero: the divisor after '%' is always 0")]
    [InlineData("value / 0.0 > 1 || value / -0 > 1", "rules/r.yaml:4:17: rule 'ratio': the condition divides by zero: the divisor after '/' is always 0")]
    [InlineData("changePct / 2 > 1 && 1 / (1 / 0) > 0", "rules/r.yaml:4:39: rule 'ratio': the condition divides by zero: the divisor after '/' is always 0")]
    public void A_division_by_a_constant_zero_is_refused_at_its_operator(string when, string expected)
    {
        var errors = new List<ConfigError>();

        var rules = CompiledRuleSet.Compile([Rule("ratio", when, "{indicatorName}", line: 2)], TestMeasures.Standard, errors);

        Assert.Empty(rules.Rules);
        Assert.Equal(expected, errors[0].ToString());
    }

    [Fact]
    public void Every_division_by_a_constant_zero_is_reported()
    {
        var errors = new List<ConfigError>();

        CompiledRuleSet.Compile([Rule("ratio", "value / 0.0 > 1 || value / -0 > 1", "{indicatorName}", line: 2)], TestMeasures.Standard, errors);

        Assert.Equal(
            [
                "rules/r.yaml:4:17: rule 'ratio': the condition divides by zero: the divisor after '/' is always 0",
                "rules/r.yaml:4:36: rule 'ratio': the condition divides by zero: the divisor after '/' is always 0",
            ],
            errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("changePct / value > 1")]
    [InlineData("changePct / 2 > 1")]
    [InlineData("metRank % 2 == 0")]
    [InlineData("1 / (metRank - 1) > 0")]
    public void A_division_by_a_measure_or_a_constant_that_is_not_zero_compiles(string when) =>
        Assert.Single(CompiledRuleSet.Compile([Rule("ratio", when, "{indicatorName}", line: 2)], TestMeasures.Standard).Rules);

    [Theory]
    [InlineData("{value:D}", "rules/r.yaml:6:14: rule 'formats': the format D of '{value}' is for whole numbers, but value may be fractional: use F0 or N0")]
    [InlineData("{metRank:D999999999}", "rules/r.yaml:6:14: rule 'formats': the format D999999999 of '{metRank}' asks for a precision of 999,999,999; the limit is 10")]
    public void A_message_format_that_could_crash_or_run_away_is_refused_with_its_rule(string message, string expected)
    {
        var ex = Assert.Throws<ConfigurationRejectedException>(() => CompiledRuleSet.Compile([Rule("formats", "changePct > 1", message, line: 2)], TestMeasures.Standard));

        Assert.Equal([expected], ex.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void The_limits_given_to_the_compiler_apply_to_message_formats()
    {
        var limits = RuleLimits.Default with { MaxFormatPrecision = 3 };

        var ex = Assert.Throws<ConfigurationRejectedException>(() => CompiledRuleSet.Compile([Rule("formats", "changePct > 1", "{value:F4}", line: 2)], TestMeasures.Standard, limits));

        Assert.Equal(["rules/r.yaml:6:14: rule 'formats': the format F4 of '{value}' asks for a precision of 4; the limit is 3"], ex.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_word_compared_with_true_or_false_is_a_compile_error_not_a_crash()
    {
        var ex = Assert.Throws<ConfigurationRejectedException>(() => CompiledRuleSet.Compile([Rule("words", "true == \"count\"", "{indicatorName}", line: 2)], TestMeasures.Standard));

        Assert.StartsWith("rules/r.yaml:4:11: rule 'words': the condition does not compile: ", Assert.Single(ex.Errors).ToString(), StringComparison.Ordinal);
    }
}

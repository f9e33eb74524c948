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
}

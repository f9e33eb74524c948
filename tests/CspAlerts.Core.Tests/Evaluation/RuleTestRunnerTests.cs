using CspAlerts.Configuration;
using CspAlerts.Core.Tests.Support;
using CspAlerts.Evaluation;

namespace CspAlerts.Core.Tests.Evaluation;

/// <summary>The rule unit tests under rules/tests, run as 'cspalerts test' runs them.</summary>
public class RuleTestRunnerTests
{
    private static IReadOnlyList<RuleTestResult> RunShipped(Func<string, string, string>? change = null)
    {
        var sources = Directory.GetFiles(RepoFiles.Rules, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var name = "rules/" + Path.GetRelativePath(RepoFiles.Rules, path).Replace('\\', '/');
                var text = File.ReadAllText(path);
                return new ConfigurationSource(name, change is null ? text : change(name, text));
            })
            .ToList();
        var engine = ExceptionEngine.Load(sources);
        return RuleTestRunner.Run(engine.Configuration, engine.Rules);
    }

    [Fact]
    public void Every_shipped_rule_test_passes_or_is_pending()
    {
        var results = RunShipped();

        Assert.True(results.Count >= 30, $"only {results.Count} rule tests");
        Assert.All(results, r => Assert.True(r.Outcome != RuleTestOutcome.Failed, $"{r.Case.Name}: {string.Join("; ", r.Problems)}"));
    }

    [Fact]
    public void Every_shipped_rule_has_a_case_where_it_fires_and_one_where_it_does_not()
    {
        var results = RunShipped();
        var rules = ConfigurationLoader.Load(RepoFiles.Rules).Rules.Select(r => r.Id).ToList();

        foreach (var rule in rules)
        {
            var checking = results.Where(r => r.Case.Rules.Count == 0 || r.Case.Rules.Contains(rule)).ToList();
            Assert.Contains(checking, r => r.Case.Expect.Any(e => e.Rule == rule));
            Assert.Contains(checking, r => r.Case.Expect.All(e => e.Rule != rule) && r.Case.Pending is null);
        }
    }

    [Fact]
    public void Breaking_a_shipped_rule_fails_its_tests_with_expected_and_actual_and_the_figures_read()
    {
        var results = RunShipped((name, text) => name == "rules/rules.yaml" ? text.Replace("when: msgQuartile == 4", "when: msgQuartile == 3", StringComparison.Ordinal) : text);

        var failed = results.Single(r => r.Case.Name == "Rank 12 of 15 is the bottom quartile");
        Assert.Equal(RuleTestOutcome.Failed, failed.Outcome);
        Assert.Equal(["expected bottom-quartile-msg to fire, but it did not"], failed.Problems);
        Assert.Empty(failed.Actual);
        var read = Assert.Single(failed.Read);
        Assert.Equal("bottom-quartile-msg", read.Rule);
        Assert.Equal([new FigureRead("msgQuartile", 4)], read.Figures);
    }

    [Fact]
    public void A_rule_with_for_2_fires_only_when_the_month_before_holds_too()
    {
        var sources = Directory.GetFiles(RepoFiles.Rules, "*.yaml")
            .Select(path => new ConfigurationSource("rules/" + Path.GetFileName(path), File.ReadAllText(path)))
            .Append(new ConfigurationSource("rules/two-months.yaml", """
                rules:
                  - id: up-two-months
                    description: Up 10% or more two months in a row.
                    when: Worsening(changePct) >= 10
                    rag: amber
                    message: "{indicatorName} is up {changePct:0.0}%."
                    for: 2
                """))
            .Append(new ConfigurationSource("rules/tests/two-months.yaml", """
                tests:
                  - name: Up in both months
                    indicator: robbery
                    area: barking-and-dagenham
                    period: 2016-12
                    rules: [up-two-months]
                    facts: { changePct: 12 }
                    before: [{ changePct: 11 }]
                    expect: [up-two-months]
                  - name: Up only in the latest month
                    indicator: robbery
                    area: barking-and-dagenham
                    period: 2016-12
                    rules: [up-two-months]
                    facts: { changePct: 12 }
                    before: [{ changePct: 4 }]
                    expect: []
                  - name: No earlier month given
                    indicator: robbery
                    area: barking-and-dagenham
                    period: 2016-12
                    rules: [up-two-months]
                    facts: { changePct: 12 }
                    expect: []
                """));
        var engine = ExceptionEngine.Load(sources);

        var results = RuleTestRunner.Run(engine.Configuration, engine.Rules);

        Assert.All(results, r => Assert.Equal(RuleTestOutcome.Passed, r.Outcome));
    }

    [Fact]
    public void A_pending_case_that_passes_says_so()
    {
        var results = RunShipped((name, text) => name == "rules/tests/bottom-quartile-msg.yaml"
            ? text.Replace("  - name: Rank 12 of 15 is the bottom quartile\n", "  - name: Rank 12 of 15 is the bottom quartile\n    pending: written before the rule\n", StringComparison.Ordinal)
            : text);

        Assert.Equal(RuleTestOutcome.PendingPasses, results.Single(r => r.Case.Name == "Rank 12 of 15 is the bottom quartile").Outcome);
    }
}

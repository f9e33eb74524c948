using System.Diagnostics;
using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Evaluation;
using CspAlerts.Ingest;
using CspAlerts.Measures;
using CspAlerts.Model;
using CspAlerts.Rules;

namespace CspAlerts.Core.Tests.Evaluation;

/// <summary>
/// A condition that throws for one item (an integer division by zero) is an error of that rule for
/// that item, named in plain words; every other rule and item is evaluated as usual.
/// </summary>
public class RuleErrorTests
{
    private static readonly SourceLocation Here = new("rules/test.yaml", 1, 1);

    private static readonly Period January2017 = new(2017, 1);

    private static RuleDefinition Rule(string id, string when, int @for = 1) =>
        new(id, id, RuleSelector.Default, when, Rag.Red, false, Escalate: true, "{indicatorName} {metRank}", @for, Here, Here);

    /// <summary>
    /// Three areas in the <c>met</c> group with 10 a month through 2015 and 2016; in January 2017 a has
    /// 11, b 20 and c 30, so by change a ranks 1, b 2 and c 3. In December 2016 all three are level
    /// and share rank 1.
    /// </summary>
    private static (CspConfiguration Config, FactTable Table) Data()
    {
        var areas = new[] { "a", "b", "c" }.Select(id => new Area(id, "Area " + id, null, [], new Dictionary<int, long>(), null, Here)).ToList();
        var indicator = new Indicator("x", "Indicator X", "crime", [], Polarity.LowerIsBetter, IndicatorUnit.Count, "lead", [], IndicatorSources.None, Here);
        var met = new PeerGroup("met", "Met", ["a", "b", "c"], new Dictionary<string, IReadOnlyList<string>>(), Here);
        var config = new CspConfiguration(areas, [], [met], [indicator], [], [], Schedule.Empty, []);
        var january = new Dictionary<string, double> { ["a"] = 11, ["b"] = 20, ["c"] = 30 };
        var observations = areas.SelectMany(area => Enumerable.Range(0, 25).Select(i => new Observation(
            "x", area.Id, new Period(2015, 1).AddMonths(i), i < 24 ? 10 : january[area.Id], SuppliedFigures.None, new SourceRef("d.csv", i + 2))));
        return (config, new MeasureCalculator(config).Compute(observations));
    }

    // metRank - 1 is 0 for the area ranked first: an integer division by zero.
    private const string ByRankAboveFirst = "100 / (metRank - 1) >= 50";

    [Fact]
    public void A_condition_that_divides_by_a_measure_that_is_zero_for_one_item_is_an_error_for_that_item_and_the_other_items_are_produced()
    {
        var (config, table) = Data();
        var rules = CompiledRuleSet.Compile([Rule("ratio", ByRankAboveFirst), Rule("up", "changePct > 0")], TestMeasures.Standard);
        var errors = new List<RuleError>();

        var firings = new RuleEvaluator(config, rules).Evaluate(table, January2017, ["a", "b", "c"], errors);

        var error = Assert.Single(errors);
        Assert.Equal(new RuleError("ratio", "x", "a", January2017, "the condition divides by zero"), error);
        Assert.Equal("rule 'ratio' could not be evaluated for x in a at 2017-01: the condition divides by zero", error.Message);
        Assert.Equal(
            ["a up", "b ratio", "b up", "c ratio", "c up"],
            firings.Select(f => $"{f.Area} {f.Rule}"));
        Assert.Equal("Indicator X 3", firings.Single(f => f is { Area: "c", Rule: "ratio" }).Message);
    }

    [Fact]
    public void Evaluating_without_an_error_list_gives_the_same_firings_and_throws_nothing()
    {
        var (config, table) = Data();
        var rules = CompiledRuleSet.Compile([Rule("ratio", ByRankAboveFirst), Rule("up", "changePct > 0")], TestMeasures.Standard);

        var firings = new RuleEvaluator(config, rules).Evaluate(table, January2017, ["a", "b", "c"]);

        Assert.Equal(5, firings.Count);
    }

    [Fact]
    public void A_condition_that_throws_in_an_earlier_month_its_for_looks_at_is_named_with_that_month()
    {
        var (config, table) = Data();
        var rules = CompiledRuleSet.Compile([Rule("ratio", ByRankAboveFirst, @for: 2)], TestMeasures.Standard);
        var errors = new List<RuleError>();

        var firings = new RuleEvaluator(config, rules).Evaluate(table, January2017, ["a", "b", "c"], errors);

        Assert.Empty(firings);
        Assert.Equal(
            [
                "rule 'ratio' could not be evaluated for x in a at 2017-01: the condition divides by zero",
                "rule 'ratio' could not be evaluated for x in b at 2017-01: the condition divides by zero at 2016-12, one of the 2 months its 'for' looks at",
                "rule 'ratio' could not be evaluated for x in c at 2017-01: the condition divides by zero at 2016-12, one of the 2 months its 'for' looks at",
            ],
            errors.Select(e => e.Message));
    }

    [Fact]
    public void A_backtest_counts_around_a_condition_that_throws_and_names_each_month_it_threw()
    {
        var (config, table) = Data();
        var rules = CompiledRuleSet.Compile([Rule("ratio", ByRankAboveFirst), Rule("up", "changePct > 0")], TestMeasures.Standard);
        var evaluator = new RuleEvaluator(config, rules);
        var errors = new List<RuleError>();

        var counts = evaluator.CountFirings(table, new Period(2016, 12), January2017, ["a", "b", "c"], errors);
        var quiet = evaluator.CountFirings(table, new Period(2016, 12), January2017, ["a", "b", "c"]);

        Assert.Equal(new[,] { { 0, 0 }, { 2, 3 } }, counts);
        Assert.Equal(counts, quiet);
        Assert.Equal(
            [
                "rule 'ratio' could not be evaluated for x in a at 2016-12: the condition divides by zero",
                "rule 'ratio' could not be evaluated for x in b at 2016-12: the condition divides by zero",
                "rule 'ratio' could not be evaluated for x in c at 2016-12: the condition divides by zero",
                "rule 'ratio' could not be evaluated for x in a at 2017-01: the condition divides by zero",
            ],
            errors.Select(e => e.Message));
    }

    [Fact]
    public void A_rule_asking_for_more_months_than_an_int_holds_is_evaluated_at_once_and_does_not_fire()
    {
        var (config, table) = Data();
        var rules = CompiledRuleSet.Compile([Rule("forever", "changePct > 0", @for: int.MaxValue)], TestMeasures.Standard);
        var evaluator = new RuleEvaluator(config, rules);
        var clock = Stopwatch.StartNew();

        var firings = evaluator.Evaluate(table, January2017, ["a", "b", "c"]);
        var counts = evaluator.CountFirings(table, new Period(2015, 1), January2017, ["a", "b", "c"]);

        Assert.Empty(firings);
        Assert.Equal(0, counts.Cast<int>().Sum());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }
}

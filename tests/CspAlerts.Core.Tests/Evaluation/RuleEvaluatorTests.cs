using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Evaluation;
using CspAlerts.Ingest;
using CspAlerts.Measures;
using CspAlerts.Model;
using CspAlerts.Rules;

namespace CspAlerts.Core.Tests.Evaluation;

public class RuleEvaluatorTests
{
    private static readonly SourceLocation Here = new("rules/test.yaml", 1, 1);

    private static RuleDefinition Rule(string id, string when, Rag? rag = Rag.Red, bool monitor = false, int @for = 1, RuleSelector? appliesTo = null) =>
        new(id, id, appliesTo ?? RuleSelector.Default, when, rag, monitor, Escalate: true, "{indicatorName} {changePct:0.0}", @for, Here, Here);

    private static (CspConfiguration Config, FactTable Table) Data(Polarity polarity, params double[] months)
    {
        var area = new Area("a", "Area A", null, [], new Dictionary<int, long>(), null, Here);
        var indicator = new Indicator("x", "Indicator X", "crime", [], polarity, IndicatorUnit.Count, "lead", [], IndicatorSources.None, Here);
        var config = new CspConfiguration([area], [], [], [indicator], [], [], Schedule.Empty, []);
        var observations = months.Select((v, i) => new Observation("x", "a", new Period(2015, 1).AddMonths(i), v, SuppliedFigures.None, new SourceRef("d.csv", i + 2)));
        return (config, new MeasureCalculator(config).Compute(observations));
    }

    // Two years of 10 a month (2015–2016), then 30, 30, 30 and 10 in January to April 2017:
    // R12 goes 140, 160, 180, 170 against 120 a year earlier; in December 2016 the change is 0%.
    private static readonly double[] Rising = [.. Enumerable.Repeat(10.0, 24), 30, 30, 30, 10];

    [Fact]
    public void A_rule_fires_when_its_condition_holds_and_its_message_is_rendered()
    {
        var (config, table) = Data(Polarity.LowerIsBetter, Rising);
        var rules = CompiledRuleSet.Compile([Rule("up", "changePct >= 10")], TestMeasures.Standard);

        var item = Assert.Single(new RuleEvaluator(config, rules).Evaluate(table, new Period(2017, 1), ["a"]));

        Assert.Equal("up", item.Rule);
        Assert.Equal(Rag.Red, item.Rag);
        Assert.Equal("Indicator X 16.7", item.Message);
        Assert.Equal(new Period(2017, 1), item.Period);
    }

    [Theory]
    [InlineData(1, 2017, 1, true)]
    [InlineData(2, 2017, 1, false)] // December 2016 was +0.0%, so the rule did not hold then
    [InlineData(2, 2017, 2, true)]
    [InlineData(3, 2017, 3, true)]
    [InlineData(4, 2017, 4, true)]
    [InlineData(5, 2017, 4, false)]
    public void A_rule_with_for_fires_only_after_holding_that_many_consecutive_months(int months, int year, int month, bool fires)
    {
        var (config, table) = Data(Polarity.LowerIsBetter, Rising);
        var rules = CompiledRuleSet.Compile([Rule("up", "changePct > 0", @for: months)], TestMeasures.Standard);

        var items = new RuleEvaluator(config, rules).Evaluate(table, new Period(year, month), ["a"]);

        Assert.Equal(fires, items.Count == 1);
    }

    [Fact]
    public void A_monitor_indicator_is_never_given_a_RAG_rating()
    {
        var (config, table) = Data(Polarity.Monitor, Rising);
        var rules = CompiledRuleSet.Compile(
        [
            Rule("any-rise", "changePct > 0"),
            Rule("monitored", "true", rag: null, monitor: true, appliesTo: new RuleSelector([], [], [Polarity.Monitor], [])),
        ], TestMeasures.Standard);

        var item = Assert.Single(new RuleEvaluator(config, rules).Evaluate(table, new Period(2017, 1), ["a"]));

        Assert.Equal("monitored", item.Rule);
        Assert.Null(item.Rag);
        Assert.True(item.Monitor);
    }

    [Fact]
    public void A_comparison_with_a_missing_measure_does_not_fire()
    {
        var (config, table) = Data(Polarity.LowerIsBetter, Rising);
        var rules = CompiledRuleSet.Compile([Rule("off-target", "ytd > ytdTarget"), Rule("not-below", "!(changePct < 0)")], TestMeasures.Standard);

        // No target is set, so ytdTarget is null; December 2015 has no previous year, so changePct is
        // null and the comparison inside the negation is false.
        var items = new RuleEvaluator(config, rules).Evaluate(table, new Period(2015, 12), ["a"]);

        Assert.DoesNotContain(items, i => i.Rule == "off-target");
        Assert.Single(items, i => i.Rule == "not-below");
    }

    [Fact]
    public void A_backtest_counts_how_often_each_rule_fired_in_each_month()
    {
        var (config, table) = Data(Polarity.LowerIsBetter, Rising);
        var rules = CompiledRuleSet.Compile([Rule("up", "changePct > 0"), Rule("down", "changePct < 0")], TestMeasures.Standard);

        var counts = new RuleEvaluator(config, rules).CountFirings(table, new Period(2016, 12), new Period(2017, 4), ["a"]);

        Assert.Equal(new[,] { { 0, 0 }, { 1, 0 }, { 1, 0 }, { 1, 0 }, { 1, 0 } }, counts);
    }
}

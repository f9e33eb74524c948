using System.Text.Json;
using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Evaluation;
using CspAlerts.Model;
using CspAlerts.Output;
using CspAlerts.Rules;

namespace CspAlerts.Core.Tests.Evaluation;

/// <summary>
/// Division of fractional figures by zero gives an infinity or NaN rather than an error. Neither may
/// reach the JSON as a number, nor a message as a symbol: both read as a missing figure.
/// </summary>
public class NonFiniteFiguresTests
{
    private static readonly SourceLocation Here = new("t", 1, 1);

    private static readonly Period September2014 = new(2014, 9);

    private static readonly Indicator Burglary = new("burglary", "Burglary", "crime", [], Polarity.LowerIsBetter, IndicatorUnit.Count, "lead", [], IndicatorSources.None, Here);

    /// <summary>A fact whose value is infinite, whose change % and London figures are NaN and whose SPC limits are infinite.</summary>
    private static Fact Fact() => new(
        "burglary", "haringey", September2014, double.PositiveInfinity, 0, double.PositiveInfinity, double.NaN, null, double.NaN, double.NegativeInfinity, null, null, null, null,
        new Dictionary<string, PeerPosition> { ["met"] = new(32, 29, 4, null, null, 29, 4, PeerPosition.ByChange) },
        new SpcResult(double.NaN, double.PositiveInfinity, double.NegativeInfinity, "none", "common-cause"),
        double.PositiveInfinity);

    private static JsonElement Write(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    [Fact]
    public void A_condition_on_a_figure_divided_by_zero_compares_an_infinity_and_its_message_reads_the_figure_as_missing()
    {
        var rules = CompiledRuleSet.Compile(
            [new RuleDefinition("ratio", "ratio", RuleSelector.Default, "value / previous > 1000", Rag.Red, false, true, "{value:F1} is[ {changePct:F1}% up and] far above {previous}", 1, Here, Here)],
            TestMeasures.Standard);
        var fact = new RuleFact(Fact(), Burglary, TestMeasures.Standard);
        var rule = Assert.Single(rules.Rules);

        Assert.True(rule.Holds(fact));
        Assert.Equal("n/a is far above 0", rule.Message.Render(fact, new MessageContext("ratio", "burglary", "Burglary", "haringey", "Haringey", September2014)));
    }

    [Fact]
    public void Figures_that_are_not_finite_are_written_as_null_in_the_exceptions_json()
    {
        var firing = new RuleFiring("ratio", "burglary", "haringey", September2014, Rag.Red, false, true, "n/a", Fact());

        var json = Write(s => JsonReport.WriteExceptions(s, September2014, [], [firing], [], TestMeasures.Standard));

        var facts = json.GetProperty("exceptions")[0].GetProperty("facts");
        foreach (var name in new[] { "value", "change", "changePct", "londonChangePct", "londonValue" })
        {
            Assert.Equal(JsonValueKind.Null, facts.GetProperty(name).ValueKind);
        }

        Assert.Equal(0, facts.GetProperty("previous").GetDouble());
        var spc = facts.GetProperty("spc");
        Assert.All(["mean", "upperLimit", "lowerLimit"], name => Assert.Equal(JsonValueKind.Null, spc.GetProperty(name).ValueKind));
    }

    [Fact]
    public void Figures_that_are_not_finite_are_written_as_null_in_the_measures_json()
    {
        var json = Write(s => JsonReport.WriteMeasures(s, September2014, "haringey", [Fact()], TestMeasures.Standard));

        var facts = json.GetProperty("facts")[0];
        Assert.Equal(JsonValueKind.Null, facts.GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Null, facts.GetProperty("changePct").ValueKind);
        Assert.Equal(JsonValueKind.Null, facts.GetProperty("spc").GetProperty("upperLimit").ValueKind);
        Assert.Equal(29, facts.GetProperty("peers").GetProperty("met").GetProperty("rank").GetInt32());
    }
}

using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Model;
using CspAlerts.Rules;

namespace CspAlerts.Core.Tests.Rules;

public class MessageTemplateTests
{
    private static readonly MessageContext Context = new("r", "burglary", "Burglary", "haringey", "Haringey", new Period(2014, 9));

    private static RuleFact Fact(double? changePct = null, double? londonChangePct = null, double? value = null)
    {
        var indicator = new Indicator("burglary", "Burglary", "crime", [], Polarity.LowerIsBetter, IndicatorUnit.Count, "lead", [], IndicatorSources.None, new SourceLocation("t", 1, 1));
        var fact = new Fact("burglary", "haringey", new Period(2014, 9), value, null, null, changePct, null, londonChangePct, null, null, null, null, null, new Dictionary<string, PeerPosition>(), null, null);
        return new RuleFact(fact, indicator, TestMeasures.Standard);
    }

    private static string Render(string template, RuleFact fact) =>
        MessageTemplate.TryParse(template, TestMeasures.Standard, out var error)?.Render(fact, Context) ?? throw new InvalidOperationException(error);

    [Theory]
    [InlineData("{indicatorName} in {areaName} at {period}", "Burglary in Haringey at September 2014")]
    [InlineData("{changePct:+0.0;-0.0}% against {londonChangePct:+0.0;-0.0}%", "+15.5% against -2.0%")]
    [InlineData("{CHANGEPCT}", "15.46")]
    [InlineData("{value}", "n/a")]
    [InlineData("up[ to {value}]; London[ {londonChangePct:+0.0;-0.0}%]", "up; London -2.0%")]
    [InlineData("{{braces}} and [[brackets]]", "{braces} and [brackets]")]
    public void A_template_renders_figures_and_drops_a_section_whose_figure_is_missing(string template, string expected) =>
        Assert.Equal(expected, Render(template, Fact(changePct: 15.4567, londonChangePct: -2)));

    [Theory]
    [InlineData("{nope}", "unknown placeholder '{nope}' in the message")]
    [InlineData("up {value", "unclosed '{' at position 4 of the message")]
    [InlineData("up }", "unmatched '}' at position 4 of the message")]
    [InlineData("up [{value}", "unclosed '[' at position 4 of the message")]
    [InlineData("up ]", "unmatched ']' at position 4 of the message")]
    [InlineData("[a [b] c]", "'[' at position 4 of the message opens a section inside another")]
    public void A_bad_template_is_refused_with_what_is_wrong(string template, string expected)
    {
        Assert.Null(MessageTemplate.TryParse(template, TestMeasures.Standard, out var error));
        Assert.Equal(expected, error);
    }
}

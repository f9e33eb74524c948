using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Model;
using CspAlerts.Rules;

namespace CspAlerts.Core.Tests.Rules;

public class MessageTemplateTests
{
    private static readonly MessageContext Context = new("r", "burglary", "Burglary", "haringey", "Haringey", new Period(2014, 9));

    private static RuleFact Fact(double? changePct = null, double? londonChangePct = null, double? value = null, int history = 0)
    {
        var indicator = new Indicator("burglary", "Burglary", "crime", [], Polarity.LowerIsBetter, IndicatorUnit.Count, "lead", [], IndicatorSources.None, new SourceLocation("t", 1, 1));
        var fact = new Fact("burglary", "haringey", new Period(2014, 9), value, null, null, changePct, null, londonChangePct, null, null, null, null, null, new Dictionary<string, PeerPosition>(), null, null)
        {
            History = history,
        };
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

    // ---- Formats: an allowlist by the measure's kind, with bounded precision and length ----

    [Theory]
    [InlineData("{value:F2}", "1234.57")]
    [InlineData("{value:n1}", "1,234.6")]
    [InlineData("{value:E2}", "1.23E+003")]
    [InlineData("{value:G10}", "1234.5678")]
    [InlineData("{value:#,0.##' pts'}", "1,234.57 pts")]
    [InlineData("{value:+0.0;-0.0;\"nil\"}", "+1234.6")]
    [InlineData("{history:D3}", "007")]
    [InlineData("{history:N0}", "7")]
    [InlineData("{value:}", "1234.57")]
    public void An_allowed_format_renders_the_figure(string template, string expected) =>
        Assert.Equal(expected, Render(template, Fact(value: 1234.5678, history: 7)));

    [Theory]
    [InlineData("{value:D}", "the format D of '{value}' is for whole numbers, but value may be fractional: use F0 or N0")]
    [InlineData("{changePct:d2}", "the format d2 of '{changePct}' is for whole numbers, but changePct may be fractional: use F0 or N0")]
    [InlineData("{metRank:D999999999}", "the format D999999999 of '{metRank}' asks for a precision of 999,999,999; the limit is 10")]
    [InlineData("{value:F11}", "the format F11 of '{value}' asks for a precision of 11; the limit is 10")]
    [InlineData("{value:F99999999999999999999}", "the format F99999999999999999999 of '{value}' asks for a precision of more than 999,999,999; the limit is 10")]
    [InlineData("{value:C2}", "the format C2 of '{value}' is not allowed: use F, N, P, E or G with a precision of at most 10, or a custom format such as #,0.0")]
    [InlineData("{value:R}", "the format R of '{value}' is not allowed: use F, N, P, E or G with a precision of at most 10, or a custom format such as #,0.0")]
    [InlineData("{metRank:X8}", "the format X8 of '{metRank}' is not allowed: use D, F, N, P, E or G with a precision of at most 10, or a custom format such as #,0.0")]
    [InlineData("{value:0000000000000000000000000000000}", "the format of '{value}' is 31 characters long; the limit is 30")]
    [InlineData("{value:0.0x}", "the format 0.0x of '{value}' uses 'x', which a number format does not: it may have only 0 # . , % ‰ E e + - ; spaces and text in quotes")]
    [InlineData("{value:\\0}", "the format \\0 of '{value}' uses '\\', which a number format does not: it may have only 0 # . , % ‰ E e + - ; spaces and text in quotes")]
    [InlineData("{value:0.0 'pts}", "the format 0.0 'pts of '{value}' opens a quote that is not closed")]
    [InlineData("{spcSignal:0.0}", "the format 0.0 cannot apply to '{spcSignal}', which is text")]
    [InlineData("{period:F2}", "the format F2 cannot apply to '{period}', which is text")]
    public void A_format_that_could_throw_or_run_away_is_refused_when_the_template_is_parsed(string template, string expected)
    {
        Assert.Null(MessageTemplate.TryParse(template, TestMeasures.Standard, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void A_host_may_raise_the_precision_limit()
    {
        var limits = RuleLimits.Default with { MaxFormatPrecision = 15 };

        var template = MessageTemplate.TryParse("{value:F15}", TestMeasures.Standard, limits, out var error);

        Assert.Null(error);
        Assert.Equal("0.500000000000000", template!.Render(Fact(value: 0.5), Context));
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    public void A_figure_that_is_not_a_finite_number_reads_as_missing(double value)
    {
        Assert.Equal("n/a", Render("{value:F1}", Fact(value: value)));
        Assert.Equal("up", Render("up[ to {value}]", Fact(value: value)));
    }
}

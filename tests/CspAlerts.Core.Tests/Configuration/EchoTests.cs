using CspAlerts.Diagnostics;

namespace CspAlerts.Core.Tests.Configuration;

/// <summary><see cref="Echo"/>: input repeated in an error is short, on one line, and inert in a terminal.</summary>
public class EchoTests
{
    [Theory]
    [InlineData("burglary", "burglary")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("red\u001b[31m", @"red\u001b[31m")]
    [InlineData("a\tb\r\nc", @"a\tb\r\nc")]
    [InlineData("\u202eeulb\u2066x\u2069", @"\u202eeulb\u2066x\u2069")]
    [InlineData("zero\u200bwidth\u2028line", @"zero\u200bwidth\u2028line")]
    [InlineData("bell\u0007del\u007fc1\u009b", @"bell\u0007del\u007fc1\u009b")]
    [InlineData("Barking & Dagenham, £ and ２０１６", "Barking & Dagenham, £ and ２０１６")]
    public void Control_and_format_characters_are_written_as_visible_escapes(string? text, string expected)
    {
        Assert.Equal(expected, Echo.Of(text));
    }

    [Fact]
    public void A_lone_surrogate_is_written_as_an_escape()
    {
        // Not inline data: the test runner would not carry a lone surrogate through intact.
        Assert.Equal(@"lone \ud800 and \udc00", Echo.Of("lone \ud800 and \udc00"));
    }

    [Fact]
    public void Text_longer_than_the_limit_is_cut_and_ends_with_an_ellipsis()
    {
        var echoed = Echo.Of(new string('x', 1_000_000));

        Assert.Equal(new string('x', 79) + "…", echoed);
    }

    [Fact]
    public void Text_exactly_as_long_as_the_limit_is_kept_whole()
    {
        Assert.Equal("abcde", Echo.Of("abcde", 5));
        Assert.Equal("abcd…", Echo.Of("abcdef", 5));
    }

    [Fact]
    public void Escapes_count_towards_the_limit_and_are_never_cut_in_two()
    {
        Assert.Equal(@"ab\u001b…", Echo.Of("ab\u001b\u001b\u001b", 10));
        Assert.Equal("ab…", Echo.Of("ab\u001bcd", 7));
    }

    [Fact]
    public void A_surrogate_pair_is_never_cut_in_two()
    {
        Assert.Equal("ab…", Echo.Of("ab\U0001F600cd", 4));
        Assert.Equal("ab\U0001F600…", Echo.Of("ab\U0001F600cd", 5));
    }

    [Fact]
    public void The_limit_must_leave_room_for_a_character()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Echo.Of("x", 0));
    }
}

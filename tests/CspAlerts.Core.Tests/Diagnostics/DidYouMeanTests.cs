using CspAlerts.Diagnostics;

namespace CspAlerts.Core.Tests.Diagnostics;

public class DidYouMeanTests
{
    [Theory]
    [InlineData("changePtc", "changePct")]
    [InlineData("mesage", "message")]
    [InlineData("CHANGEPCT", "changePct")]
    [InlineData("theft-of-motor-vehicel", "theft-of-motor-vehicle")]
    public void A_likely_typo_is_matched_to_the_known_name(string typed, string expected) =>
        Assert.Equal(expected, DidYouMean.Closest(typed, ["changePct", "message", "theft-of-motor-vehicle", "value"]));

    [Fact]
    public void A_name_like_nothing_known_gets_no_suggestion() =>
        Assert.Equal(string.Empty, DidYouMean.Hint("narnia", ["changePct", "message"]));
}

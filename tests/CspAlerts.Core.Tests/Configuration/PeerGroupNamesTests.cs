using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Configuration;

/// <summary>How peer group ids become the start of measure names, as the configuration loader checks them.</summary>
public class PeerGroupNamesTests
{
    [Theory]
    [InlineData("msg", "msg")]
    [InlineData("met", "met")]
    [InlineData("most-similar", "mostSimilar")]
    [InlineData("most-similar-group", "mostSimilarGroup")]
    [InlineData("msg-2", "msg2")]
    [InlineData("msg2", "msg2")]
    [InlineData("a-1b", "a1b")]
    public void The_prefix_is_the_id_in_camel_case(string id, string prefix)
    {
        Assert.True(PeerGroupNames.IsValidId(id));
        Assert.Equal(prefix, PeerGroupNames.MeasurePrefix(id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2020-msg")]
    [InlineData("-msg")]
    [InlineData("msg-")]
    [InlineData("most--similar")]
    [InlineData("Msg")]
    [InlineData("most_similar")]
    [InlineData("msg group")]
    public void An_id_that_cannot_begin_a_measure_name_has_no_prefix(string id)
    {
        Assert.False(PeerGroupNames.IsValidId(id));
        Assert.Throws<ArgumentException>(() => PeerGroupNames.MeasurePrefix(id));
    }

    [Fact]
    public void Every_peer_group_of_a_valid_configuration_has_a_prefix()
    {
        var configuration = CspAlerts.Configuration.ConfigurationLoader.Load(ConfigFixtures.Folder("valid"));

        Assert.Equal(["met", "msg", "empty"], configuration.PeerGroups.Select(g => PeerGroupNames.MeasurePrefix(g.Id)));
    }
}

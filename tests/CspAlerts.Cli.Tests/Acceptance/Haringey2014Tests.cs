using System.Text.Json;

namespace CspAlerts.Cli.Tests.Acceptance;

/// <summary>
/// The 11 December 2014 Haringey CSP Board performance report: October 2013 – September 2014
/// against the year before, computed from the real MPS file in seeds/.
/// </summary>
public class Haringey2014Tests(SeedData seed) : IClassFixture<SeedData>
{
    private JsonElement Fact(string indicator) => SeedData.Fact(seed.HaringeyMeasures, indicator);

    [Fact]
    public void Residential_burglary_up_15_5_percent_is_the_worst_change_of_32()
    {
        var fact = Fact("residential-burglary");
        Assert.Equal(1961, fact.GetProperty("previous").GetDouble());
        Assert.Equal(2264, fact.GetProperty("value").GetDouble());
        Assert.Equal(15.5, Math.Round(fact.GetProperty("changePct").GetDouble(), 1));
        var met = fact.GetProperty("peers").GetProperty("met");
        Assert.Equal(32, met.GetProperty("changeRank").GetInt32());
        Assert.Equal(32, met.GetProperty("size").GetInt32());
    }

    [Theory]
    [InlineData("residential-burglary")]
    [InlineData("personal-robbery")]
    public void The_worst_changes_in_London_fire_worst_quartile_change_met(string indicator)
    {
        var item = Assert.Single(SeedData.Items(seed.HaringeyExceptions, "worst-quartile-change-met", indicator));
        Assert.Equal(32, item.GetProperty("facts").GetProperty("peers").GetProperty("met").GetProperty("changeRank").GetInt32());
        Assert.Equal("red", item.GetProperty("rag").GetString());
    }

    [Fact]
    public void Rape_up_52_5_percent_against_Londons_29_9_is_monitored_without_a_RAG_rating()
    {
        var fact = Fact("rape");
        Assert.Equal(120, fact.GetProperty("previous").GetDouble());
        Assert.Equal(183, fact.GetProperty("value").GetDouble());
        Assert.Equal(52.5, Math.Round(fact.GetProperty("changePct").GetDouble(), 1));
        Assert.Equal(29.9, Math.Round(fact.GetProperty("londonChangePct").GetDouble(), 1));

        var items = seed.HaringeyExceptions.GetProperty("exceptions").EnumerateArray()
            .Where(e => e.GetProperty("indicator").GetString() == "rape").ToList();
        var item = Assert.Single(items);
        Assert.Equal("monitor-only", item.GetProperty("rule").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("rag").ValueKind);
    }
}

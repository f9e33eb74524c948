using System.Text.Json;

namespace CspAlerts.Cli.Tests.Acceptance;

/// <summary>
/// The 1 March 2017 Barking and Dagenham "Performance Call Over": rolling twelve months to December
/// 2016, computed from the real MPS and LFB files in seeds/. Expected figures are the report's, as
/// the published data reproduces them (see seeds/README.md).
/// </summary>
public class BarkingAndDagenham2016Tests(SeedData seed) : IClassFixture<SeedData>
{
    private JsonElement Fact(string indicator) => SeedData.Fact(seed.BarkingMeasures, indicator);

    [Theory]
    [InlineData("burglary", 1632, 1294)]
    [InlineData("robbery", 573, 552)]
    [InlineData("theft-from-motor-vehicle", 949, 1052)]
    [InlineData("theft-from-person", 299, 350)]
    [InlineData("theft-of-motor-vehicle", 694, 884)]
    public void Rolling_twelve_month_totals_match_the_report(string indicator, double previous, double value)
    {
        var fact = Fact(indicator);
        Assert.Equal(previous, fact.GetProperty("previous").GetDouble());
        Assert.Equal(value, fact.GetProperty("value").GetDouble());
        Assert.Equal(value - previous, fact.GetProperty("change").GetDouble());
    }

    [Theory]
    [InlineData("burglary", -20.7)]
    [InlineData("robbery", -3.7)]
    [InlineData("theft-from-motor-vehicle", 10.9)]
    [InlineData("theft-from-person", 17.1)]
    public void Percentage_changes_match_the_report(string indicator, double changePct) =>
        Assert.Equal(changePct, Math.Round(Fact(indicator).GetProperty("changePct").GetDouble(), 1));

    [Theory]
    [InlineData("burglary", 5)]
    [InlineData("robbery", 19)]
    [InlineData("theft-from-person", 12)]
    [InlineData("total-notifiable-offences", 21)]
    public void Met_rate_ranks_match_the_reports_MET_column(string indicator, int rank)
    {
        var met = Fact(indicator).GetProperty("peers").GetProperty("met");
        Assert.Equal(32, met.GetProperty("size").GetInt32());
        Assert.Equal(rank, met.GetProperty("rateRank").GetInt32());
        Assert.Equal(rank, met.GetProperty("rank").GetInt32());
    }

    [Theory]
    [InlineData("violence-with-injury")]
    [InlineData("criminal-damage")]
    [InlineData("theft-of-motor-vehicle")]
    public void Bottom_quartile_met_fires_for_the_reports_worst_ranked_crimes(string indicator)
    {
        var item = Assert.Single(SeedData.Items(seed.BarkingExceptions, "bottom-quartile-met", indicator));
        Assert.Equal("red", item.GetProperty("rag").GetString());
        Assert.True(item.GetProperty("escalate").GetBoolean());
        Assert.Equal(4, item.GetProperty("facts").GetProperty("peers").GetProperty("met").GetProperty("quartile").GetInt32());
    }

    [Theory]
    [InlineData("burglary")]
    [InlineData("robbery")]
    [InlineData("theft-from-person")]
    [InlineData("theft-from-motor-vehicle")]
    public void Bottom_quartile_met_does_not_fire_for_crimes_ranked_above_the_bottom_quartile(string indicator) =>
        Assert.False(SeedData.Fires(seed.BarkingExceptions, "bottom-quartile-met", indicator));

    [Fact]
    public void Good_performance_fires_for_burglary()
    {
        var item = Assert.Single(SeedData.Items(seed.BarkingExceptions, "good-performance", "burglary"));
        Assert.Equal("green", item.GetProperty("rag").GetString());
    }

    [Fact]
    public void Deliberate_fires_year_to_date_165_against_a_target_of_127_is_off_target()
    {
        var fact = Fact("deliberate-fires");
        Assert.Equal(165, fact.GetProperty("ytd").GetDouble());
        Assert.Equal(127, fact.GetProperty("ytdTarget").GetDouble());
        var item = Assert.Single(SeedData.Items(seed.BarkingExceptions, "ytd-off-target", "deliberate-fires"));
        Assert.Equal("red", item.GetProperty("rag").GetString());
    }

    [Fact]
    public void Sexual_offences_are_monitored_and_never_RAG_rated()
    {
        var items = seed.BarkingExceptions.GetProperty("exceptions").EnumerateArray()
            .Where(e => e.GetProperty("indicator").GetString() == "sexual-offences")
            .ToList();
        var item = Assert.Single(items);
        Assert.Equal("monitor-only", item.GetProperty("rule").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("rag").ValueKind);
    }

    [Fact]
    public void Theft_of_a_motor_vehicle_matches_the_contract_example()
    {
        var fact = Fact("theft-of-motor-vehicle");
        Assert.Equal(27.377, fact.GetProperty("changePct").GetDouble(), 0.001);
        Assert.Equal(4.246, fact.GetProperty("rate").GetDouble(), 0.001);
        Assert.Equal(674, fact.GetProperty("ytd").GetDouble());
        Assert.Equal(JsonValueKind.Null, fact.GetProperty("ytdTarget").ValueKind);
        Assert.Equal(20.99, fact.GetProperty("londonChangePct").GetDouble(), 0.01);
        var met = fact.GetProperty("peers").GetProperty("met");
        Assert.Equal(20, met.GetProperty("changeRank").GetInt32());
        Assert.Equal(3, met.GetProperty("changeQuartile").GetInt32());
        Assert.Equal(29, met.GetProperty("rateRank").GetInt32());
        Assert.Equal(4, met.GetProperty("rateQuartile").GetInt32());
        Assert.Equal(29, met.GetProperty("rank").GetInt32());
        Assert.Equal(4, met.GetProperty("quartile").GetInt32());
        Assert.Equal(JsonValueKind.Object, fact.GetProperty("spc").ValueKind);
    }

    [Fact]
    public void Theft_of_a_motor_vehicle_694_to_884_is_no_chance_change_and_far_above_Londons_rate()
    {
        // Expected values computed independently in Python: the exact binomial sum with integers for
        // changeP, and (884 − E) / √E with E = London's rate × 208,182 people / 1,000 for londonRateZ.
        var fact = Fact("theft-of-motor-vehicle");
        Assert.Equal(1.9046362862698034e-06, fact.GetProperty("changeP").GetDouble(), 1e-14);
        var (rate, london) = (fact.GetProperty("rate").GetDouble(), fact.GetProperty("londonRate").GetDouble());
        Assert.Equal((rate - london) / Math.Sqrt(1000 * london / 208182), fact.GetProperty("londonRateZ").GetDouble(), 9);
        Assert.Equal(11.29, fact.GetProperty("londonRateZ").GetDouble(), 0.005);
        Assert.True(SeedData.Fires(seed.BarkingExceptions, "significant-deterioration", "theft-of-motor-vehicle"));
    }

    [Fact]
    public void Deliberate_fires_199_to_221_is_up_11_percent_but_could_be_chance_so_not_a_significant_deterioration()
    {
        // p = 0.3055, computed independently in Python with exact integers.
        var fact = Fact("deliberate-fires");
        Assert.Equal(11.06, fact.GetProperty("changePct").GetDouble(), 0.01);
        Assert.Equal(0.30550258057476753, fact.GetProperty("changeP").GetDouble(), 1e-9);
        Assert.False(SeedData.Fires(seed.BarkingExceptions, "significant-deterioration", "deliberate-fires"));
    }

    [Fact]
    public void MSG_ranks_supplied_by_the_partnership_are_the_MSG_benchmark()
    {
        var msg = Fact("burglary").GetProperty("peers").GetProperty("msg");
        Assert.Equal(3, msg.GetProperty("rank").GetInt32());
        Assert.Equal(15, msg.GetProperty("size").GetInt32());
        Assert.True(SeedData.Fires(seed.BarkingExceptions, "bottom-quartile-msg", "theft-of-motor-vehicle"));
        Assert.False(SeedData.Fires(seed.BarkingExceptions, "bottom-quartile-msg", "burglary"));
    }

    [Fact]
    public void Reoffending_below_the_London_average_is_not_an_exception()
    {
        var fact = Fact("proven-reoffending");
        Assert.Equal(25.1, fact.GetProperty("value").GetDouble());
        Assert.Equal(25.7, fact.GetProperty("londonValue").GetDouble());
        Assert.False(SeedData.Fires(seed.BarkingExceptions, "worse-than-london", "proven-reoffending"));
    }

    [Fact]
    public void DRR_completions_behind_the_pro_rata_target_are_off_target_and_ATR_is_on_track()
    {
        Assert.True(SeedData.Fires(seed.BarkingExceptions, "ytd-off-target", "drr-completions"));  // 14 against 18
        Assert.False(SeedData.Fires(seed.BarkingExceptions, "ytd-off-target", "atr-starts"));      // 31 against 27
        Assert.False(SeedData.Fires(seed.BarkingExceptions, "ytd-off-target", "atr-completions")); // 21 against 18
    }
}

using System.Text.Json;
using CspAlerts.Cli.Tests.Support;

namespace CspAlerts.Cli.Tests.Acceptance;

/// <summary>
/// The Charnwood configuration on the 24 real Leicestershire Police months in seeds-charnwood, as an
/// analyst runs it: the partnership's area by default, October 2022 (the latest month). Expected
/// figures were counted independently from the published CSVs (see PoliceUkStreetFormatTests in
/// the core tests for how).
/// </summary>
public sealed class Charnwood2022Tests
{
    private static readonly Lazy<CliResult> Evaluated = new(() =>
        CliRun.Run("evaluate", "--rules", Path.Combine(CliRun.RepoRoot, "configs", "charnwood"), "--data", Path.Combine(CliRun.RepoRoot, "seeds-charnwood"), "--format", "json"));

    private static IEnumerable<JsonElement> Exceptions => Evaluated.Value.Json.GetProperty("exceptions").EnumerateArray();

    [Fact]
    public void Evaluate_defaults_to_the_partnership_and_the_latest_month()
    {
        Assert.Equal(0, Evaluated.Value.ExitCode);
        Assert.Equal("2022-10", Evaluated.Value.Json.GetProperty("period").GetString());
        Assert.All(Exceptions, e => Assert.Equal("charnwood", e.GetProperty("area").GetString()));
    }

    [Fact]
    public void Anti_social_behaviour_is_worse_than_the_force_average()
    {
        // Charnwood 1,835 against 1,714 (+7.1%), 9.93 per 1,000; the force 10,009 against 10,434 (-4.1%), 8.81 per 1,000.
        var fired = Exceptions.Single(e => e.GetProperty("rule").GetString() == "worse-than-force" && e.GetProperty("indicator").GetString() == "anti-social-behaviour");
        var facts = fired.GetProperty("facts");

        Assert.Equal(1835, facts.GetProperty("value").GetDouble());
        Assert.Equal(-4.07, Math.Round(facts.GetProperty("forceChangePct").GetDouble(), 2));
        Assert.Equal(8.81, Math.Round(facts.GetProperty("forceRate").GetDouble(), 2));
        Assert.Equal(8, facts.GetProperty("peers").GetProperty("force").GetProperty("rank").GetInt32());
    }

    [Fact]
    public void Rows_counted_in_no_area_are_said_in_the_warnings()
    {
        var warnings = Evaluated.Value.Json.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("message").GetString()!).ToList();

        Assert.Contains(warnings, w => w.StartsWith("police.uk Leicestershire Police, November 2020 to October 2022 (210,767 rows): 3,575 rows (1.7%) have no location or LSOA", StringComparison.Ordinal));
    }
}

using System.Text.Json;
using CspAlerts.Cli.Tests.Support;

namespace CspAlerts.Cli.Tests.Acceptance;

/// <summary>
/// A figure that could mislead is said out loud: the basis of each rank, too little history, a
/// missing population, and one overall rating per item. On the real MPS, LFB and partner files.
/// </summary>
public class HonestFiguresTests
{
    private const string FullMps = "tests/CspAlerts.Benchmarks/data/mps_borough_crime_historical_201004-202201_oldcats.csv";

    private static IEnumerable<JsonElement> Facts(CliResult result) =>
        result.Json.GetProperty("exceptions").EnumerateArray().Select(e => e.GetProperty("facts"));

    [Fact]
    public void With_the_full_MPS_file_to_January_2022_ranks_are_by_rate_and_no_population_is_missing()
    {
        var result = CliRun.Run("evaluate", "--data", FullMps, "--area", "barking-and-dagenham", "--period", "2022-01", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Json.GetProperty("warnings").EnumerateArray());
        var met = Facts(result).Select(f => f.GetProperty("peers").GetProperty("met")).ToList();
        Assert.NotEmpty(met);
        Assert.All(met, m => Assert.Equal("rate", m.GetProperty("rankBasis").GetString()));
        Assert.All(Facts(result), f => Assert.Equal(JsonValueKind.Number, f.GetProperty("rate").ValueKind));
    }

    [Fact]
    public void A_missing_population_is_a_warning_naming_area_and_year_and_the_rank_says_it_is_by_change()
    {
        var rules = RulesCopy.Without("rules/areas.yaml", "      2016: 208182");

        var result = CliRun.Run("evaluate", "--data", "seeds", "--rules", rules, "--area", "barking-and-dagenham", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var warning = Assert.Single(result.Json.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("kind").GetString() == "missing-population");
        Assert.StartsWith("missing population: no population for 2016 for Barking and Dagenham;", warning.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("warning: missing population: no population for 2016 for Barking and Dagenham;", result.Stderr, StringComparison.Ordinal);
        var met = Facts(result).Select(f => f.GetProperty("peers")).Where(p => p.TryGetProperty("met", out _)).Select(p => p.GetProperty("met")).ToList();
        Assert.NotEmpty(met);
        Assert.All(met, m => Assert.Equal("change", m.GetProperty("rankBasis").GetString()));
    }

    [Fact]
    public void A_month_with_too_little_history_is_reported_and_the_table_says_so()
    {
        var json = CliRun.Run("evaluate", "--data", "seeds", "--area", "haringey", "--period", "2012-10", "--format", "json");
        var table = CliRun.Run("evaluate", "--data", "seeds", "--area", "haringey", "--period", "2012-10");

        Assert.Single(json.Json.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("kind").GetString() == "insufficient-history");
        Assert.Contains("warning: insufficient history: the data starts in October 2012, so October 2012 has 1 month(s) behind it;", table.Stderr, StringComparison.Ordinal);
        Assert.Contains("insufficient history", table.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("n/a", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_has_one_overall_rating_and_a_green_rule_does_not_fire_on_a_red_item()
    {
        var result = CliRun.Run("evaluate", "--data", "seeds", "--area", "haringey", "--period", "2014-09", "--format", "json");

        var item = Assert.Single(result.Json.GetProperty("items").EnumerateArray(), i => i.GetProperty("indicator").GetString() == "theft-from-person");
        Assert.Equal("red", item.GetProperty("rag").GetString());
        var rules = item.GetProperty("rules").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.DoesNotContain("good-performance", rules);
        Assert.DoesNotContain(result.Json.GetProperty("exceptions").EnumerateArray(), e =>
            e.GetProperty("indicator").GetString() == "theft-from-person" && e.GetProperty("rule").GetString() == "good-performance");
    }

    [Fact]
    public void The_table_shows_one_row_per_item_with_names_and_the_basis_of_each_rank()
    {
        var result = CliRun.Run("evaluate", "--data", "seeds", "--area", "barking-and-dagenham");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Exceptions for Barking and Dagenham, December 2016:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Theft of motor vehicle", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("theft-of-motor-vehicle", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("31 of 32 Metropolitan Police Service", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("boroughs (rate rank)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Monitored, not RAG rated", result.Stdout, StringComparison.Ordinal);
        // One row per item: the indicator name starts a row once, however many rules fired on it.
        Assert.Single(result.Stdout.Split('\n'), l => l.StartsWith("  Criminal damage ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rate_can_be_compared_with_Londons_rate()
    {
        var rules = RulesCopy.With("extra.yaml", """
            rules:
              - id: rate-worse-than-london
                description: The rate per 1,000 is worse than London's.
                when: Worse(rate, londonRate)
                rag: amber
                message: "{indicatorName}: {rate:0.00} per 1,000 against London's {londonRate:0.00}"
            """);

        var result = CliRun.Run("evaluate", "--data", "seeds", "--rules", rules, "--area", "barking-and-dagenham", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var fired = result.Json.GetProperty("exceptions").EnumerateArray().Where(e => e.GetProperty("rule").GetString() == "rate-worse-than-london").ToList();
        Assert.NotEmpty(fired);
        Assert.All(fired, e => Assert.True(e.GetProperty("facts").GetProperty("rate").GetDouble() > e.GetProperty("facts").GetProperty("londonRate").GetDouble()));
    }

    [Fact]
    public void A_configured_peer_group_gets_its_own_measures_and_canonical_columns()
    {
        var rules = RulesCopy.With("cipfa.yaml", """
            peerGroups:
              - id: cipfa-neighbours
                name: CIPFA nearest neighbours
                perArea: {}
            """);
        var data = Path.Combine("tests/CspAlerts.Cli.Tests/bin/work", $"cipfa-{Guid.NewGuid():N}.csv");
        File.WriteAllText(Path.Combine(CliRun.RepoRoot, data), "indicator,area,period,value,cipfa_neighbours_rank,cipfa_neighbours_size\nburglary,barking-and-dagenham,2016-12,,15,16\n");
        var extra = RulesCopy.Add(rules, "cipfa-rule.yaml", """
            rules:
              - id: bottom-quartile-cipfa
                description: Bottom quartile of the CIPFA nearest neighbours.
                when: cipfaNeighboursQuartile == 4
                rag: red
                message: "{indicatorName}: {cipfaNeighboursRank} of {cipfaNeighboursSize} ({cipfaNeighboursRankBasis} rank)"
            """);

        var result = CliRun.Run("evaluate", "--data", "seeds", data, "--rules", extra, "--area", "barking-and-dagenham", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var fired = Assert.Single(result.Json.GetProperty("exceptions").EnumerateArray(), e => e.GetProperty("rule").GetString() == "bottom-quartile-cipfa");
        Assert.Equal("Burglary: 15 of 16 (supplied rank)", fired.GetProperty("message").GetString());
        Assert.Equal(4, fired.GetProperty("facts").GetProperty("peers").GetProperty("cipfa-neighbours").GetProperty("quartile").GetInt32());
    }

    [Theory]
    [InlineData("bottom-quartile-met", "clears at rank 24 of 32 or better (now 29 of 32)")]
    [InlineData("worse-than-london", "clears when the change falls to London's change (+21.0%) or below (now +27.4%)")]
    [InlineData("significant-deterioration", "clears when the change falls below +10.0% (now +27.4%), or when the change's p-value rises to 0.05 or above (now below 0.001)")]
    public void Each_exception_says_what_would_clear_it(string rule, string expected)
    {
        var result = CliRun.Run("evaluate", "--data", "seeds", "--area", "barking-and-dagenham", "--format", "json");

        var fired = Assert.Single(result.Json.GetProperty("exceptions").EnumerateArray(), e =>
            e.GetProperty("indicator").GetString() == "theft-of-motor-vehicle" && e.GetProperty("rule").GetString() == rule);
        Assert.Equal(expected, fired.GetProperty("clears").GetString());
    }

    [Fact]
    public void A_condition_that_fails_for_one_item_is_a_warning_and_the_run_goes_on()
    {
        var rules = RulesCopy.With("ratio.yaml", """
            rules:
              - id: ratio
                description: Divides by the rank less one, which is zero for the best-ranked borough.
                when: 100 / (metRank - 1) > 50
                rag: amber
                message: "{indicatorName}"
            """);

        var result = CliRun.Run("evaluate", "--data", "seeds", "--rules", rules, "--area", "all", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var warnings = result.Json.GetProperty("warnings").EnumerateArray().Where(w => w.GetProperty("kind").GetString() == "rule-error").ToList();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.Matches("^rule 'ratio' could not be evaluated for .+ in .+ at 2016-12: the condition divides by zero$", w.GetProperty("message").GetString()));
        Assert.Contains(result.Json.GetProperty("exceptions").EnumerateArray(), e => e.GetProperty("rule").GetString() == "bottom-quartile-met");
    }

    [Fact]
    public void A_figure_for_London_supplied_in_a_file_is_said_out_loud()
    {
        var data = Path.Combine("tests/CspAlerts.Cli.Tests/bin/work", $"london-{Guid.NewGuid():N}.csv");
        Directory.CreateDirectory(Path.Combine(CliRun.RepoRoot, "tests/CspAlerts.Cli.Tests/bin/work"));
        File.WriteAllText(Path.Combine(CliRun.RepoRoot, data), "indicator,area,period,value\nburglary,London,2016-12,5210\n");

        var result = CliRun.Run("evaluate", "--data", "seeds", data, "--area", "barking-and-dagenham", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.Json.GetProperty("warnings").EnumerateArray(), w =>
            w.GetProperty("kind").GetString() == "supplied-in-place"
            && w.GetProperty("message").GetString()!.Contains("figures for London supplied here replace the London total computed from the Metropolitan Police Service boroughs for every month of burglary", StringComparison.Ordinal));
        Assert.Contains($"warning: {data}:2: figures for London supplied here replace", result.Stderr, StringComparison.Ordinal);
    }
}

using CspAlerts.Cli.Tests.Support;

namespace CspAlerts.Cli.Tests;

/// <summary>'backtest' as an analyst runs it over the seeds: the table, the CSV, the chart, a comparison and bad ranges.</summary>
public class BacktestCommandTests
{
    private static string WorkFile(string name)
    {
        var folder = Path.Combine(CliRun.RepoRoot, "tests/CspAlerts.Cli.Tests/bin/work");
        Directory.CreateDirectory(folder);
        return Path.GetRelativePath(CliRun.RepoRoot, Path.Combine(folder, $"{Guid.NewGuid():N}-{name}")).Replace('\\', '/');
    }

    /// <summary>The CSV as (month, rule) → the remaining columns.</summary>
    private static Dictionary<(string Month, string Rule), string[]> ReadCsv(string relative)
    {
        var lines = File.ReadAllLines(Path.Combine(CliRun.RepoRoot, relative));
        var rows = new Dictionary<(string, string), string[]>();
        foreach (var line in lines.Skip(1))
        {
            // The description is the only quoted field; the figures follow it.
            var first = line.Split(',', 3);
            var rest = first[2];
            var figures = rest.StartsWith('"') ? rest[(rest.LastIndexOf("\",", StringComparison.Ordinal) + 2)..] : rest[(rest.IndexOf(',', StringComparison.Ordinal) + 1)..];
            rows[(first[0], first[1])] = figures.Split(',');
        }

        return rows;
    }

    [Fact]
    public void A_year_of_the_seeds_prints_totals_per_rule_and_year_with_descriptions_and_months_by_name()
    {
        var result = CliRun.Run("backtest", "--data", "seeds", "--from", "2016-01", "--to", "2016-12");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^Backtest of the rules in rules for Barking and Dagenham, January 2016 to December 2016 \(12 months\): [\d,]+ items fired", result.Stdout);
        Assert.Contains("worse-than-london", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Worse than London.", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("All rules", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("December 2016", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("February 2016", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("backtest: to December 2016 done, 12 of 12 months", result.ErrorLines);
    }

    [Fact]
    public void The_csv_counts_of_a_month_are_the_rules_evaluate_fires_that_month()
    {
        var csv = WorkFile("backtest.csv");
        var backtest = CliRun.Run("backtest", "--data", "seeds", "--from", "2016-11", "--to", "2016-12", "--csv", csv);
        var evaluate = CliRun.Run("evaluate", "--data", "seeds", "--period", "2016-12", "--format", "json");

        Assert.Equal(0, backtest.ExitCode);
        Assert.Equal(0, evaluate.ExitCode);
        Assert.Equal("month,rule,description,items", File.ReadLines(Path.Combine(CliRun.RepoRoot, csv)).First());
        var rows = ReadCsv(csv);
        var fired = evaluate.Json.GetProperty("exceptions").EnumerateArray()
            .GroupBy(e => e.GetProperty("rule").GetString()!)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(18, rows.Count); // 2 months × 9 shipped rules
        foreach (var ((month, rule), figures) in rows.Where(r => r.Key.Month == "2016-12"))
        {
            Assert.Equal(fired.GetValueOrDefault(rule).ToString(System.Globalization.CultureInfo.InvariantCulture), figures[0]);
        }

        Assert.Equal("4", rows[("2016-12", "bottom-quartile-msg")][0]);
    }

    [Fact]
    public void The_chart_is_written_as_a_png()
    {
        var chart = WorkFile("backtest.png");
        var result = CliRun.Run("backtest", "--data", "seeds", "--from", "2015-01", "--to", "2016-12", "--chart", chart);

        Assert.Equal(0, result.ExitCode);
        var bytes = File.ReadAllBytes(Path.Combine(CliRun.RepoRoot, chart));
        Assert.True(bytes.Length > 10_000, $"{bytes.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
    }

    [Fact]
    public void Compare_with_a_stricter_rule_shows_the_items_lost_per_rule_and_month()
    {
        // Significant deterioration at 20% rather than 10%: it can only lose items, never gain them.
        var stricter = RulesCopy.Without("rules.yaml", "    when: 'Worsening(changePct) >= 10 && (unit != \"count\" || changeP < 0.05)'");
        var path = Path.Combine(CliRun.RepoRoot, stricter, "rules.yaml");
        var lines = File.ReadAllLines(path).ToList();
        lines.Insert(lines.IndexOf("  - id: significant-deterioration") + 6, "    when: 'Worsening(changePct) >= 20 && (unit != \"count\" || changeP < 0.05)'");
        File.WriteAllLines(path, lines);
        var csv = WorkFile("compare.csv");

        var result = CliRun.Run("backtest", "--data", "seeds", "--from", "2014-01", "--to", "2016-12", "--compare", stricter, "--csv", csv);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Compared with the rules in {stricter}: ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Items gained (+) and lost (-) per rule and year under the compared rules", result.Stdout, StringComparison.Ordinal);
        var rows = ReadCsv(csv);
        var deterioration = rows.Where(r => r.Key.Rule == "significant-deterioration").Select(r => r.Value.Select(int.Parse).ToArray()).ToList();
        Assert.All(deterioration, f => Assert.Equal(0, f[2])); // nothing gained
        Assert.All(deterioration, f => Assert.Equal(f[0] - f[3], f[1])); // compared = items - lost
        Assert.True(deterioration.Sum(f => f[3]) > 0, "the stricter rule lost nothing");

        // Rules that did not change fire on the same items, except where a green rule is now kept or dropped.
        var unchanged = rows.Where(r => r.Key.Rule is "worse-than-london" or "bottom-quartile-met" or "monitor-only").Select(r => r.Value.Select(int.Parse).ToArray());
        Assert.All(unchanged, f => Assert.Equal([f[0], f[0], 0, 0], f));
    }

    [Fact]
    public void A_rule_given_for_three_months_counts_only_where_it_held_three_months_in_a_row()
    {
        var folder = RulesCopy.With("unused.yaml", "tests: []\n");
        File.Delete(Path.Combine(CliRun.RepoRoot, folder, "unused.yaml"));
        var path = Path.Combine(CliRun.RepoRoot, folder, "rules.yaml");
        var lines = File.ReadAllLines(path).ToList();
        lines.Insert(lines.IndexOf("  - id: bottom-quartile-met") + 1, "    for: 3");
        File.WriteAllLines(path, lines);
        var csv = WorkFile("for.csv");

        // The rule held for three months in a row is the base; the shipped rule, which fires at once, is compared.
        var result = CliRun.Run("backtest", "--data", "seeds", "--from", "2014-01", "--to", "2016-12", "--rules", folder, "--compare", "rules", "--csv", csv);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("bottom-quartile-met (for 3)", result.Stdout, StringComparison.Ordinal);
        var met = ReadCsv(csv).Where(r => r.Key.Rule == "bottom-quartile-met").Select(r => r.Value.Select(int.Parse).ToArray()).ToList();
        Assert.All(met, f => Assert.Equal(0, f[3])); // firing at once loses no item that three months in a row fired on
        Assert.All(met, f => Assert.True(f[0] <= f[1]));
        Assert.True(met.Sum(f => f[2]) > 0, "for: 3 fired on every item the plain rule fired on");
    }

    [Fact]
    public void A_range_outside_the_data_is_refused_naming_the_months_the_data_covers()
    {
        var result = CliRun.Run("backtest", "--data", "seeds", "--from", "2030-01", "--to", "2030-12");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: no data from January 2030 to December 2030: the data covers October 2012 to December 2016", result.ErrorLines);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void A_range_partly_outside_the_data_runs_over_the_months_it_has_and_says_so()
    {
        var result = CliRun.Run("backtest", "--data", "seeds", "--from", "2016-06", "--to", "2017-03");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: the data covers October 2012 to December 2016: the backtest runs from June 2016 to December 2016, not June 2016 to March 2017", result.ErrorLines);
        Assert.Contains("June 2016 to December 2016 (7 months)", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2016-13", "2016-12", 2, "error: invalid --from '2016-13': expected YYYY-MM, e.g. 2016-12")]
    [InlineData("2016-12", "2016-01", 1, "error: the backtest range is reversed: --from 2016-12 (December 2016) is after --to 2016-01 (January 2016)")]
    public void A_bad_month_or_a_reversed_range_is_refused(string from, string to, int exitCode, string error)
    {
        var result = CliRun.Run("backtest", "--data", "seeds", "--from", from, "--to", to);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(error, result.ErrorLines);
    }

    [Fact]
    public void Every_area_can_be_backtested_at_once()
    {
        var result = CliRun.Run("backtest", "--data", "seeds", "--from", "2016-12", "--to", "2016-12", "--area", "all");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"for \d+ areas, December 2016 to December 2016 \(1 month\)", result.Stdout);
    }
}

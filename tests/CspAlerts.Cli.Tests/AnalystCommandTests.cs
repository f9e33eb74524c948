using CspAlerts.Cli.Tests.Support;

namespace CspAlerts.Cli.Tests;

/// <summary>The analyst's commands as a user runs them: 'test' over the shipped rule tests, and 'explain'.</summary>
public class AnalystCommandTests
{
    /// <summary>A copy of the shipped rules folder, tests included, with one text replaced in rules.yaml.</summary>
    private static string RulesWith(string from, string to)
    {
        var relative = $"tests/CspAlerts.Cli.Tests/bin/work/rules-{Guid.NewGuid():N}";
        var target = Path.Combine(CliRun.RepoRoot, relative);
        var source = Path.Combine(CliRun.RepoRoot, "rules");
        foreach (var file in Directory.GetFiles(source, "*.yaml", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var rules = Path.Combine(target, "rules.yaml");
        var text = File.ReadAllText(rules);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(rules, text.Replace(from, to, StringComparison.Ordinal));
        return relative;
    }

    [Fact]
    public void Test_prints_one_line_per_case_then_a_summary_and_succeeds_on_the_shipped_rules()
    {
        var result = CliRun.Run("test");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.TrimEntries);
        Assert.StartsWith("Rule tests in rules: ", lines[0], StringComparison.Ordinal);
        Assert.Contains("pass    Theft of motor vehicle in Barking and Dagenham is 29th of 32 by rate, December 2016", lines);
        Assert.Contains(lines, l => l.Contains("Small numbers, 3 to 4 (+33%), are not a significant deterioration", StringComparison.Ordinal));
        Assert.Matches(@"^\d+ cases: \d+ passed, 0 failed(, \d+ pending)?$", lines.Last(l => l.Length > 0));
        Assert.DoesNotContain("warning:", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_fails_when_a_shipped_rule_is_broken_and_shows_expected_actual_and_the_figures_read()
    {
        var rules = RulesWith("when: metQuartile == 4", "when: metQuartile == 3");

        var result = CliRun.Run("test", "--rules", rules);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("  FAIL    Theft of motor vehicle in Barking and Dagenham is 29th of 32 by rate, December 2016", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("          - expected bottom-quartile-met to fire, but it did not", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("          expected: bottom-quartile-met (red, to the PMG)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("          fired:    nothing", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("          bottom-quartile-met read metQuartile 4", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\d+ cases: \d+ passed, [1-9]\d* failed", result.Stdout);
    }

    [Fact]
    public void A_broken_test_file_is_refused_naming_its_file_and_line()
    {
        var rules = RulesWith("when: metQuartile == 4", "when: metQuartile == 4");
        File.WriteAllText(Path.Combine(CliRun.RepoRoot, rules, "tests", "broken.yaml"), "tests:\n  - name: Broken\n    indicator: robbery\n    area: narnia\n    period: 2016-12\n    facts: {}\n    expect: []\n");

        var result = CliRun.Run("test", "--rules", rules);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{rules}/tests/broken.yaml:4:11: test 'Broken': unknown area 'narnia'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_shows_each_rule_its_condition_figures_verdict_and_what_would_flip_it()
    {
        var result = CliRun.Run("explain", "--data", "seeds", "--area", "barking-and-dagenham", "--indicator", "theft-of-motor-vehicle", "--period", "2016-12");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal("Theft of motor vehicle in Barking and Dagenham, December 2016 (lower-is-better, count)", lines[0]);
        Assert.Contains("worse-than-london: FIRED, amber, to the PMG", lines);
        Assert.Contains("condition: unit == \"count\" ? Worse(changePct, londonChangePct) : Worse(value, londonValue)", lines);
        Assert.Contains("read:      unit count, changePct 27.378, londonChangePct 20.992, value 884, londonValue missing", lines);
        Assert.Contains("flips:     clears when the change falls to London's change (+21.0%) or below (now +27.4%)", lines);
        Assert.Contains("bottom-quartile-met: FIRED, red, to the PMG", lines);
        Assert.Contains("flips:     clears at rank 24 of 32 or better (now 29 of 32)", lines);
        Assert.Contains("ytd-off-target: does not apply (missing figure): its condition needs ytdTarget, which is missing for this item: no target is set for Theft of motor vehicle in the targets configuration, and the data supplies none", lines);
        Assert.Contains("monitor-only: does not apply (selector): its appliesTo (polarity monitor) does not include Theft of motor vehicle", lines);
    }

    [Fact]
    public void Explain_says_a_monitor_indicator_is_never_rag_rated()
    {
        var result = CliRun.Run("explain", "--data", "seeds", "--area", "Haringey", "--indicator", "sexual-offences", "--period", "2014-09", "--rule", "significant-deterioration");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("significant-deterioration: does not apply (monitor-only): Sexual offences (including rape) is monitor-only; it is never RAG rated, and this is a RAG rule", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_for_an_unknown_indicator_names_it_and_lists_the_ids()
    {
        var result = CliRun.Run("explain", "--data", "seeds", "--area", "barking-and-dagenham", "--indicator", "theft-of-motor-vehicel");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: unknown indicator 'theft-of-motor-vehicel' (did you mean 'theft-of-motor-vehicle'?); use an id or a name; the ids are total-notifiable-offences, violence-with-injury,", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_for_an_unknown_area_names_it_and_lists_the_ids()
    {
        var result = CliRun.Run("explain", "--data", "seeds", "--area", "Harringey", "--indicator", "robbery");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: unknown area 'Harringey' (did you mean 'haringey'?): use an id, a name or an ONS code; the ids are barking-and-dagenham,", result.Stderr, StringComparison.Ordinal);
    }
}

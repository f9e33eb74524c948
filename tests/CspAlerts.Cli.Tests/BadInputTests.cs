using CspAlerts.Cli.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace CspAlerts.Cli.Tests;

/// <summary>
/// Bad datasets and bad rule files are refused with exit 1 and a message naming the file, line,
/// column and what is wrong; nothing is printed on stdout and no stack trace is shown.
/// </summary>
public class BadInputTests
{
    private const string BadDatasets = "tests/CspAlerts.Core.Tests/TestData/bad-datasets";

    public static TheoryData<string, string> Datasets => new()
    {
        { "unknown-area.csv", "3:2: unknown area 'Narnia'" },
        { "unknown-indicator.csv", "2:1: unknown indicator 'burgalry'" },
        { "invalid-period.csv", "2:3: invalid period '2016-13': expected YYYY-MM" },
        { "duplicate-row.csv", "5:1: duplicate row for burglary in barking-and-dagenham at 2016-12 (first at line 4)" },
        { "truncated-mps-row.csv", "4:1: row has 40 cells but the header has 145 (truncated row?)" },
        { "non-numeric-value.csv", "2:4: value 'abc' is not a number" },
        {
            "unknown-header.csv",
            "1:1: unrecognised header: found columns 'foo', 'bar'; expected a canonical CSV (indicator, area, period, value, ...), "
            + "an MPS borough crime file (MajorText, MinorText, LookUp_BoroughName or BoroughName, or Group, SubGroup, BOCU, then YYYYMM month columns), "
            + "an LFB monthly incidents file (Borough, Callout_type, Date, Number of reported incidents, Year, Month) "
            + "or a police.uk street-level file (Crime ID, Month, Reported by, Falls within, ..., LSOA code, LSOA name, Crime type, ...)"
        },
    };

    [Theory]
    [MemberData(nameof(Datasets))]
    public void A_bad_dataset_is_refused_whole_with_its_file_line_and_fault(string file, string expected)
    {
        var path = $"{BadDatasets}/{file}";

        var result = CliRun.Run("evaluate", "--data", "seeds", path, "--format", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains($"{path}:{expected}", result.ErrorLines);
        Assert.Contains("data rejected: 1 error(s); nothing was applied", result.ErrorLines);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_datasets_that_disagree_are_refused_naming_both_files_and_lines()
    {
        var result = CliRun.Run("evaluate", "--data", $"{BadDatasets}/conflicting-values");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(
            $"{BadDatasets}/conflicting-values/2-partner.csv:3:1: conflicting value for burglary in barking-and-dagenham at 2016-12: 118 here and 119 at {BadDatasets}/conflicting-values/1-police.csv:3",
            result.ErrorLines);
    }

    [Fact]
    public void A_newer_release_replaces_an_older_ones_figures_with_revisions_newest_and_the_revisions_are_reported()
    {
        const string Releases = "tests/CspAlerts.Core.Tests/TestData/datasets/revisions";

        var refused = CliRun.Run("evaluate", "--data", Releases, "--area", "barking-and-dagenham");
        var newest = CliRun.Run("evaluate", "--data", Releases, "--area", "barking-and-dagenham", "--revisions", "newest", "--format", "json");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("If the later file is a newer release that corrects the earlier one, run again with --revisions newest.", refused.ErrorLines);
        Assert.Equal(0, newest.ExitCode);
        var warning = Assert.Single(newest.Json.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("kind").GetString() == "revisions");
        Assert.Equal(
            $"revisions: 3 figure(s) replaced by a newer release; the largest: value for burglary in barking-and-dagenham at 2016-05: 119 at {Releases}/mps-2016-01-to-06.csv:2 revised to 122 at {Releases}/mps-2016-04-to-09.csv:2",
            warning.GetProperty("message").GetString());
    }

    public static TheoryData<string, string> RuleFiles => new()
    {
        { "clock", "4:11: rule 'clock': the clock is not allowed in a rule expression: 'DateTime'" },
        { "reflection-method", "4:11: rule 'reflection-method': reflection is not allowed in a rule expression: 'GetType'" },
        { "reflection-property", "4:21: rule 'reflection-property': reflection is not allowed in a rule expression: 'GetType'" },
        { "file-access", "4:11: rule 'file-access': file access is not allowed in a rule expression: 'File'" },
        { "environment", "4:11: rule 'environment': environment access is not allowed in a rule expression: 'Environment'" },
        { "process", "4:11: rule 'process': process control is not allowed in a rule expression: 'Process'" },
        { "thread", "4:11: rule 'thread': threading is not allowed in a rule expression: 'Thread'" },
        { "network", "4:11: rule 'network': network access is not allowed in a rule expression: 'HttpClient'" },
        { "unknown-name", "4:11: rule 'unknown-name': unknown name 'changePercent' in the condition" },
        { "enum-typo", "4:27: rule 'enum-typo': 'concen' is not a value of spcVariation: it is one of common-cause, concern, improvement, neutral" },
        { "unit-typo", "4:19: rule 'unit-typo': 'counts' is not a value of unit: it is one of count, rate, percent" },
        { "unknown-group", "4:11: rule 'unknown-group': unknown name 'cipfaQuartile' in the condition; peer measures are named after the configured peer groups: met, msg (e.g. metQuartile)" },
        { "syntax", "4:23: rule 'syntax': the condition does not compile: Expression expected" },
        { "unknown-placeholder", "6:15: rule 'unknown-placeholder': unknown placeholder '{changePercent}' in the message" },
        { "rag-on-monitor", "5:20: rule 'rag-on-monitor': a RAG rule cannot apply to monitor indicators, which are never RAG rated; use 'monitor: true'" },
        { "unknown-key", "4:5: unknown key 'whenn' in rule 'unknown-key'; did you mean 'when'?" },
        { "duplicate-id", "2:9: duplicate rule id 'ytd-off-target' (first defined at RULES/rules.yaml:SHIPPED:9)" },
        { "deep-parentheses", "4:43: rule 'deep-parentheses': the condition nests parentheses 1,700 deep; the limit is 32" },
        { "and-chain", "4:1616: rule 'and-chain': the condition has 2,999 operators; the limit is 200" },
        { "unary-minus", "4:211: rule 'unary-minus': the condition has 3,001 operators; the limit is 200" },
        { "long-string", "4:24: rule 'long-string': a string in the condition is 100,000 characters long; the limit is 200" },
        { "divide-by-zero", "4:21: rule 'divide-by-zero': the condition divides by zero: the divisor after '/' is always 0" },
        { "huge-precision", "6:15: rule 'huge-precision': the format D999999999 of '{metRank}' asks for a precision of 999,999,999; the limit is 10" },
        { "whole-format-on-number", "6:15: rule 'whole-format-on-number': the format D of '{value}' is for whole numbers, but value may be fractional: use F0 or N0" },
    };

    [Theory]
    [MemberData(nameof(RuleFiles))]
    public void A_bad_rule_file_is_refused_by_validate_with_its_file_line_rule_and_fault(string name, string expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var folder = RulesWith(name);

        var result = CliRun.Run("validate", "--rules", folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        var expectedLine = expected
            .Replace("RULES", folder, StringComparison.Ordinal)
            .Replace("SHIPPED", ShippedLineOf("- id: ytd-off-target").ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains($"{folder}/team.yaml:{expectedLine}", result.ErrorLines);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_refuses_to_run_on_a_rule_set_that_is_not_valid()
    {
        var folder = RulesWith("clock");

        var result = CliRun.Run("evaluate", "--data", "seeds", "--rules", folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("rules rejected: 3 error(s)", result.ErrorLines);
    }

    [Fact]
    public void Schema_reference_and_condition_errors_are_all_reported_in_one_run_in_file_order()
    {
        var folder = RulesCopy.With("team.yaml", """
            rules:
              - id: purple
                description: A rating that does not exist.
                when: changePct > 10
                rag: purple
                message: "{indicatorName}"
              - id: clock
                description: Reads the clock.
                when: DateTime.Now.Hour > 3
                rag: red
                message: "{indicatorName}"
              - id: typo
                description: Names an indicator that does not exist.
                appliesTo:
                  indicators: [burgalry]
                when: changePct > 10
                rag: red
                message: "{indicatorName}"
            """);

        var result = CliRun.Run("validate", "--rules", folder);

        Assert.Equal(1, result.ExitCode);
        var errors = result.ErrorLines.Where(l => l.StartsWith($"{folder}/team.yaml:", StringComparison.Ordinal)).Select(l => l[(folder.Length + 11)..]).ToList();
        Assert.Equal(
            [
                "5:10: rule 'purple': 'rag' must be one of red, amber, green, not 'purple'",
                "9:11: rule 'clock': the clock is not allowed in a rule expression: 'DateTime'",
                "9:20: rule 'clock': the clock is not allowed in a rule expression: 'Now'",
                "9:23: rule 'clock': member access is not allowed in a rule expression: '.Hour'",
                "15:20: rule 'typo': appliesTo names unknown indicator 'burgalry'; did you mean 'burglary'?",
            ],
            errors);
    }

    [Fact]
    public void The_shipped_rules_are_valid()
    {
        var result = CliRun.Run("validate");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("valid for Barking and Dagenham Community Safety Partnership (Barking and Dagenham): 34 areas, 24 indicators, 9 rules, 35 rule tests, 6 email templates (6 from the rules folder)\n", result.Stderr);
    }

    [Theory]
    [InlineData(new[] { "evaluate" }, "error: Option '--data' is required.")]
    [InlineData(new[] { "evaluate", "--data", "seeds", "--period", "2016-13" }, "error: invalid --period '2016-13': expected YYYY-MM, e.g. 2016-12")]
    [InlineData(new[] { "evaluate", "--data", "seeds", "--format", "pdf" }, "error: Argument 'pdf' not recognized. Must be one of:\n\t'table'\n\t'json'")]
    [InlineData(new[] { "measures", "--data", "seeds" }, "error: Option '--area' is required.")]
    [InlineData(new[] { "frobnicate" }, "error: Unrecognized command or argument 'frobnicate'.")]
    [InlineData(new[] { "evaluate", "--data", "" }, "error: --data was given an empty path: give a file or folder")]
    [InlineData(new[] { "validate", "--rules", " " }, "error: --rules was given an empty path: give the rules folder")]
    [InlineData(new[] { "evaluate", "@/etc/passwd" }, "error: Unrecognized command or argument '@/etc/passwd'.")]
    public void Bad_usage_exits_with_2(string[] args, string expected)
    {
        var result = CliRun.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected.Replace("\n", Environment.NewLine, StringComparison.Ordinal), result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_area_is_refused_before_any_data_loads_with_the_valid_ids()
    {
        var result = CliRun.Run("evaluate", "--data", "seeds", "--area", "narnia");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: unknown area 'narnia': use an id, a name or an ONS code; the ids are barking-and-dagenham, barnet, bexley,", line, StringComparison.Ordinal);
        Assert.DoesNotContain("loaded", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LBBD")]
    [InlineData("Barking & Dagenham")]
    [InlineData("Barking and dagenham")]
    [InlineData("E09000002")]
    public void An_area_is_taken_by_its_name_alias_or_ons_code_as_the_data_files_give_it(string area)
    {
        var result = CliRun.Run("evaluate", "--data", "seeds", "--area", area, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.All(result.Json.GetProperty("items").EnumerateArray(), i => Assert.Equal("barking-and-dagenham", i.GetProperty("area").GetString()));
    }

    [Fact]
    public void Control_characters_in_an_argument_never_reach_the_terminal()
    {
        var result = CliRun.Run("evaluate", "--data", "seeds", "--area", "\u001b[31mred\u202e");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: unknown area '\\u001b[31mred\\u202e':", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Stderr);
        Assert.DoesNotContain('\u202e', result.Stderr);
    }

    [Fact]
    public void A_month_outside_the_data_is_named_with_the_months_the_data_covers()
    {
        var result = CliRun.Run("evaluate", "--data", "seeds", "--period", "2019-01");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: no data for January 2019 (2019-01): the data covers October 2012 to December 2016", result.ErrorLines);
    }

    [Fact]
    public void The_rules_folder_comes_from_CSPALERTS_Rules__Path_when_no_option_is_given()
    {
        var folder = RulesWith("clock");

        var fromEnvironment = CliRun.RunWith(new Dictionary<string, string> { ["CSPALERTS_Rules__Path"] = folder }, "validate");
        var optionWins = CliRun.RunWith(new Dictionary<string, string> { ["CSPALERTS_Rules__Path"] = folder }, "validate", "--rules", "rules");

        Assert.Equal(1, fromEnvironment.ExitCode);
        Assert.Contains($"{folder}/team.yaml:4:11: rule 'clock': the clock is not allowed in a rule expression: 'DateTime'", fromEnvironment.ErrorLines);
        Assert.Equal(0, optionWins.ExitCode);
    }

    [Fact]
    public void A_rule_limit_can_be_raised_by_a_setting_and_a_bad_one_is_named()
    {
        var deep = new string('(', 40) + "changePct > 10" + new string(')', 40);
        var folder = RulesCopy.With("deep.yaml", $$"""
            rules:
              - id: deep
                description: Forty parentheses deep.
                when: "{{deep}}"
                rag: red
                message: "{indicatorName}"
            """);

        var byDefault = CliRun.Run("validate", "--rules", folder);
        var raised = CliRun.RunWith(new Dictionary<string, string> { ["CSPALERTS_Limits__Rules__MaxNestingDepth"] = "64" }, "validate", "--rules", folder);
        var bad = CliRun.RunWith(new Dictionary<string, string> { ["CSPALERTS_Limits__Rules__MaxNestingDepth"] = "10000" }, "validate", "--rules", folder);

        Assert.Equal(1, byDefault.ExitCode);
        Assert.Contains($"{folder}/deep.yaml:4:44: rule 'deep': the condition nests parentheses 40 deep; the limit is 32", byDefault.ErrorLines);
        Assert.Equal(0, raised.ExitCode);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("error: setting Limits:Rules:MaxNestingDepth: MaxNestingDepth must be from 1 to 256, not 10,000.", bad.ErrorLines);
    }

    [Fact]
    public void A_configuration_limit_comes_from_a_setting()
    {
        var result = CliRun.RunWith(new Dictionary<string, string> { ["CSPALERTS_Limits__Configuration__MaxFileBytes"] = "100" }, "validate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("rules/owners.yaml:1:1: the file is 2275 bytes, more than the limit of 100 bytes for one file; it is not read", result.ErrorLines);
    }

    [Fact]
    public void A_dataset_limit_comes_from_a_setting()
    {
        var result = CliRun.RunWith(new Dictionary<string, string> { ["CSPALERTS_Limits__Datasets__MaxFileBytes"] = "1000" }, "evaluate", "--data", "seeds");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.ErrorLines, l => l.StartsWith("seeds/mps-borough-crime-201210-201612.csv:1:1: the file is ", StringComparison.Ordinal) && l.EndsWith(" bytes, more than 1,000, the limit for one file", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shipped_settings_file_holds_every_setting_at_its_default()
    {
        var settings = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(CliRun.RepoRoot, "src", "CspAlerts.Cli", "appsettings.json"))
            .Build();

        Assert.Equal("rules", settings["Rules:Path"]);
        Assert.Equal("data/cspalerts.db", settings["State:Path"]);
        Assert.Equal("data/outbox", settings["Mail:PickupPath"]);
        Assert.Equal("OFFICIAL", settings["Mail:ProtectiveMarking"]);
        Assert.Equal("data/inbox", settings["Inbox:Path"]);
        Assert.Equal(string.Empty, settings["Smtp:Host"]);
        Assert.Null(settings["Smtp:Password"]);
    }

    [Fact]
    public void A_missing_rules_folder_is_named()
    {
        var result = CliRun.Run("validate", "--rules", "no-such-folder");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: The rules folder 'no-such-folder' does not exist.", result.ErrorLines);
    }

    private static int ShippedLineOf(string text) =>
        Array.FindIndex(File.ReadAllLines(Path.Combine(CliRun.RepoRoot, "rules", "rules.yaml")), l => l.Trim() == text) + 1;

    /// <summary>A copy of the shipped rules with one bad file added, as a path relative to the repository.</summary>
    private static string RulesWith(string name)
    {
        var relative = $"tests/CspAlerts.Cli.Tests/bin/work/{name}-{Guid.NewGuid():N}";
        var folder = Path.Combine(CliRun.RepoRoot, relative);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(CliRun.RepoRoot, "rules")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "bad-rules", name + ".yaml"), Path.Combine(folder, "team.yaml"));
        return relative;
    }
}

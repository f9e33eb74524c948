using System.Diagnostics;
using CspAlerts.Configuration;
using CspAlerts.Core.Tests.Support;

namespace CspAlerts.Core.Tests.Configuration;

/// <summary>
/// <see cref="ConfigurationLimits"/>: the limits a rules folder is held to, and the errors that name
/// them. Folders too large to keep as fixtures, and links, pipes and devices, are made at test time
/// in a temporary <c>conf.limits-&lt;case&gt;</c> folder; errors are asserted word for word.
/// </summary>
public sealed class ConfigurationLimitsTests : IDisposable
{
    private const string Owners = """
        owners:
          - id: pmg-chair
            name: Chair of the Performance Monitoring Group
            role: chair
            email: pmg.chair@example.gov.uk
        """;

    private const string Rule = """
        rules:
          - id: ytd-off-target
            description: Year to date on the wrong side of target.
            when: "ytd > ytdTarget"
            rag: amber
            message: Off target.
        """;

    private readonly string _temp = Path.Combine(Path.GetTempPath(), "cspalerts-limits-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    [Fact]
    public void The_defaults_are_those_documented()
    {
        var limits = ConfigurationLimits.Default;

        Assert.Equal(1_048_576, limits.MaxFileBytes);
        Assert.Equal(10_485_760, limits.MaxFolderBytes);
        Assert.Equal(1_000, limits.MaxFiles);
        Assert.Equal(32, limits.MaxDepth);
        Assert.Equal(36, limits.MaxRulePeriods);
        Assert.Equal(60, limits.MaxDigestDaysBefore);
        Assert.Equal(100_000_000, limits.MaxPopulation);
        Assert.Equal(1900, limits.MinYear);
        Assert.Equal(2100, limits.MaxYear);
        Assert.Equal(1_000_000_000, limits.MaxTarget);
    }

    [Fact]
    public void The_shipped_rules_load_well_within_the_limits()
    {
        // A quarter of the default size limits, and the nesting the deepest shipped file needs.
        var tight = ConfigurationLimits.Default with { MaxFileBytes = 262_144, MaxFolderBytes = 262_144, MaxFiles = 20, MaxDepth = 8 };

        var configuration = ConfigurationLoader.Load(RepoFiles.Rules, tight);

        Assert.NotEmpty(configuration.Rules);
    }

    [Fact]
    public void A_limit_out_of_its_own_range_is_refused_as_it_is_set()
    {
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => ConfigurationLimits.Default with { MaxDepth = 5_000 });

        Assert.Equal("MaxDepth", thrown.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfigurationLimits.Default with { MaxFileBytes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfigurationLimits.Default with { MaxRulePeriods = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfigurationLimits.Default with { MaxDigestDaysBefore = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfigurationLimits.Default with { MaxYear = 9_999 });
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfigurationLimits.Default with { MaxTarget = double.PositiveInfinity });
    }

    [Fact]
    public void Limits_that_disagree_are_refused_before_anything_is_read()
    {
        var limits = ConfigurationLimits.Default with { MinYear = 2000, MaxYear = 1999 };

        var thrown = Assert.Throws<ArgumentException>(() => ConfigurationLoader.Read([new ConfigurationSource("rules/owners.yaml", Owners)], limits));

        Assert.Equal("The configuration limits are inconsistent: MinYear (2000) is after MaxYear (1999).", thrown.Message);
    }

    [Fact]
    public void A_larger_user_can_raise_a_limit()
    {
        var folder = ConfigFixtures.Folder("conf.limits-for-too-large");
        var raised = ConfigurationLimits.Default with { MaxRulePeriods = 48 };

        var result = ConfigurationLoader.Read(folder, null, raised);

        Assert.Equal([$"{folder}/rules.yaml:6:10: rule 'ytd-off-target': 'for' must be at most 48, not 99999999999"], result.Errors.Select(e => e.ToString()));
        Assert.Equal(37, result.Configuration.Rules.Single(r => r.Id == "three-years-and-a-month").For);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_without_being_read()
    {
        var dir = Folder("file-too-large");
        Write(dir, "owners.yaml", Owners);
        File.WriteAllText(Path.Combine(dir, "big.yaml"), "# " + new string('x', 1_048_575) + "\n");

        var errors = Errors(dir);

        Assert.Equal([$"{dir}/big.yaml:1:1: the file is 1048578 bytes, more than the limit of 1048576 bytes for one file; it is not read"], errors);
    }

    [Fact]
    public void The_file_that_takes_the_folder_past_its_limit_is_refused_with_the_files_after_it()
    {
        var dir = Folder("folder-too-large");
        Write(dir, "a-owners.yaml", Owners);
        Write(dir, "b-rules.yaml", Rule);
        Write(dir, "c-rules.yaml", Rule.Replace("ytd-off-target", "ytd-far-off-target", StringComparison.Ordinal));
        Write(dir, "d-rules.yaml", "not: [yaml");
        var limits = ConfigurationLimits.Default with { MaxFolderBytes = 400 };

        var errors = Errors(dir, limits);

        Assert.Equal([$"{dir}/c-rules.yaml:1:1: with this file the YAML files come to 448 bytes, more than the limit of 400 bytes for them all; it and the files after it are not read"], errors);
    }

    [Fact]
    public void A_folder_with_more_files_than_the_limit_is_refused_whole()
    {
        var dir = Folder("too-many-files");
        for (var i = 0; i <= 1_000; i++)
        {
            Write(dir, $"owners-{i:D4}.yaml", Owners);
        }

        var errors = Errors(dir);

        Assert.Equal([$"{dir}:1:1: the folder holds more than 1000 YAML files, the limit; none of them is read"], errors);
    }

    [Fact]
    public void Text_sources_are_held_to_the_same_limits_counted_in_utf8()
    {
        // '£' is two bytes in UTF-8: 200 characters, 201 bytes.
        var text = "# £" + new string('x', 196) + "\n";
        var limits = ConfigurationLimits.Default with { MaxFileBytes = 200, MaxFiles = 2 };

        var large = ConfigurationLoader.Read([new ConfigurationSource("rules/owners.yaml", Owners), new ConfigurationSource("rules/big.yaml", text)], limits);
        var many = ConfigurationLoader.Read([new("rules/a.yaml", Owners), new("rules/b.yaml", Rule), new("rules/c.yaml", Rule)], limits);

        Assert.Equal(["rules/big.yaml:1:1: the file is 201 bytes, more than the limit of 200 bytes for one file; it is not read"], large.Errors.Select(e => e.ToString()));
        Assert.Equal(["rules:1:1: the folder holds more than 2 YAML files, the limit; none of them is read"], many.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Nesting_far_past_the_limit_is_an_error_not_a_stack_overflow()
    {
        // 100,000 levels in 200 KB: YamlDotNet builds nodes recursively, so this would end the process.
        var deep = "rules: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

        var result = ConfigurationLoader.Read([new ConfigurationSource("rules/rules.yaml", deep), new ConfigurationSource("rules/owners.yaml", Owners)]);

        Assert.Equal(["rules/rules.yaml:1:39: lists and mappings nest deeper here than the limit of 32 levels"], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Nested_aliases_are_refused_at_the_first_alias_before_anything_is_expanded()
    {
        var laughs = string.Join('\n', Enumerable.Range(0, 30).Select(i => i == 0
            ? "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"
            : $"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]"));
        var watch = Stopwatch.StartNew();

        var result = ConfigurationLoader.Read([new ConfigurationSource("rules/laughs.yaml", laughs)]);

        Assert.Equal(
            ["rules/laughs.yaml:2:10: the alias '*l0' is not allowed, as an alias can repeat its anchor's value without bound; write the value out where it is needed"],
            result.Errors.Select(e => e.ToString()));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_link_out_of_the_rules_folder_is_refused_without_reading_what_it_points_to()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // Links, pipes and devices as Linux has them; elsewhere the same code refuses what it can tell.
        }

        var dir = Folder("links-outside");
        Write(dir, "owners.yaml", Owners);
        File.CreateSymbolicLink(Path.Combine(dir, "passwd.yaml"), "/etc/passwd");
        File.CreateSymbolicLink(Path.Combine(dir, "zero.yaml"), "/dev/zero");
        Directory.CreateSymbolicLink(Path.Combine(dir, "etc"), "/etc");
        Write(_temp, "outside.yaml", Rule);
        File.CreateSymbolicLink(Path.Combine(dir, "up.yml"), "../outside.yaml");

        var errors = Errors(dir);

        Assert.Equal(
            [
                $"{dir}/etc:1:1: the folder is a symbolic link to '/etc', outside the rules folder; it is not read",
                $"{dir}/passwd.yaml:1:1: the file is a symbolic link to '/etc/passwd', outside the rules folder; it is not read",
                $"{dir}/up.yml:1:1: the file is a symbolic link to '../outside.yaml', outside the rules folder; it is not read",
                $"{dir}/zero.yaml:1:1: the file is a symbolic link to '/dev/zero', outside the rules folder; it is not read",
            ],
            errors);
    }

    [Fact]
    public void A_named_pipe_is_refused_as_not_a_regular_file_instead_of_waiting_on_it()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var dir = Folder("named-pipe");
        Write(dir, "owners.yaml", Owners);
        MakeFifo(Path.Combine(dir, "pipe.yaml"));
        MakeFifo(Path.Combine(dir, ".pipe"));
        File.CreateSymbolicLink(Path.Combine(dir, "linked-pipe.yaml"), ".pipe");

        var errors = Errors(dir);

        Assert.Equal(
            [
                $"{dir}/linked-pipe.yaml:1:1: the file is a named pipe, not a regular file; it is not read",
                $"{dir}/pipe.yaml:1:1: the file is a named pipe, not a regular file; it is not read",
            ],
            errors);
    }

    [Fact]
    public void A_link_inside_the_rules_folder_is_followed_once_and_a_broken_one_is_an_error()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var dir = Folder("links-inside");
        Write(dir, "owners.yaml", Owners);
        Write(Path.Combine(dir, "versions"), "rules-2017.txt", Rule);
        File.CreateSymbolicLink(Path.Combine(dir, "rules.yaml"), "versions/rules-2017.txt");
        Directory.CreateSymbolicLink(Path.Combine(dir, "latest"), "versions");
        Directory.CreateSymbolicLink(Path.Combine(dir, "versions", "loop"), "..");
        File.CreateSymbolicLink(Path.Combine(dir, "gone.yaml"), "missing.yaml");
        File.CreateSymbolicLink(Path.Combine(dir, "round.yaml"), "round.yaml");

        var result = ConfigurationLoader.Read(dir);

        Assert.Equal(
            [
                $"{dir}/gone.yaml:1:1: the file is a symbolic link to 'missing.yaml', which does not exist; it is not read",
                $"{dir}/round.yaml:1:1: the file is a symbolic link that cannot be followed, as its links go round in a loop or more than 40 deep; it is not read",
            ],
            result.Errors.Select(e => e.ToString()));
        Assert.Equal(["ytd-off-target"], result.Configuration.Rules.Select(r => r.Id));
    }

    [Fact]
    public void A_rules_folder_that_is_itself_a_link_is_read_through_it()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var real = Folder("real");
        Write(real, "owners.yaml", Owners);
        Write(real, "rules.yaml", Rule);
        var link = Path.Combine(_temp, "conf.limits-linked-folder");
        Directory.CreateSymbolicLink(link, real);

        var configuration = ConfigurationLoader.Load(link);

        Assert.Equal(["ytd-off-target"], configuration.Rules.Select(r => r.Id));
    }

    private string Folder(string name)
    {
        var dir = Path.Combine(_temp, $"conf.limits-{name}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static void Write(string dir, string name, string text)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name), text + "\n");
    }

    private static List<string> Errors(string dir, ConfigurationLimits? limits = null) =>
        ConfigurationLoader.Read(dir, null, limits).Errors.Select(e => e.ToString()).ToList();

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}

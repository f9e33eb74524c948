using CspAlerts.Configuration;
using CspAlerts.Diagnostics;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Configuration;

/// <summary>Loading a configuration from text held in memory, each file named as errors should show it.</summary>
public class ConfigurationSourceTests
{
    private const string Areas = """
        areas:
          - id: barnet
            name: Barnet
          - id: haringey
            name: Haringey
        """;

    private const string PeerGroups = """
        peerGroups:
          - id: met
            name: Metropolitan Police Service boroughs
            members: [barnet, haringey]
        """;

    private const string Owners = SampleConfiguration.Owners;

    private const string Indicators = """
        indicators:
          - id: burglary
            name: Burglary
            group: crime
            strategies: [prevention]
            polarity: lower-is-better
            unit: count
        """;

    private const string Rules = """
        rules:
          - id: bottom-quartile-met
            description: In the bottom quarter of the MPS boroughs.
            when: metQuartile == 4
            rag: red
            message: "{indicatorName} is in the bottom quarter."
        """;

    private static List<ConfigurationSource> Valid() =>
    [
        new("rules/areas.yaml", Areas),
        new("rules/peer-groups.yaml", PeerGroups),
        new("rules/owners.yaml", Owners),
        new("rules/indicators.yaml", Indicators),
        new("rules/rules.yaml", Rules),
    ];

    [Fact]
    public void A_configuration_loads_entirely_from_text()
    {
        var configuration = ConfigurationLoader.Load(Valid());

        Assert.Equal(["barnet", "haringey"], configuration.Areas.Select(a => a.Id));
        Assert.Equal(["barnet", "haringey"], configuration.FindPeerGroup("met")!.Members);
        Assert.Equal("crime-lead", configuration.FindIndicator("burglary")!.Lead);
        Assert.Equal(Rag.Red, Assert.Single(configuration.Rules).Rag);
        Assert.Same(Schedule.Empty, configuration.Schedule);
    }

    [Fact]
    public void Records_are_located_in_the_source_they_came_from_by_its_name()
    {
        var configuration = ConfigurationLoader.Load(Valid());

        Assert.Equal(new SourceLocation("rules/areas.yaml", 4, 5), configuration.FindArea("haringey")!.Location);
        Assert.Equal(new SourceLocation("rules/rules.yaml", 4, 11), configuration.Rules[0].WhenLocation);
    }

    [Fact]
    public void Errors_name_the_source_line_and_column()
    {
        List<ConfigurationSource> sources = [.. Valid().Where(s => s.Name != "rules/rules.yaml"), new("rules/rules.yaml", Rules.Replace("rag: red", "rag: purple", StringComparison.Ordinal))];

        var rejected = Assert.Throws<ConfigurationRejectedException>(() => ConfigurationLoader.Load(sources));

        Assert.Equal(
            ["rules/rules.yaml:5:10: rule 'bottom-quartile-met': 'rag' must be one of red, amber, green, not 'purple'"],
            rejected.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_source_is_read_as_yaml_whatever_its_name_and_the_kind_comes_from_its_top_level_key()
    {
        List<ConfigurationSource> sources = [.. Valid().Select(s => s with { Name = s.Name.Replace(".yaml", ".txt", StringComparison.Ordinal) })];

        var configuration = ConfigurationLoader.Load(sources);

        Assert.Equal(2, configuration.Areas.Count);
    }

    [Theory]
    [InlineData("rules/areas.yaml", "rules/rules.yaml", "rules")]
    [InlineData("config/rules/areas.yaml", "config/rules/more/rules.yaml", "config/rules")]
    [InlineData("areas.yaml", "rules.yaml", "rules")]
    [InlineData("one/areas.yaml", "two/rules.yaml", "rules")]
    public void An_error_that_belongs_to_no_one_file_is_shown_at_the_folder_the_sources_share(string areas, string rules, string folder)
    {
        List<ConfigurationSource> sources = [new(areas, Areas), new(rules, Rules)];

        var rejected = Assert.Throws<ConfigurationRejectedException>(() => ConfigurationLoader.Load(sources));

        Assert.Equal([$"{folder}:1:1: no owner has role chair; there must be exactly one chair"], rejected.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void The_folder_and_its_files_as_text_load_the_same_configuration()
    {
        var folder = ConfigFixtures.Folder("valid");
        var sources = Directory.GetFiles(folder, "*.y*ml", SearchOption.AllDirectories)
            .Select(f => f.Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.Contains("/.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => new ConfigurationSource(f, File.ReadAllText(f)));

        var fromText = ConfigurationLoader.Load(sources);
        var fromFolder = ConfigurationLoader.Load(folder);

        Assert.Equal(fromFolder.Areas, fromText.Areas, (a, b) => a.Id == b.Id && a.Location == b.Location);
        Assert.Equal(fromFolder.Indicators.Select(i => (i.Id, i.Lead, i.Location)), fromText.Indicators.Select(i => (i.Id, i.Lead, i.Location)));
        Assert.Equal(fromFolder.Rules.Select(r => (r.Id, r.WhenLocation)), fromText.Rules.Select(r => (r.Id, r.WhenLocation)));
        Assert.Equal(fromFolder.Schedule.PmgMeetings, fromText.Schedule.PmgMeetings);
    }

    [Fact]
    public void No_sources_is_a_configuration_without_a_chair()
    {
        var rejected = Assert.Throws<ConfigurationRejectedException>(() => ConfigurationLoader.Load(Array.Empty<ConfigurationSource>()));

        Assert.Equal(["rules:1:1: no owner has role chair; there must be exactly one chair"], rejected.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_source_without_a_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ConfigurationLoader.Load([new ConfigurationSource("", Areas)]));
        Assert.Throws<ArgumentNullException>(() => ConfigurationLoader.Load((IEnumerable<ConfigurationSource>)null!));
    }
}

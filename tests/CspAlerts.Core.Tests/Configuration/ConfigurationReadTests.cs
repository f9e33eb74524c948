using CspAlerts.Configuration;
using CspAlerts.Diagnostics;

namespace CspAlerts.Core.Tests.Configuration;

/// <summary>
/// <see cref="ConfigurationLoader.Read(IEnumerable{ConfigurationSource}, ConfigurationLimits?)"/>: everything found in one
/// run, without throwing, so that later stages can add their errors before reporting.
/// </summary>
public class ConfigurationReadTests
{
    private const string Owners = SampleConfiguration.Owners;

    private const string Indicators = """
        indicators:
          - id: burglary
            name: Burglary
            group: crime
            strategies: [prevention]
            polarity: lower
            unit: count
          - id: robbery
            name: Robbery
            group: crime
            strategies: [prevention]
            polarity: lower-is-better
            unit: count
          - id: deliberate-fires
            name: Deliberate fires
            group: fire
            strategies: [prevention]
            polarity: lower-is-better
            unit: count
        """;

    [Fact]
    public void A_valid_configuration_reads_without_errors()
    {
        var result = ConfigurationLoader.Read(ConfigFixtures.Folder("valid"));

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Configuration.Rules.Count);
    }

    [Fact]
    public void Reading_returns_the_items_that_were_valid_and_every_error_without_throwing()
    {
        var folder = ConfigFixtures.Folder("conf.rules-schema-error-and-unknown-indicator");

        var result = ConfigurationLoader.Read(folder);

        Assert.False(result.IsValid);
        Assert.Equal(["bottom-quartile-met"], result.Configuration.Rules.Select(r => r.Id));
        Assert.Equal(["burglary", "sexual-offences"], result.Configuration.Indicators.Select(i => i.Id));
        var rejected = Assert.Throws<ConfigurationRejectedException>(() => ConfigurationLoader.Load(folder));
        Assert.Equal(rejected.Errors, result.Errors);
    }

    [Fact]
    public void An_item_with_a_schema_error_is_left_out_and_the_others_of_its_file_are_read_and_checked()
    {
        var result = ConfigurationLoader.Read([new("rules/owners.yaml", Owners), new("rules/indicators.yaml", Indicators)]);

        Assert.Equal(["robbery", "deliberate-fires"], result.Configuration.Indicators.Select(i => i.Id));
        Assert.Equal(
            [
                "rules/indicators.yaml:6:15: indicator 'burglary': 'polarity' must be one of lower-is-better, higher-is-better, monitor, not 'lower'",
                "rules/indicators.yaml:14:5: indicator 'deliberate-fires' has no lead, and no lead answers for group 'fire'; give it a 'lead', or name a 'defaultLead' in the partnership file",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_file_that_names_no_kind_holds_back_every_check_that_could_repeat_its_fault()
    {
        // The empty file may be owners.yaml emptied by mistake: no chair, and no lead for 'fire', would say so again.
        var result = ConfigurationLoader.Read([new("rules/indicators.yaml", Indicators), new("rules/owners.yaml", "# nothing yet\n")]);

        Assert.Equal(
            [
                "rules/indicators.yaml:6:15: indicator 'burglary': 'polarity' must be one of lower-is-better, higher-is-better, monitor, not 'lower'",
                "rules/owners.yaml:1:1: the file is empty; a file holds one of areas (with ignoredLabels), peerGroups, indicators, owners, targets, schedule, partnership, rules or tests",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Nothing_readable_is_an_empty_configuration_not_null()
    {
        var result = ConfigurationLoader.Read([new("rules/rules.yaml", "rules: [\n")]);

        Assert.NotNull(result.Configuration);
        Assert.Empty(result.Configuration.Rules);
        Assert.Empty(result.Configuration.Areas);

        // The broken file names 'rules', so it cannot have held the chair.
        Assert.Equal(
            [
                "rules:1:1: no owner has role chair; there must be exactly one chair",
                "rules/rules.yaml:2:1: invalid YAML: while parsing a node, did not find expected node content",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Errors_a_later_stage_adds_are_reported_in_file_order_with_the_rest()
    {
        var result = ConfigurationLoader.Read(ConfigFixtures.Folder("conf.rules-schema-error-and-unknown-indicator"));
        var file = result.Errors[0].Location.File;
        var compile = new ConfigError(new SourceLocation(file, 9, 11), "rule 'bottom-quartile-met': the condition does not compile");

        var rejected = new ConfigurationRejectedException(result.Errors.Append(compile));

        Assert.Equal([5, 9, 11, 14], rejected.Errors.Select(e => e.Location.Line));
    }

    [Fact]
    public void File_order_is_by_file_line_and_column_and_keeps_the_order_found_at_one_place()
    {
        ConfigError At(string file, int line, int column, string message) => new(new SourceLocation(file, line, column), message);
        var errors = new[]
        {
            At("rules/rules.yaml", 2, 5, "first at 2:5"),
            At("rules/areas.yaml", 9, 1, "areas"),
            At("rules/rules.yaml", 2, 5, "second at 2:5"),
            At("rules/rules.yaml", 1, 7, "rules 1:7"),
        };

        var ordered = ConfigurationRejectedException.InFileOrder(errors);

        Assert.Equal(["areas", "rules 1:7", "first at 2:5", "second at 2:5"], ordered.Select(e => e.Message));
    }
}

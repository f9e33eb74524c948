using CspAlerts.Configuration;

namespace CspAlerts.Core.Tests.Configuration;

/// <summary>The partnership file: whose configuration it is, its own areas and the lead who takes unowned items.</summary>
public class PartnershipTests
{
    [Fact]
    public void The_shipped_partnership_is_Barking_and_Dagenham_with_the_crime_lead_as_default()
    {
        var config = ConfigurationLoader.Load(Path.Combine(CspAlerts.Testing.RepositoryRoot.Find(AppContext.BaseDirectory), "rules"));

        var partnership = Assert.IsType<CspAlerts.Model.Partnership>(config.Partnership);
        Assert.Equal("Barking and Dagenham Community Safety Partnership", partnership.Name);
        Assert.Equal(["barking-and-dagenham"], partnership.Areas);
        Assert.Equal("crime-lead", partnership.DefaultLead);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void An_indicator_no_lead_answers_for_goes_to_the_default_lead_with_a_warning()
    {
        var folder = ConfigFixtures.Folder("partnership-default-lead");

        var config = ConfigurationLoader.Load(folder);

        Assert.Equal("crime-lead", config.FindIndicator("deliberate-fires")!.Lead);
        var warning = Assert.Single(config.Warnings);
        Assert.Equal(
            $"{folder}/indicators.yaml:2:5: indicator 'deliberate-fires' has no lead, and no lead answers for group 'fire'; its items go to the partnership's default lead 'crime-lead'",
            warning.ToString());
    }

    [Fact]
    public void Without_a_partnership_file_there_is_no_partnership()
    {
        var config = ConfigurationLoader.Load(ConfigFixtures.Folder("valid"));

        Assert.Null(config.Partnership);
    }
}

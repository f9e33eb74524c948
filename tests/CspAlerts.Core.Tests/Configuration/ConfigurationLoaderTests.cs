using CspAlerts.Configuration;
using CspAlerts.Diagnostics;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Configuration;

/// <summary>Loading the valid fixture <c>TestData/config/valid</c> and the records it yields.</summary>
public class ConfigurationLoaderTests
{
    private static readonly string Folder = ConfigFixtures.Folder("valid");
    private static readonly CspConfiguration Configuration = ConfigurationLoader.Load(Folder);

    [Fact]
    public void Areas_carry_their_codes_aliases_and_populations_by_calendar_year()
    {
        var area = Configuration.FindArea("barking-and-dagenham")!;

        Assert.Equal("Barking and Dagenham", area.Name);
        Assert.Equal("E09000002", area.OnsCode);
        Assert.Equal(["LBBD"], area.Aliases);
        Assert.Equal(208182, area.PopulationIn(2016));
        Assert.Equal(210711, area.PopulationIn(2017));
        Assert.Null(area.PopulationIn(2018));
        Assert.False(area.IsAggregate);
        Assert.Equal(new SourceLocation($"{Folder}/areas.yaml", 3, 5), area.Location);
    }

    [Fact]
    public void An_aggregate_area_names_the_peer_group_it_sums()
    {
        var london = Configuration.FindArea("london")!;

        Assert.True(london.IsAggregate);
        Assert.Equal("met", london.SumOf);
        Assert.Empty(london.Population);
        Assert.Equal(["barking-and-dagenham", "barnet", "haringey", "city-of-london", "london"], Configuration.Areas.Select(a => a.Id));
    }

    [Fact]
    public void Labels_resolve_by_name_alias_and_code_and_ignored_labels_are_known()
    {
        Assert.Equal(AreaLabelKind.Area, Configuration.AreaNames.Resolve("Barking & Dagenham", out var byName));
        Assert.Equal("barking-and-dagenham", byName);
        Assert.Equal(AreaLabelKind.Area, Configuration.AreaNames.Resolve("LBBD", out var byAlias));
        Assert.Equal("barking-and-dagenham", byAlias);
        Assert.Equal(AreaLabelKind.Area, Configuration.AreaNames.Resolve("E09000003", out var byCode));
        Assert.Equal("barnet", byCode);
        Assert.Equal(AreaLabelKind.Ignored, Configuration.AreaNames.Resolve("NOT GEO-CODED", out _));
        Assert.Equal(AreaLabelKind.Unknown, Configuration.AreaNames.Resolve("Narnia", out _));
    }

    [Fact]
    public void Peer_groups_have_one_member_list_or_a_list_per_area()
    {
        var met = Configuration.FindPeerGroup("met")!;
        var msg = Configuration.FindPeerGroup("msg")!;
        var empty = Configuration.FindPeerGroup("empty")!;

        Assert.False(met.IsPerArea);
        Assert.Equal(["barking-and-dagenham", "barnet", "haringey"], met.Members);
        Assert.True(msg.IsPerArea);
        Assert.Equal(["haringey", "barking-and-dagenham", "barnet"], msg.PeersOf("haringey"));
        Assert.Empty(msg.PeersOf("barnet"));
        Assert.True(empty.IsPerArea);
        Assert.Empty(empty.PerArea);
    }

    [Fact]
    public void Indicators_carry_their_catalogue_entry()
    {
        var burglary = Configuration.FindIndicator("burglary")!;

        Assert.Equal("Burglary", burglary.Name);
        Assert.Equal("crime", burglary.Group);
        Assert.Equal(["prevention", "protection", "perpetrators"], burglary.Strategies);
        Assert.Equal(Polarity.LowerIsBetter, burglary.Polarity);
        Assert.Equal(IndicatorUnit.Count, burglary.Unit);
        Assert.Equal("crime-lead", burglary.Lead);
        Assert.Equal(["mopac7"], burglary.Tags);
        Assert.Equal(Polarity.Monitor, Configuration.FindIndicator("sexual-offences")!.Polarity);
        Assert.Equal(Polarity.HigherIsBetter, Configuration.FindIndicator("drr-starts")!.Polarity);
        Assert.Equal(IndicatorUnit.Percent, Configuration.FindIndicator("drr-starts")!.Unit);
    }

    [Fact]
    public void An_mps_category_without_minor_takes_every_minor_category()
    {
        var burglary = Configuration.FindIndicator("burglary")!.Sources;
        var residential = Configuration.FindIndicator("residential-burglary")!.Sources;
        var total = Configuration.FindIndicator("total-notifiable-offences")!.Sources;

        Assert.Equal(new MpsCategory("Burglary", null), Assert.Single(burglary.MpsOld));
        Assert.Equal(new MpsCategory("BURGLARY", null), Assert.Single(burglary.MpsNew));
        Assert.Equal("Burglary", Assert.Single(residential.MpsOld).Major);
        Assert.Equal(["Domestic Burglary"], Assert.Single(residential.MpsOld).Minors!);
        Assert.Equal(["BURGLARY IN A DWELLING", "BURGLARY - RESIDENTIAL"], Assert.Single(residential.MpsNew).Minors!);
        Assert.Equal("*", Assert.Single(total.MpsOld).Major);
        Assert.Empty(total.MpsNew);
        Assert.Empty(total.Lfb);
    }

    [Fact]
    public void Lfb_callout_types_are_read_and_an_indicator_without_sources_has_none()
    {
        var fires = Configuration.FindIndicator("deliberate-fires")!;

        Assert.Equal(["ALL DELIBERATE FIRES"], fires.Sources.Lfb);
        Assert.Empty(fires.Sources.MpsOld);
        Assert.Same(IndicatorSources.None, Configuration.FindIndicator("sexual-offences")!.Sources);
    }

    [Fact]
    public void An_indicator_without_a_lead_takes_the_lead_who_answers_for_its_group()
    {
        Assert.Equal("fire-lead", Configuration.FindIndicator("deliberate-fires")!.Lead);
        Assert.Equal("crime-lead", Configuration.FindIndicator("total-notifiable-offences")!.Lead);
    }

    [Fact]
    public void Owners_carry_their_role_email_and_groups()
    {
        var chair = Configuration.FindOwner("pmg-chair")!;
        var crime = Configuration.FindOwner("crime-lead")!;

        Assert.Equal(OwnerRole.Chair, chair.Role);
        Assert.Equal("pmg.chair@example.gov.uk", chair.Email);
        Assert.Empty(chair.Groups);
        Assert.Equal(OwnerRole.Lead, crime.Role);
        Assert.Equal(["crime"], crime.Groups);
    }

    [Fact]
    public void A_profile_target_gives_the_cumulative_figure_for_the_month()
    {
        var target = Configuration.FindTarget("deliberate-fires", "barking-and-dagenham", new Period(2016, 6))!;

        Assert.Equal(2016, target.FinancialYear);
        Assert.Null(target.Annual);
        Assert.Equal(14, target.YearToDateAt(new Period(2016, 4)));
        Assert.Equal(42, target.YearToDateAt(new Period(2016, 6)));
        Assert.Equal(127, target.YearToDateAt(new Period(2016, 12)));
        Assert.Null(target.YearToDateAt(new Period(2017, 1)));
        Assert.Null(target.YearToDateAt(new Period(2017, 4)));
        Assert.Equal(new SourceLocation($"{Folder}/targets.yaml", 2, 5), target.Location);
    }

    [Fact]
    public void An_annual_target_is_spread_evenly_over_the_months_elapsed()
    {
        var target = Configuration.FindTarget("drr-starts", "barking-and-dagenham", new Period(2017, 3))!;

        Assert.Equal(2016, target.FinancialYear);
        Assert.Null(target.Profile);
        Assert.Equal(4, target.YearToDateAt(new Period(2016, 4)));
        Assert.Equal(12, target.YearToDateAt(new Period(2016, 6)));
        Assert.Equal(48, target.YearToDateAt(new Period(2017, 3)));
        Assert.Null(Configuration.FindTarget("drr-starts", "barking-and-dagenham", new Period(2017, 4)));
    }

    [Fact]
    public void The_schedule_lists_meetings_in_date_order()
    {
        Assert.Equal([new DateOnly(2017, 3, 1), new DateOnly(2017, 6, 7)], Configuration.Schedule.PmgMeetings);
        Assert.Equal(5, Configuration.Schedule.DigestDaysBefore);
    }

    [Fact]
    public void A_rule_that_leaves_things_out_gets_the_defaults()
    {
        var rule = Configuration.Rules.Single(r => r.Id == "ytd-off-target");

        Assert.Equal("Year to date on the wrong side of target.", rule.Description);
        Assert.Equal("ytd > ytdTarget", rule.When);
        Assert.Equal(Rag.Amber, rule.Rag);
        Assert.False(rule.Monitor);
        Assert.False(rule.Escalate);
        Assert.Equal(1, rule.For);
        Assert.True(rule.AppliesTo.IsDefault);
        Assert.Equal("{indicatorName} is {ytd} against a target of {ytdTarget}.", rule.Message);
    }

    [Fact]
    public void A_rule_reads_its_selector_escalation_and_periods()
    {
        var rule = Configuration.Rules.Single(r => r.Id == "bottom-quartile-met");

        Assert.Equal(Rag.Red, rule.Rag);
        Assert.True(rule.Escalate);
        Assert.Equal(2, rule.For);
        Assert.Equal(["burglary"], rule.AppliesTo.Indicators);
        Assert.Equal(["crime"], rule.AppliesTo.Groups);
        Assert.Equal([Polarity.LowerIsBetter], rule.AppliesTo.Polarities);
        Assert.Equal(["mopac7"], rule.AppliesTo.Tags);
    }

    [Fact]
    public void A_monitor_rule_has_no_rag_rating()
    {
        var rule = Configuration.Rules.Single(r => r.Id == "monitor-only");

        Assert.True(rule.Monitor);
        Assert.Null(rule.Rag);
        Assert.Equal([Polarity.Monitor], rule.AppliesTo.Polarities);
        Assert.Equal("true", rule.When);
    }

    [Fact]
    public void Rules_are_read_from_subfolders_and_located_at_their_id()
    {
        Assert.Equal(["ytd-off-target", "bottom-quartile-met", "monitor-only"], Configuration.Rules.Select(r => r.Id));
        Assert.Equal(new SourceLocation($"{Folder}/rules/exceptions.yaml", 2, 5), Configuration.Rules[0].Location);
        Assert.Equal(new SourceLocation($"{Folder}/rules/exceptions.yaml", 19, 5), Configuration.Rules[2].Location);
    }

    [Theory]
    [InlineData("ytd-off-target", 4, 12)] // quoted: just after the opening quote
    [InlineData("bottom-quartile-met", 14, 11)] // plain
    [InlineData("monitor-only", 24, 7)] // folded block: the first line of the text
    public void The_when_location_is_where_the_condition_text_starts(string id, int line, int column)
    {
        var rule = Configuration.Rules.Single(r => r.Id == id);

        Assert.Equal(new SourceLocation($"{Folder}/rules/exceptions.yaml", line, column), rule.WhenLocation);
    }

    [Fact]
    public void Rule_test_files_hidden_files_and_files_that_are_not_yaml_are_not_read_as_configuration()
    {
        // The fixture holds tests/rule-tests.yaml, README.md and .hidden-editor-backup.yaml, which is not valid YAML.
        Assert.True(File.Exists(Path.Combine(Folder, ".hidden-editor-backup.yaml")));
        Assert.True(File.Exists(Path.Combine(Folder, "tests", "rule-tests.yaml")));

        var configuration = ConfigurationLoader.Load(Folder);

        Assert.Equal(3, configuration.Rules.Count);
    }
}

using CspAlerts.Configuration;
using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Evaluation;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Measures;

public sealed class ForceMeasureTests
{
    [Fact]
    public void In_London_the_force_is_the_Met_and_force_figures_equal_the_London_figures()
    {
        var engine = ExceptionEngine.Load(RepoFiles.Rules);
        var run = engine.Prepare(new EvaluationRequest([RepoFiles.Seeds]) { Areas = ["barking-and-dagenham"] });
        var facts = run.Table.FactsFor("barking-and-dagenham", new Period(2016, 12)).Where(f => f.LondonChangePct is not null).ToList();

        Assert.NotEmpty(facts);
        foreach (var fact in facts)
        {
            Assert.Equal(fact.LondonChangePct!.Value, fact.ForceChangePct!.Value, 9);
            Assert.Equal(fact.LondonRate, fact.ForceRate);
            var measures = engine.Configuration.Measures;
            var indicator = engine.Configuration.FindIndicator(fact.Indicator)!;
            Assert.Equal(measures.Find("metRank")!.ValueIn(fact, indicator), measures.Find("forceRank")!.ValueIn(fact, indicator));
            Assert.Equal(measures.Find("metQuartile")!.ValueIn(fact, indicator), measures.Find("forceQuartile")!.ValueIn(fact, indicator));
        }
    }

    [Fact]
    public void The_national_configuration_has_every_CSP_of_England_and_Wales_with_its_districts_and_force()
    {
        var config = ConfigurationLoader.Load(Path.Combine(RepoFiles.Root, "configs", "charnwood"));

        Assert.Equal(314, config.Areas.Count);
        var charnwood = config.FindArea("charnwood")!;
        Assert.Equal(("E22000165", "Leicestershire", 184_748L), (charnwood.OnsCode, charnwood.Force, charnwood.PopulationIn(2022)!.Value));
        Assert.Equal(AreaLabelKind.Area, config.AreaNames.Resolve("E07000130", out var id));
        Assert.Equal("charnwood", id);
        Assert.NotNull(config.FindArea("north-west-leicestershire"));
        Assert.NotNull(config.FindArea("blackburn-with-darwen"));
        Assert.Equal(9, config.ForceGroup!.PeersOf("charnwood").Count);
        Assert.Equal(32, config.ForceGroup.PeersOf("westminster").Count);
    }

    [Fact]
    public void A_CSP_of_several_districts_sums_their_populations_and_answers_to_their_names()
    {
        // ONS mid-2019: Stratford-on-Avon 130,098 + Warwick 143,753 (the long ONS CSV, by hand).
        var config = ConfigurationLoader.Load(Path.Combine(RepoFiles.Root, "configs", "charnwood"));
        var csp = config.FindArea("south-warwickshire")!;

        Assert.Equal(130_098L + 143_753L, csp.PopulationIn(2019));
        Assert.Equal(AreaLabelKind.Area, config.AreaNames.Resolve("Stratford-on-Avon", out var id));
        Assert.Equal("south-warwickshire", id);
    }

    [Fact]
    public void An_unknown_police_uk_crime_type_in_an_indicator_is_refused_naming_it()
    {
        var sources = Directory.GetFiles(Path.Combine(RepoFiles.Root, "configs", "charnwood"), "*.yaml")
            .Select(f => new ConfigurationSource("configs/charnwood/" + Path.GetFileName(f),
                Path.GetFileName(f) == "indicators.yaml" ? File.ReadAllText(f).Replace("- Burglary\n", "- Burglery\n", StringComparison.Ordinal) : File.ReadAllText(f)));

        var errors = Assert.Throws<ConfigurationRejectedException>(() => ConfigurationLoader.Load(sources)).Errors;

        // Burglary is named twice: by burglary and by all crime.
        Assert.Equal(2, errors.Count);
        Assert.Contains("indicator 'burglary' has unknown police.uk crime type 'Burglery': expected one of Anti-social behaviour,", errors[1].ToString(), StringComparison.Ordinal);
    }
}

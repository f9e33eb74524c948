using CspAlerts.Configuration;
using CspAlerts.Core.Tests.Support;
using CspAlerts.Evaluation;

namespace CspAlerts.Core.Tests.Evaluation;

/// <summary>validate warns of rules that can never fire with the configuration, naming the figure.</summary>
public class RuleReachTests
{
    private static List<string> WarningsWith(string rules)
    {
        var sources = Directory.GetFiles(RepoFiles.Rules, "*.yaml")
            .Select(path => new ConfigurationSource("rules/" + Path.GetFileName(path), File.ReadAllText(path)))
            .Append(new ConfigurationSource("rules/extra.yaml", rules));
        var engine = ExceptionEngine.Load(sources);
        return RuleReach.Warnings(engine.Configuration, engine.Rules).Select(w => w.ToString()).ToList();
    }

    [Fact]
    public void The_shipped_rules_can_all_fire()
    {
        var engine = ExceptionEngine.Load(RepoFiles.Rules);

        Assert.Empty(RuleReach.Warnings(engine.Configuration, engine.Rules));
    }

    [Fact]
    public void A_target_rule_for_indicators_with_no_targets_is_a_warning_naming_the_figure()
    {
        var warnings = WarningsWith("""
            rules:
              - id: crime-over-target
                description: Crime over its year-to-date target.
                appliesTo: { groups: [crime] }
                when: ytd > ytdTarget
                rag: red
                message: "{indicatorName} is over target."
            """);

        Assert.Equal(
            ["rules/extra.yaml:5:11: warning: rule 'crime-over-target' can never fire: its condition needs ytdTarget, and nothing supplies it for any of the 10 indicators it applies to (Total notifiable offences, Violence with injury, Robbery, Burglary and 6 more): no target is set for them in the targets configuration, and their figures come from the police or fire brigade files, which carry none"],
            warnings);
    }

    [Fact]
    public void A_figure_needed_on_only_one_side_of_an_or_is_no_warning()
    {
        Assert.Empty(WarningsWith("""
            rules:
              - id: over-target-or-up
                description: Over target, or up 10%.
                appliesTo: { groups: [crime] }
                when: ytd > ytdTarget || changePct >= 10
                rag: red
                message: "{indicatorName}"
            """));
    }

    [Fact]
    public void A_rate_rule_for_a_percentage_is_a_warning()
    {
        var warnings = WarningsWith("""
            rules:
              - id: rate-above-london
                description: Rate above London's.
                appliesTo: { indicators: [proven-reoffending] }
                when: Worse(rate, londonRate)
                rag: amber
                message: "{indicatorName}"
            """);

        Assert.Equal(
            ["rules/extra.yaml:5:11: warning: rule 'rate-above-london' can never fire: its condition needs rate, and nothing supplies it for Rate of proven re-offending, adults and juveniles (%): rate is worked out for counts only, and it is a percentage"],
            warnings);
    }
}

using CspAlerts.Configuration;
using CspAlerts.Diagnostics;

namespace CspAlerts.Core.Tests.Configuration;

/// <summary>
/// Each fixture <c>TestData/config/conf.&lt;feature&gt;-&lt;case&gt;</c> is a small rules folder with one fault;
/// the errors are product text, asserted word for word. <c>{dir}</c> stands for the folder.
/// </summary>
public class ConfigurationLoaderErrorTests
{
    [Theory]
    // Files: what a file holds, and YAML that is not YAML.
    [InlineData("files-unknown-kind", "{dir}/rules.yaml:1:1: no known top-level key: found 'rulez', 'thresholds'; a file holds one of areas (with ignoredLabels), peerGroups, indicators, owners, targets, schedule, partnership, rules or tests")]
    [InlineData("files-extra-key", "{dir}/rules.yaml:2:1: unknown top-level key 'version'; a file holds one of areas (with ignoredLabels), peerGroups, indicators, owners, targets, schedule, partnership, rules or tests")]
    [InlineData("files-two-kinds", "{dir}/areas.yaml:8:1: 'rules' cannot share a file with 'areas'; a file holds one kind")]
    [InlineData("files-ignored-labels-alone", "{dir}/labels.yaml:1:1: 'ignoredLabels' belongs in the file that holds 'areas'")]
    [InlineData("files-not-a-mapping", "{dir}/rules.yaml:1:1: the top level must be a mapping, not a list; a file holds one of areas (with ignoredLabels), peerGroups, indicators, owners, targets, schedule, partnership, rules or tests")]
    [InlineData("files-empty", "{dir}/rules.yaml:1:1: the file is empty; a file holds one of areas (with ignoredLabels), peerGroups, indicators, owners, targets, schedule, partnership, rules or tests")]
    [InlineData("files-two-documents", "{dir}/rules.yaml:3:1: a file holds one YAML document, but a second one starts here")]
    [InlineData("files-kind-not-a-list",
        "{dir}/rules.yaml:2:3: 'rules' must be a list, not a mapping",
        "{dir}/targets.yaml:1:1: 'targets' must be a list, not empty")]
    [InlineData("yaml-tab", "{dir}/rules.yaml:3:1: invalid YAML: a tab cannot indent YAML; use spaces")]
    [InlineData("yaml-unclosed-quote", "{dir}/rules.yaml:4:11: invalid YAML: the quoted text that starts here is not closed, or a line of it is not indented")]
    [InlineData("yaml-duplicate-key", "{dir}/rules.yaml:6:5: duplicate key 'rag'")]
    // A file that is not YAML holds back only the checks against the kind it names: here owners, so
    // leads and the chair, but not the rules' indicators.
    [InlineData("files-unparsed-owners",
        "{dir}/owners.yaml:3:11: invalid YAML: the quoted text that starts here is not closed, or a line of it is not indented",
        "{dir}/rules.yaml:6:20: rule 'bottom-quartile-met': appliesTo names unknown indicator 'burglry'")]
    // Rules.
    [InlineData("rules-unknown-key",
        "{dir}/rules.yaml:2:5: missing required key 'when' in rule 'ytd-off-target'",
        "{dir}/rules.yaml:4:5: unknown key 'whenn' in rule 'ytd-off-target'")]
    [InlineData("rules-missing-id", "{dir}/rules.yaml:7:5: missing required key 'id' in rule #2")]
    [InlineData("rules-missing-when", "{dir}/rules.yaml:2:5: missing required key 'when' in rule 'ytd-off-target'")]
    [InlineData("rules-when-not-text", "{dir}/rules.yaml:4:11: rule 'always': 'when' must be a string, not true; quote it to make it a string")]
    [InlineData("rules-bad-rag", "{dir}/rules.yaml:5:10: rule 'ytd-off-target': 'rag' must be one of red, amber, green, not 'purple'")]
    [InlineData("rules-bad-id", "{dir}/rules.yaml:2:9: rule 'YTD_off_target': 'id' must be a lower-case slug such as residential-burglary, not 'YTD_off_target'")]
    [InlineData("rules-for-zero", "{dir}/rules.yaml:6:10: rule 'ytd-off-target': 'for' must be at least 1, not 0")]
    [InlineData("rules-escalate-not-boolean", "{dir}/rules.yaml:6:15: rule 'ytd-off-target': 'escalate' must be true or false, not 'yes'")]
    [InlineData("rules-rag-and-monitor", "{dir}/rules.yaml:6:5: rule 'ytd-off-target': give 'rag' or 'monitor: true', not both")]
    [InlineData("rules-neither-rag-nor-monitor", "{dir}/rules.yaml:2:5: missing required key 'rag' or 'monitor: true' in rule 'ytd-off-target'")]
    [InlineData("rules-rag-on-monitor-polarity", "{dir}/rules.yaml:6:35: rule 'monitor-red': a RAG rule cannot apply to monitor indicators, which are never RAG rated; use 'monitor: true'")]
    [InlineData("rules-rag-on-monitor-indicator", "{dir}/rules.yaml:6:30: rule 'monitor-red': a RAG rule cannot apply to monitor indicators, which are never RAG rated; use 'monitor: true'")]
    [InlineData("rules-unknown-indicator",
        "{dir}/rules.yaml:6:20: rule 'ytd-off-target': appliesTo names unknown indicator 'burglry'",
        "{dir}/rules.yaml:7:14: rule 'ytd-off-target': appliesTo names tag 'mopac7', which no indicator has")]
    [InlineData("rules-unknown-group", "{dir}/rules.yaml:6:16: rule 'ytd-off-target': each entry of 'groups' must be one of crime, domestic-abuse, gangs-and-serious-youth-violence, youth-offending, reoffending, asb, alcohol, drugs, victim-support, fire, tension-monitoring, not 'crim'")]
    // A schema error leaves out only its rule: the others are still checked, and a rule that reuses
    // the faulty rule's id is a duplicate.
    [InlineData("rules-schema-error-and-unknown-indicator",
        "{dir}/rules.yaml:5:10: rule 'ytd-off-target': 'rag' must be one of red, amber, green, not 'purple'",
        "{dir}/rules.yaml:11:30: rule 'bottom-quartile-met': appliesTo names unknown indicator 'burglry'",
        "{dir}/rules.yaml:14:9: duplicate rule id 'ytd-off-target' (first defined at {dir}/rules.yaml:2:9)")]
    [InlineData("rules-duplicate-id", "{dir}/rules.yaml:2:9: duplicate rule id 'ytd-off-target' (first defined at {dir}/more-rules.yaml:2:9)")]
    // Indicators.
    [InlineData("indicators-bad-polarity", "{dir}/indicators.yaml:6:15: indicator 'burglary': 'polarity' must be one of lower-is-better, higher-is-better, monitor, not 'lower'")]
    [InlineData("indicators-bad-strategy", "{dir}/indicators.yaml:5:30: indicator 'burglary': each entry of 'strategies' must be one of prevention, protection, perpetrators, not 'cure'")]
    [InlineData("indicators-missing-keys",
        "{dir}/indicators.yaml:2:5: missing required key 'polarity' in indicator 'burglary'",
        "{dir}/indicators.yaml:2:5: missing required key 'unit' in indicator 'burglary'",
        "{dir}/indicators.yaml:5:17: indicator 'burglary': 'strategies' must not be an empty list")]
    [InlineData("indicators-unknown-source-key", "{dir}/indicators.yaml:13:13: unknown key 'minors' under 'old' in indicator 'burglary'")]
    [InlineData("indicators-duplicate-id", "{dir}/more-indicators.yaml:2:9: duplicate indicator id 'burglary' (first defined at {dir}/indicators.yaml:2:9)")]
    [InlineData("indicators-unknown-lead", "{dir}/indicators.yaml:8:11: indicator 'burglary' has unknown lead 'crime-leed'")]
    [InlineData("indicators-lead-is-chair", "{dir}/indicators.yaml:8:11: indicator 'burglary' has lead 'pmg-chair', whose role is chair, not lead")]
    [InlineData("indicators-no-lead-for-group", "{dir}/indicators.yaml:2:5: indicator 'deliberate-fires' has no lead, and no lead answers for group 'fire'; give it a 'lead', or name a 'defaultLead' in the partnership file")]
    [InlineData("indicators-two-leads-for-group", "{dir}/indicators.yaml:9:5: indicator 'sexual-offences' has no lead, and leads 'crime-lead' and 'deputy-crime-lead' all answer for group 'crime'; give it a 'lead'")]
    // An indicator left out for its schema error is still defined: the rule naming it, or its tag, is not told it is unknown.
    [InlineData("indicators-schema-error-and-unknown-lead",
        "{dir}/indicators.yaml:6:15: indicator 'burglary': 'polarity' must be one of lower-is-better, higher-is-better, monitor, not 'lower'",
        "{dir}/indicators.yaml:15:11: indicator 'robbery' has unknown lead 'crime-leed'")]
    // The partnership: its own areas are areas, not aggregates, each once; its default lead is a lead.
    [InlineData("partnership-bad-references",
        "{dir}/partnership.yaml:3:21: partnership names unknown area 'narnia'; use an id from the areas file",
        "{dir}/partnership.yaml:3:29: partnership area 'london' is an aggregate of other areas; name the partnership's own areas",
        "{dir}/partnership.yaml:3:37: partnership area 'haringey' is listed twice",
        "{dir}/partnership.yaml:4:16: the partnership's defaultLead 'pmg-chair' has role chair, not lead")]
    [InlineData("partnership-twice",
        "{dir}/second.yaml:1:1: duplicate partnership (first defined at {dir}/partnership.yaml:1:1)",
        "{dir}/second.yaml:3:10: partnership: 'areas' must not be an empty list")]
    // Areas and peer groups.
    [InlineData("areas-bad-population",
        "{dir}/areas.yaml:5:13: area 'barnet': 'population' must be a whole number, not 'abc'",
        "{dir}/areas.yaml:6:7: area 'barnet': 'population' keys must be years such as 2016, not 'twenty'")]
    [InlineData("areas-bad-id",
        "{dir}/areas.yaml:2:9: area 'Barking & Dagenham': 'id' must be a lower-case slug such as residential-burglary, not 'Barking & Dagenham'",
        "{dir}/areas.yaml:4:14: area 'Barking & Dagenham': 'onsCode' must be an ONS code such as E09000002, not 'E9000002'")]
    [InlineData("areas-unknown-peer-group", "{dir}/areas.yaml:8:12: area 'london' sums unknown peer group 'mett'")]
    [InlineData("areas-shared-label",
        "{dir}/areas.yaml:6:15: area 'haringey' has label 'Barking & Dagenham', which already names area 'barking-and-dagenham'",
        "{dir}/areas.yaml:12:5: ignored label 'HARINGEY' names area 'haringey'")]
    [InlineData("peergroups-unknown-area",
        "{dir}/peer-groups.yaml:4:47: peer group 'met' lists unknown area 'narnia'",
        "{dir}/peer-groups.yaml:4:55: peer group 'met' lists area 'haringey' twice",
        "{dir}/peer-groups.yaml:8:7: peer group 'msg': the peers of 'haringey' must include 'haringey' itself",
        "{dir}/peer-groups.yaml:9:7: peer group 'msg' has peers for unknown area 'atlantis'",
        "{dir}/peer-groups.yaml:9:18: peer group 'msg' lists unknown area 'atlantis'")]
    [InlineData("peergroups-schema-error-and-unknown-area",
        "{dir}/peer-groups.yaml:2:5: missing required key 'name' in peer group 'met'",
        "{dir}/peer-groups.yaml:7:28: peer group 'msg' lists unknown area 'narnia'")]
    // A peer group's id names its measures in rules: msg-2 gives msg2Rank, as msg2 does.
    [InlineData("peergroups-id-starts-with-digit",
        "{dir}/peer-groups.yaml:2:9: peer group '2020-msg': the id must start with a letter, as rule conditions name the group's measures after it, such as 2020MsgRank")]
    [InlineData("peergroups-same-measure-names",
        "{dir}/more-peer-groups.yaml:2:5: missing required key 'name' in peer group 'msg-1'",
        "{dir}/more-peer-groups.yaml:4:9: peer group 'msg1' would have the same measure names as peer group 'msg-1' ({dir}/more-peer-groups.yaml:2:9), such as msg1Rank; give one of them another id",
        "{dir}/peer-groups.yaml:5:9: peer group 'msg-2' would have the same measure names as peer group 'msg2' ({dir}/peer-groups.yaml:2:9), such as msg2Rank; give one of them another id")]
    [InlineData("peergroups-members-and-perarea",
        "{dir}/peer-groups.yaml:5:5: peer group 'met': give 'members' or 'perArea', not both",
        "{dir}/peer-groups.yaml:6:5: missing required key 'members' or 'perArea' in peer group 'msg'")]
    // Owners.
    [InlineData("owners-two-chairs", "{dir}/owners.yaml:13:11: owner 'deputy-chair' has role chair, but owner 'pmg-chair' is already the chair ({dir}/owners.yaml:4:11); there must be exactly one chair")]
    [InlineData("owners-none", "{dir}:1:1: no owner has role chair; there must be exactly one chair")]
    [InlineData("owners-no-chair", "{dir}/owners.yaml:1:1: no owner has role chair; there must be exactly one chair")]
    // The chair left out for its schema error is not also missing, nor an unknown lead.
    [InlineData("owners-bad-chair", "{dir}/owners.yaml:5:12: owner 'pmg-chair': 'email' must be an email address, not 'pmg.chair'")]
    [InlineData("owners-bad-email",
        "{dir}/owners.yaml:8:11: owner 'crime-lead': 'role' must be one of lead, chair, not 'Lead'",
        "{dir}/owners.yaml:9:12: owner 'crime-lead': 'email' must be an email address, not 'crime.lead at example.gov.uk'")]
    // Targets.
    [InlineData("targets-annual-and-profile",
        "{dir}/targets.yaml:6:5: target for 'burglary' in 'barking-and-dagenham': give 'annual' or 'profile', not both",
        "{dir}/targets.yaml:7:5: missing required key 'annual' or 'profile' in target for 'drr-starts' in 'barking-and-dagenham'")]
    [InlineData("targets-profile-falls", "{dir}/targets.yaml:5:27: target for 'burglary' in 'barking-and-dagenham': the profile falls from 42 to 40; a cumulative profile never falls")]
    [InlineData("targets-profile-too-long", "{dir}/targets.yaml:5:14: target for 'burglary' in 'barking-and-dagenham': 'profile' must have at most 12 entries, not 13")]
    [InlineData("targets-year-not-consecutive", "{dir}/targets.yaml:4:11: target for 'burglary' in 'barking-and-dagenham': year '2016/18' must be two consecutive years, such as 2016/17")]
    [InlineData("targets-year-not-a-financial-year",
        "{dir}/targets.yaml:4:11: target for 'burglary' in 'barking-and-dagenham': 'year' must be a financial year such as 2016/17, not 2016",
        "{dir}/targets.yaml:8:11: target for 'burglary' in 'haringey': 'year' must be a financial year such as 2016/17, not '2016-17'")]
    [InlineData("targets-unknown-references",
        "{dir}/targets.yaml:6:16: target for unknown indicator 'burglry'",
        "{dir}/targets.yaml:7:11: target for unknown area 'narnia'",
        "{dir}/targets.yaml:12:11: duplicate target for 'burglary' in 'barking-and-dagenham' in 2016/17 (first defined at {dir}/targets.yaml:4:11)")]
    // Schedule.
    [InlineData("schedule-bad-values",
        "{dir}/schedule.yaml:2:29: schedule: each entry of 'pmgMeetings' must be a date such as 2017-03-01, not '2017-02-30'",
        "{dir}/schedule.yaml:3:21: schedule: 'digestDaysBefore' must be a whole number, not 'a week'")]
    [InlineData("schedule-twice", "{dir}/schedule.yaml:1:1: duplicate schedule (first defined at {dir}/schedule-2017.yaml:1:1)")]
    // Limits: no file, however written, takes unbounded memory or time, crashes the loader or floods a report.
    [InlineData("limits-billion-laughs", "{dir}/laughs.yaml:2:8: the alias '*a' is not allowed, as an alias can repeat its anchor's value without bound; write the value out where it is needed")]
    [InlineData("limits-alias", "{dir}/rules.yaml:8:9: the alias '*amber-ytd' is not allowed, as an alias can repeat its anchor's value without bound; write the value out where it is needed")]
    [InlineData("limits-deep-nesting", "{dir}/rules.yaml:1:39: lists and mappings nest deeper here than the limit of 32 levels")]
    // .NET's \d matches any Unicode digit and its $ matches before a final newline: neither lets a year past the schema.
    [InlineData("limits-population-year-full-width", "{dir}/areas.yaml:5:7: area 'barnet': 'population' keys must be years such as 2016, not '２０１６'")]
    [InlineData("limits-population-year-newline", "{dir}/areas.yaml:5:7: area 'barnet': 'population' keys must be years such as 2016, not '2016\\n'")]
    [InlineData("limits-population-bounds",
        "{dir}/areas.yaml:5:7: area 'barnet': 'population' keys must be years from 1900 to 2100, not '1066'",
        "{dir}/areas.yaml:7:7: area 'barnet': 'population' keys must be years from 1900 to 2100, not '2200'",
        "{dir}/areas.yaml:11:13: area 'haringey': 'population' must be at most 100000000, not 123456789012",
        "{dir}/areas.yaml:12:13: area 'haringey': 'population' must be at most 100000000, not 100000001",
        "{dir}/areas.yaml:17:13: area 'enfield': 'population' must be at most 100000000, not 99999999999999999999999999999999999999999",
        "{dir}/areas.yaml:18:13: area 'enfield': 'population' must be a whole number, not 1e20")]
    [InlineData("limits-for-too-large",
        "{dir}/rules.yaml:6:10: rule 'ytd-off-target': 'for' must be at most 36, not 99999999999",
        "{dir}/rules.yaml:18:10: rule 'three-years-and-a-month': 'for' must be at most 36, not 37")]
    [InlineData("limits-schedule-bounds",
        "{dir}/schedule.yaml:2:29: schedule: each entry of 'pmgMeetings' must be a date from 1900-01-01 to 2100-12-31, not '0001-01-01'",
        "{dir}/schedule.yaml:2:41: schedule: each entry of 'pmgMeetings' must be a date from 1900-01-01 to 2100-12-31, not '2101-01-01'",
        "{dir}/schedule.yaml:3:21: schedule: 'digestDaysBefore' must be at most 60, not 99999999999")]
    [InlineData("limits-schedule-digest-days", "{dir}/schedule.yaml:3:21: schedule: 'digestDaysBefore' must be at most 60, not 61")]
    [InlineData("limits-target-bounds",
        "{dir}/targets.yaml:4:11: target for 'burglary' in 'barking-and-dagenham': 'year' must be a financial year from 1900/01 to 2100/01, not '1800/01'",
        "{dir}/targets.yaml:9:13: target for 'burglary' in 'barking-and-dagenham': 'annual' must be at most 1000000000, not 10000000000",
        "{dir}/targets.yaml:13:23: target for 'burglary' in 'haringey': each entry of 'profile' must be at most 1000000000, not 1e300",
        "{dir}/targets.yaml:16:11: target for 'burglary' in 'haringey': 'year' must be a financial year such as 2016/17, not '２０１７/18'",
        "{dir}/targets.yaml:20:11: target for 'burglary' in 'haringey': 'year' must be a financial year such as 2016/17, not '2018/19\\n'")]
    // Ids are ASCII slugs, codes ASCII digits, and an email address printable ASCII on one line (no header can ride on it).
    [InlineData("limits-ascii-patterns",
        "{dir}/areas.yaml:2:9: area 'barnet\\n': 'id' must be a lower-case slug such as residential-burglary, not 'barnet\\n'",
        "{dir}/areas.yaml:6:14: area 'haringey': 'onsCode' must be an ONS code such as E09000002, not 'E0900001４'",
        "{dir}/areas.yaml:9:14: area 'enfield': 'onsCode' must be an ONS code such as E09000002, not 'E09000010\\n'",
        "{dir}/owners.yaml:5:12: owner 'pmg-chair': 'email' must be an email address, not 'pmg.chair@example.gov.uk\\nBcc: everyone@example.gov.uk'",
        "{dir}/owners.yaml:9:12: owner 'crime-lead': 'email' must be an email address, not 'crime.lead@example.gov.uk\\n'",
        "{dir}/owners.yaml:14:12: owner 'asb-lead': 'email' must be an email address, not 'asb.lead@exämple.gov.uk'")]
    // Input is echoed at most 80 characters long, and with control and bidirectional characters escaped.
    [InlineData("limits-echo",
        "{dir}/rules.yaml:5:10: rule 'ytd-off-target': 'rag' must be one of red, amber, green, not 'red\\u001b[2J\\u202eeulb\\r\\n\\t'",
        "{dir}/rules.yaml:10:10: rule 'very-long-rule-id-very-long-rule-id-very-long-rule-id-very-long-rule-id-very-lo…': 'rag' must be one of red, amber, green, not 'amberamberamberamberamberamberamberamberamberamberamberamberamberamberamberambe…'",
        "{dir}/rules.yaml:11:5: unknown key 'wheneverwheneverwheneverwheneverwheneverwheneverwheneverwheneverwheneverwheneve…' in rule 'very-long-rule-id-very-long-rule-id-very-long-rule-id-very-long-rule-id-very-lo…'")]
    public void A_faulty_rules_folder_is_rejected_with_exactly_these_errors(string fixture, params string[] expected)
    {
        var folder = ConfigFixtures.Folder($"conf.{fixture}");

        var rejected = Assert.Throws<ConfigurationRejectedException>(() => ConfigurationLoader.Load(folder));

        Assert.Equal(expected.Select(e => e.Replace("{dir}", folder, StringComparison.Ordinal)), rejected.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Every_fixture_folder_is_covered_by_the_theory()
    {
        var covered = typeof(ConfigurationLoaderErrorTests)
            .GetMethod(nameof(A_faulty_rules_folder_is_rejected_with_exactly_these_errors))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false)
            .Cast<InlineDataAttribute>()
            .Select(a => "conf." + a.GetData(null!).Single()[0])
            .Append("conf.many-errors")
            .Order(StringComparer.Ordinal);
        var folders = Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "TestData", "config"), "conf.*")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);

        Assert.Equal(folders, covered);
    }

    [Fact]
    public void Errors_in_several_files_are_all_reported_at_once_in_file_order()
    {
        var folder = ConfigFixtures.Folder("conf.many-errors");

        var rejected = Assert.Throws<ConfigurationRejectedException>(() => ConfigurationLoader.Load(folder));

        // broken.yaml is not YAML, but it names 'areas': only checks against areas are held back, so the
        // owners are checked in the same run, and owners.yaml has no chair.
        Assert.Equal(
            [
                $"{folder}/broken.yaml:2:1: invalid YAML: while parsing a node, did not find expected node content",
                $"{folder}/indicators.yaml:6:15: indicator 'burglary': 'polarity' must be one of lower-is-better, higher-is-better, monitor, not 'lower'",
                $"{folder}/owners.yaml:1:1: no owner has role chair; there must be exactly one chair",
                $"{folder}/rules.yaml:6:5: rule 'ytd-off-target': give 'rag' or 'monitor: true', not both",
            ],
            rejected.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void The_exception_message_lists_every_error_one_to_a_line()
    {
        var folder = ConfigFixtures.Folder("conf.targets-annual-and-profile");

        var rejected = Assert.Throws<ConfigurationRejectedException>(() => ConfigurationLoader.Load(folder));

        Assert.Equal(
            string.Join(Environment.NewLine, ["The configuration was rejected with 2 errors:", .. rejected.Errors.Select(e => e.ToString())]),
            rejected.Message);
    }

    [Fact]
    public void A_folder_that_does_not_exist_is_not_found()
    {
        Assert.Throws<DirectoryNotFoundException>(() => ConfigurationLoader.Load(ConfigFixtures.Folder("no-such-folder")));
    }
}

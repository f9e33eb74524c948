using CspAlerts.Configuration;
using CspAlerts.Core.Tests.Support;

namespace CspAlerts.Core.Tests.Configuration;

/// <summary>Rule test files are checked as the other configuration is: each error at its file, line and column.</summary>
public class RuleTestReaderTests
{
    private static List<string> ErrorsWith(string name, string text)
    {
        var sources = Directory.GetFiles(RepoFiles.Rules, "*.yaml")
            .Select(path => new ConfigurationSource("rules/" + Path.GetFileName(path), File.ReadAllText(path)))
            .Append(new ConfigurationSource(name, text));
        return ConfigurationLoader.Read(sources).Errors.Select(e => e.ToString()).ToList();
    }

    [Fact]
    public void A_broken_test_names_its_file_line_and_what_is_wrong_with_a_suggestion()
    {
        var errors = ErrorsWith("rules/tests/broken.yaml", """
            tests:
              - name: Broken
                indicator: theft-of-motor-vehicel
                area: barking-and-dagenham
                period: 2016-12
                rules: [bottom-quartile-mgs]
                facts: { changePc: 3, polarity: monitor, spcVariation: concen }
                expect: [bottom-quartile-mgs]
            """);

        Assert.Equal(
            [
                "rules/tests/broken.yaml:3:16: test 'Broken': unknown indicator 'theft-of-motor-vehicel'; did you mean 'theft-of-motor-vehicle'?",
                "rules/tests/broken.yaml:6:13: test 'Broken': unknown rule 'bottom-quartile-mgs'; did you mean 'bottom-quartile-msg'?",
                "rules/tests/broken.yaml:7:14: test 'Broken': unknown measure 'changePc'; did you mean 'changePct'?",
                "rules/tests/broken.yaml:7:27: test 'Broken': polarity comes from the indicator the test names, not from its facts; name an indicator with the polarity you mean",
                "rules/tests/broken.yaml:7:60: test 'Broken': 'concen' is not a value of spcVariation: it is one of common-cause, concern, improvement, neutral",
                "rules/tests/broken.yaml:8:14: test 'Broken': unknown rule 'bottom-quartile-mgs'; did you mean 'bottom-quartile-msg'?",
            ],
            errors);
    }

    [Fact]
    public void A_test_with_a_bad_month_or_neither_facts_nor_series_fails_the_schema()
    {
        var errors = ErrorsWith("rules/tests/broken.yaml", """
            tests:
              - name: No month
                indicator: robbery
                area: barking-and-dagenham
                period: 2016-13
                facts: {}
                expect: []
              - name: No figures
                indicator: robbery
                area: barking-and-dagenham
                period: 2016-12
                expect: []
            """);

        Assert.Equal(
            [
                "rules/tests/broken.yaml:5:13: test 'No month': 'period' must be a month such as 2016-12, not '2016-13'",
                "rules/tests/broken.yaml:8:5: missing required key 'facts' or 'series' in test 'No figures'",
            ],
            errors);
    }

    [Fact]
    public void A_series_without_the_tests_own_area_is_an_error()
    {
        var errors = ErrorsWith("rules/tests/broken.yaml", """
            tests:
              - name: Wrong area
                indicator: robbery
                area: barking-and-dagenham
                period: 2016-12
                series:
                  haringey: [10 x 24]
                expect: []
            """);

        Assert.Equal(["rules/tests/broken.yaml:6:5: test 'Wrong area': 'series' has no series for the test's own area 'barking-and-dagenham'"], errors);
    }

    [Fact]
    public void An_unknown_key_gets_a_suggestion_from_the_known_ones()
    {
        var errors = ErrorsWith("rules/extra.yaml", """
            rules:
              - id: x
                description: x
                when: changePct > 10
                rag: red
                mesage: "x"
                message: "x"
            """);

        Assert.Equal(["rules/extra.yaml:6:5: unknown key 'mesage' in rule 'x'; did you mean 'message'?"], errors);
    }

    [Fact]
    public void An_unquoted_message_that_starts_with_a_brace_gets_a_hint_to_quote_it()
    {
        var errors = ErrorsWith("rules/extra.yaml", """
            rules:
              - id: x
                description: x
                when: changePct > 10
                rag: red
                message: {indicatorName} is up.
            """);

        Assert.Equal(["rules/extra.yaml:6:14: invalid YAML: a value that starts with '{' is read as a mapping; quote it, e.g. message: \"{indicatorName} is ...\""], errors);
    }
}

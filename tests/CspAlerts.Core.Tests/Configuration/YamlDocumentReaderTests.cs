using CspAlerts.Configuration;
using CspAlerts.Diagnostics;
using Newtonsoft.Json.Linq;

namespace CspAlerts.Core.Tests.Configuration;

public class YamlDocumentReaderTests
{
    private static ConfigDocument Read(string yaml)
    {
        var errors = new List<ConfigError>();
        var document = YamlDocumentReader.Read(yaml, "rules/test.yaml", errors);
        Assert.Empty(errors);
        return document!;
    }

    [Theory]
    [InlineData("a: 12", JTokenType.Integer)]
    [InlineData("a: -3", JTokenType.Integer)]
    [InlineData("a: 2.5", JTokenType.Float)]
    [InlineData("a: 1e3", JTokenType.Float)]
    [InlineData("a: true", JTokenType.Boolean)]
    [InlineData("a: False", JTokenType.Boolean)]
    [InlineData("a: ~", JTokenType.Null)]
    [InlineData("a:", JTokenType.Null)]
    [InlineData("a: null", JTokenType.Null)]
    [InlineData("a: yes", JTokenType.String)]
    [InlineData("a: 2016/17", JTokenType.String)]
    [InlineData("a: 2017-03-01", JTokenType.String)]
    [InlineData("a: \"12\"", JTokenType.String)]
    [InlineData("a: 'true'", JTokenType.String)]
    [InlineData("a: !!str 12", JTokenType.String)]
    [InlineData("a: |\n  12", JTokenType.String)]
    public void Plain_scalars_that_read_as_numbers_or_booleans_are_typed_and_quoted_ones_stay_strings(string yaml, JTokenType expected)
    {
        var document = Read(yaml);

        Assert.Equal(expected, document.Root["a"]!.Type);
    }

    [Fact]
    public void Keys_are_always_strings_so_years_can_key_a_mapping()
    {
        var document = Read("population:\n  2016: 208182\n");

        Assert.Equal(208182L, (long)document.Root["population"]!["2016"]!);
    }

    [Fact]
    public void Every_token_knows_the_line_and_column_it_came_from()
    {
        var document = Read("rules:\n  - id: x\n    when: \"a > b\"\n");
        var rule = (JObject)document.Root["rules"]![0]!;

        Assert.Equal(new SourceLocation("rules/test.yaml", 2, 5), document.At(rule));
        Assert.Equal(new SourceLocation("rules/test.yaml", 3, 5), document.KeyAt(rule, "when"));
        Assert.Equal(new SourceLocation("rules/test.yaml", 3, 11), document.ValueAt(rule, "when"));
        Assert.Equal(new SourceLocation("rules/test.yaml", 3, 12), document.TextAt(rule["when"]!));
    }

    [Theory]
    [InlineData("a: 99999999999", 99999999999L)]
    [InlineData("a: 9223372036854775807", long.MaxValue)]
    public void Whole_numbers_keep_their_value_up_to_int64(string yaml, long expected)
    {
        var document = Read(yaml);

        Assert.Equal(expected, (long)document.Root["a"]!);
    }

    [Theory]
    [InlineData("a: 9223372036854775808")]
    [InlineData("a: 99999999999999999999999999999999999999999")]
    [InlineData("a: -99999999999999999999999999999999999999999")]
    public void Whole_numbers_past_int64_stay_whole_and_are_quoted_as_written(string yaml)
    {
        var document = Read(yaml);
        var value = document.Root["a"]!;

        Assert.Equal(JTokenType.Integer, value.Type);
        Assert.Equal(yaml[3..], document.Describe(value));
    }

    [Theory]
    [InlineData("a: &crime [crime, asb]\nb: *crime\n", "rules/test.yaml:2:4: the alias '*crime' is not allowed, as an alias can repeat its anchor's value without bound; write the value out where it is needed")]
    [InlineData("base: &base {rag: red}\nrule:\n  <<: *base\n", "rules/test.yaml:3:7: the alias '*base' is not allowed, as an alias can repeat its anchor's value without bound; write the value out where it is needed")]
    public void An_alias_is_refused_where_it_is_used(string yaml, string expected)
    {
        var errors = new List<ConfigError>();

        var document = YamlDocumentReader.Read(yaml, "rules/test.yaml", errors);

        Assert.Null(document);
        Assert.Equal(expected, Assert.Single(errors).ToString());
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void Lists_and_mappings_may_nest_as_deep_as_the_limit(int maxDepth, bool refused)
    {
        var errors = new List<ConfigError>();
        var limits = ConfigurationLimits.Default with { MaxDepth = maxDepth };

        YamlDocumentReader.Read("a:\n  b:\n    c: [1]\n", "rules/test.yaml", errors, limits);

        Assert.Equal(refused ? ["rules/test.yaml:3:8: lists and mappings nest deeper here than the limit of 3 levels"] : [], errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("a: [1, 2\n", "rules/test.yaml:2:1: invalid YAML: while parsing a flow sequence, did not find expected ',' or ']'")]
    [InlineData("a: 'open\n", "rules/test.yaml:1:4: invalid YAML: the quoted text that starts here is not closed, or a line of it is not indented")]
    [InlineData("a:\n  b: 1\n\t c: 2\n", "rules/test.yaml:3:1: invalid YAML: a tab cannot indent YAML; use spaces")]
    [InlineData("a: 1\na: 2\n", "rules/test.yaml:2:1: duplicate key 'a'")]
    [InlineData("? [a, b]\n: 1\n", "rules/test.yaml:1:3: a key must be plain text, not a list or mapping")]
    public void Text_that_is_not_yaml_is_an_error_at_the_fault(string yaml, string expected)
    {
        var errors = new List<ConfigError>();

        var document = YamlDocumentReader.Read(yaml, "rules/test.yaml", errors);

        Assert.Null(document);
        Assert.Equal(expected, Assert.Single(errors).ToString());
    }
}

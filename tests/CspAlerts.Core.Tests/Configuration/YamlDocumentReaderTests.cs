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

    [Fact]
    public void An_alias_reads_as_a_copy_of_its_anchor()
    {
        var document = Read("a: &crime [crime, asb]\nb: *crime\n");

        Assert.Equal(["crime", "asb"], document.Root["b"]!.Select(t => (string)t!));
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

using CspAlerts.Configuration;
using CspAlerts.Diagnostics;
using CspAlerts.Model;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace CspAlerts.Core.Tests.Configuration;

/// <summary>The embedded <c>rules.schema.json</c>: what editors show, and what it must agree with in the code.</summary>
public class RulesSchemaTests
{
    private static readonly JObject Schema = JObject.Parse(SchemaValidator.SchemaText);

    [Fact]
    public async Task The_schema_is_embedded_and_is_a_draft_07_schema_njsonschema_reads()
    {
        var schema = await JsonSchema.FromJsonAsync(SchemaValidator.SchemaText);

        Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)Schema["$schema"]);
        Assert.Equal(ConfigurationLoader.Kinds.Append("ignoredLabels").Order(), schema.Properties.Keys.Order());
    }

    [Fact]
    public void Every_property_and_definition_has_a_description_for_editors_to_show()
    {
        var missing = Schema.Descendants().OfType<JProperty>()
            .Where(p => p.Name is "properties" or "patternProperties" or "definitions")
            .SelectMany(p => ((JObject)p.Value).Properties())
            .Where(p => p.Value["description"] is null)
            .Select(p => p.Path)
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Every_property_has_examples_for_editors_to_offer_and_each_example_is_valid()
    {
        var properties = Schema.Descendants().OfType<JProperty>()
            .Where(p => p.Name == "properties")
            .SelectMany(p => ((JObject)p.Value).Properties())
            .ToList();

        Assert.Empty(properties.Where(p => p.Value["examples"] is not JArray { Count: > 0 }).Select(p => p.Path));
        foreach (var property in properties)
        {
            var own = (JObject)property.Value.DeepClone();
            own.Remove("examples");
            var wrapper = new JObject
            {
                ["definitions"] = Schema["definitions"]!.DeepClone(),
                ["type"] = "object",
                ["properties"] = new JObject { ["x"] = own },
            };
            var schema = await JsonSchema.FromJsonAsync(wrapper.ToString());
            foreach (var example in (JArray)property.Value["examples"]!)
            {
                var errors = schema.Validate(new JObject { ["x"] = example.DeepClone() });
                Assert.True(errors.Count == 0, $"{property.Path}: example {example.ToString(Newtonsoft.Json.Formatting.None)} is not valid: {string.Join(", ", errors)}");
            }
        }
    }

    [Fact]
    public void Every_shipped_file_points_editors_at_the_schema_by_its_relative_path()
    {
        foreach (var file in Directory.GetFiles(Support.RepoFiles.Rules, "*.yaml", SearchOption.AllDirectories))
        {
            var first = File.ReadLines(file).First();
            const string Prefix = "# yaml-language-server: $schema=";
            Assert.StartsWith(Prefix, first, StringComparison.Ordinal);
            var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, first[Prefix.Length..]));
            Assert.Equal(Path.Combine(Support.RepoFiles.Root, "rules.schema.json"), target);
        }
    }

    [Theory]
    [InlineData("indicator", "polarity", typeof(Polarity))]
    [InlineData("indicator", "unit", typeof(IndicatorUnit))]
    [InlineData("owner", "role", typeof(OwnerRole))]
    [InlineData("rule", "rag", typeof(Rag))]
    public void The_schema_enums_name_the_model_enum_values_in_kebab_case(string definition, string property, Type type)
    {
        var values = Schema["definitions"]![definition]!["properties"]![property]!["enum"]!.Select(v => (string)v!);

        Assert.Equal(Enum.GetNames(type).Select(Kebab), values);
    }

    [Fact]
    public void Strategic_groups_are_the_eleven_the_specification_lists()
    {
        var groups = Schema["definitions"]!["strategicGroup"]!["enum"]!.Select(v => (string)v!);

        Assert.Equal(
            ["crime", "domestic-abuse", "gangs-and-serious-youth-violence", "youth-offending", "reoffending", "asb",
             "alcohol", "drugs", "victim-support", "fire", "tension-monitoring"],
            groups);
    }

    [Theory]
    [InlineData("tests: []\n", 0)]
    [InlineData("tests:\n  - name: x\n    indicator: robbery\n    area: haringey\n    period: 2014-09\n    facts: { changePct: 12 }\n    expect: [significant-deterioration]\n", 0)]
    [InlineData("tests:\n  - name: x\n    indicator: robbery\n    area: haringey\n    period: 2014-09\n    series: { haringey: [10 x 12, 12] }\n    expect: [{ rule: significant-deterioration, rag: amber }]\n", 0)]
    [InlineData("tests:\n  - rule: x\n    anything: [goes, here]\n", 8)]
    [InlineData("tests:\n  - 1\n", 1)]
    public void Rule_test_files_are_checked_against_their_own_schema(string yaml, int errors)
    {
        var readErrors = new List<ConfigError>();
        var document = YamlDocumentReader.Read(yaml, "rules/tests.yaml", readErrors)!;

        Assert.Equal(errors, SchemaValidator.Validate(document).Count);
    }

    [Fact]
    public void Every_pattern_takes_ascii_digits_only_and_is_anchored_at_the_very_end()
    {
        var patterns = Schema.Descendants().OfType<JProperty>()
            .SelectMany(p => p.Name switch
            {
                "pattern" => [(string)p.Value!],
                "patternProperties" => ((JObject)p.Value).Properties().Select(k => k.Name),
                _ => [],
            })
            .ToList();

        Assert.NotEmpty(patterns);
        Assert.All(patterns, pattern =>
        {
            Assert.DoesNotContain(@"\d", pattern, StringComparison.Ordinal);
            Assert.StartsWith("^", pattern, StringComparison.Ordinal);
            Assert.EndsWith(@"$(?!\n)", pattern, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("2016", true)]
    [InlineData("2016\n", false)]
    [InlineData("２０１６", false)]
    [InlineData("٢٠١٦", false)]
    [InlineData("2016 ", false)]
    public void NJsonSchema_holds_a_population_year_to_four_ascii_digits_and_nothing_after(string year, bool valid)
    {
        var document = YamlDocumentReader.Read("areas:\n  - id: barnet\n    name: Barnet\n    population: {}\n", "rules/areas.yaml", [])!;
        ((JObject)document.Root["areas"]![0]!["population"]!).Add(year, 386083);

        Assert.Equal(valid, SchemaValidator.Validate(document).Count == 0);
    }

    [Theory]
    [InlineData("barnet", true)]
    [InlineData("barnet\n", false)]
    [InlineData("barnet\r", false)]
    [InlineData("bärnet", false)]
    [InlineData("barnet\u202e", false)]
    public void NJsonSchema_holds_an_id_to_an_ascii_slug_and_nothing_after(string id, bool valid)
    {
        var document = YamlDocumentReader.Read("areas:\n  - id: barnet\n    name: Barnet\n", "rules/areas.yaml", [])!;
        document.Root["areas"]![0]!["id"] = id;

        Assert.Equal(valid, SchemaValidator.Validate(document).Count == 0);
    }

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));
}

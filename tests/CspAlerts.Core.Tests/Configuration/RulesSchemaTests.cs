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
    [InlineData("tests:\n  - rule: x\n    anything: [goes, here]\n", 0)]
    [InlineData("tests: []\n", 0)]
    [InlineData("tests:\n  - 1\n", 1)]
    public void Rule_test_files_are_accepted_loosely_as_a_list_of_mappings(string yaml, int errors)
    {
        var readErrors = new List<ConfigError>();
        var document = YamlDocumentReader.Read(yaml, "rules/tests.yaml", readErrors)!;

        Assert.Equal(errors, SchemaValidator.Validate(document).Count);
    }

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));
}

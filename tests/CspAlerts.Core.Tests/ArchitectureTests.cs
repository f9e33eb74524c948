using CspAlerts.Model;
using NetArchTest.Rules;

namespace CspAlerts.Core.Tests;

/// <summary>
/// The pipeline's layers depend one way: Model and Diagnostics ← Configuration, Ingest ← Measures ←
/// Rules ← Evaluation ← Alerts ← Notify, with Output beside them. A type that reaches up a layer
/// fails here, naming itself.
/// </summary>
public class ArchitectureTests
{
    private const string Root = "CspAlerts";

    public static TheoryData<string, string[]> Layers => new()
    {
        { "Diagnostics", ["Model", "Configuration", "Ingest", "Measures", "Rules", "Evaluation", "Output", "Alerts", "Notify"] },
        { "Model", ["Configuration", "Ingest", "Measures", "Rules", "Evaluation", "Output", "Alerts", "Notify"] },
        { "Configuration", ["Ingest", "Measures", "Rules", "Evaluation", "Output", "Alerts", "Notify"] },
        { "Ingest", ["Configuration", "Measures", "Rules", "Evaluation", "Output", "Alerts", "Notify"] },
        { "Measures", ["Configuration", "Rules", "Evaluation", "Output", "Alerts", "Notify"] },
        { "Rules", ["Configuration", "Ingest", "Evaluation", "Output", "Alerts", "Notify"] },
        { "Evaluation", ["Output", "Alerts", "Notify"] },
        { "Alerts", ["Output", "Notify"] },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_layer_does_not_depend_on_the_layers_above_it(string layer, string[] above)
    {
        var result = Types.InAssembly(typeof(Period).Assembly)
            .That().ResideInNamespaceMatching($@"^{Root}\.{layer}(\..*)?$")
            .ShouldNot().HaveDependencyOnAny([.. above.Select(a => $"{Root}.{a}")])
            .GetResult();

        Assert.True(result.IsSuccessful, $"{layer} reaches up: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void The_model_knows_nothing_of_the_file_formats_or_the_rules_engine()
    {
        var result = Types.InAssembly(typeof(Period).Assembly)
            .That().ResideInNamespaceMatching($@"^{Root}\.(Model|Diagnostics)$")
            .ShouldNot().HaveDependencyOnAny("YamlDotNet", "NJsonSchema", "Newtonsoft", "RulesEngine", "System.Linq.Dynamic", "CsvHelper", "System.IO.Compression", "System.Xml")
            .GetResult();

        Assert.True(result.IsSuccessful, $"model types depend on a format or engine: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Every_core_type_lives_in_a_layer()
    {
        var stray = typeof(Period).Assembly.GetTypes()
            .Where(t => t.Namespace is not null && t.Namespace.StartsWith(Root, StringComparison.Ordinal) && !t.Name.StartsWith('<'))
            .Where(t => t.Namespace!.Split('.') is not [_, "Diagnostics" or "Model" or "Configuration" or "Ingest" or "Measures" or "Rules" or "Evaluation" or "Output" or "Alerts" or "Notify", ..])
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(stray);
    }

    [Fact]
    public void The_core_references_no_host_mail_or_database_library()
    {
        var references = typeof(Period).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, r =>
            r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || r.StartsWith("Hangfire", StringComparison.Ordinal)
            || r.StartsWith("MailKit", StringComparison.Ordinal) || r.StartsWith("MimeKit", StringComparison.Ordinal)
            || r.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) || r.StartsWith("Npgsql", StringComparison.Ordinal));
    }
}

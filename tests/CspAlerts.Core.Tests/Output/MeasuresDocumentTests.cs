using CspAlerts.Configuration;
using CspAlerts.Core.Tests.Support;
using CspAlerts.Output;

namespace CspAlerts.Core.Tests.Output;

public class MeasuresDocumentTests
{
    /// <summary>
    /// docs/measures.md lists every measure of the shipped configuration, as the catalogue has it.
    /// Set CSPALERTS_UPDATE_DOCS=1 to rewrite the list after changing the catalogue.
    /// </summary>
    [Fact]
    public void The_measures_in_the_docs_are_the_catalogue_of_the_shipped_configuration()
    {
        var root = CspAlerts.Testing.RepositoryRoot.Find(AppContext.BaseDirectory);
        var path = Path.Combine(root, "docs", "measures.md");
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var start = text.IndexOf(MeasuresDocument.Begin, StringComparison.Ordinal) + MeasuresDocument.Begin.Length + 1;
        var end = text.IndexOf(MeasuresDocument.End, StringComparison.Ordinal);
        var expected = MeasuresDocument.Table(ConfigurationLoader.Load(Path.Combine(root, "rules")).Measures);

        if (Environment.GetEnvironmentVariable("CSPALERTS_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, text[..start] + expected + text[end..]);
            return;
        }

        Assert.Equal(expected, text[start..end]);
    }

    [Fact]
    public void Every_measure_has_a_meaning_and_a_unique_name()
    {
        var measures = TestMeasures.Standard.All;

        Assert.All(measures, m => Assert.False(string.IsNullOrWhiteSpace(m.Meaning)));
        Assert.Equal(measures.Count, measures.Select(m => m.Name.ToUpperInvariant()).Distinct().Count());
    }
}

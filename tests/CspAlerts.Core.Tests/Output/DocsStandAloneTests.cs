namespace CspAlerts.Core.Tests.Output;

/// <summary>The repository's docs stand alone: a user has no document outside it to follow.</summary>
public class DocsStandAloneTests
{
    [Fact]
    public void No_doc_or_configuration_file_points_outside_the_repository()
    {
        var root = CspAlerts.Testing.RepositoryRoot.Find(AppContext.BaseDirectory);
        var files = new[] { "README.md" }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Select(f => Path.GetRelativePath(root, f)))
            .Concat(Directory.GetFiles(Path.Combine(root, "rules"), "*.yaml").Select(f => Path.GetRelativePath(root, f)))
            .Append("seeds/README.md")
            .Append("rules.schema.json");

        var offending = files
            .SelectMany(f => File.ReadAllLines(Path.Combine(root, f)).Select((line, i) => (f, i + 1, line)))
            .Where(x => x.line.Contains("SPEC", StringComparison.Ordinal) || x.line.Contains("../shared", StringComparison.Ordinal))
            .Select(x => $"{x.f}:{x.Item2}: {x.line.Trim()}")
            .ToList();

        Assert.Empty(offending);
    }
}

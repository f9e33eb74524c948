namespace CspAlerts.Cli.Tests.Support;

/// <summary>Copies of the shipped rules folder with one change, as paths relative to the repository.</summary>
public static class RulesCopy
{
    /// <summary>The shipped rules with one exact line removed from one file.</summary>
    public static string Without(string file, string line)
    {
        var folder = Copy();
        var path = Path.Combine(CliRun.RepoRoot, folder, Path.GetFileName(file));
        var lines = File.ReadAllLines(path).ToList();
        Assert.True(lines.Remove(line), $"'{line}' is not in {file}");
        File.WriteAllLines(path, lines);
        return folder;
    }

    /// <summary>The shipped rules with one more file.</summary>
    public static string With(string name, string text)
    {
        var folder = Copy();
        File.WriteAllText(Path.Combine(CliRun.RepoRoot, folder, name), text);
        return folder;
    }

    /// <summary>Adds one more file to a copy made earlier.</summary>
    public static string Add(string folder, string name, string text)
    {
        File.WriteAllText(Path.Combine(CliRun.RepoRoot, folder, name), text);
        return folder;
    }

    private static string Copy()
    {
        var relative = $"tests/CspAlerts.Cli.Tests/bin/work/rules-{Guid.NewGuid():N}";
        var folder = Path.Combine(CliRun.RepoRoot, relative);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(CliRun.RepoRoot, "rules")))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return relative;
    }
}

namespace CspAlerts.Testing;

/// <summary>
/// The repository the tests and benchmarks run from: the folder holding CspAlerts.sln above the
/// given start (the test binaries, or the working directory). Linked into each test project.
/// </summary>
internal static class RepositoryRoot
{
    public static string Find(string start)
    {
        var dir = new DirectoryInfo(start);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CspAlerts.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CspAlerts.sln not found above " + start);
    }
}

namespace CspAlerts.Core.Tests.Support;

/// <summary>Paths into the repository the tests run from, for the shipped rules and seeds.</summary>
public static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string Rules => Path.Combine(Root, "rules");

    public static string Seeds => Path.Combine(Root, "seeds");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CspAlerts.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CspAlerts.sln not found above " + AppContext.BaseDirectory);
    }
}

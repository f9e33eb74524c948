namespace CspAlerts.Core.Tests.Support;

/// <summary>Paths into the repository the tests run from, for the shipped rules and seeds.</summary>
public static class RepoFiles
{
    public static string Root { get; } = CspAlerts.Testing.RepositoryRoot.Find(AppContext.BaseDirectory);

    public static string Rules => Path.Combine(Root, "rules");

    public static string Seeds => Path.Combine(Root, "seeds");
}

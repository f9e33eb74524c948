namespace CspAlerts.Core.Tests.Support;

/// <summary>Paths of the files under TestData, copied beside the test assembly.</summary>
public static class TestFiles
{
    /// <summary>The TestData folder, with '/' separators, as error texts show it.</summary>
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "TestData").Replace('\\', '/');

    public static string Ingest(string name) => $"{Root}/ingest/{name}";

    public static string BadDataset(string name) => $"{Root}/bad-datasets/{name}";
}

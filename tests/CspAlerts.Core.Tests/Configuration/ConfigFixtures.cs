namespace CspAlerts.Core.Tests.Configuration;

/// <summary>The rules folders under <c>TestData/config</c>, by the path errors will name them with.</summary>
internal static class ConfigFixtures
{
    /// <summary>A fixture folder as a path relative to the working directory, with '/' separators, as errors print it.</summary>
    public static string Folder(string name) =>
        Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(AppContext.BaseDirectory, "TestData", "config", name))
            .Replace(Path.DirectorySeparatorChar, '/');
}

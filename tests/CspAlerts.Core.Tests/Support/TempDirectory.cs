namespace CspAlerts.Core.Tests.Support;

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cspalerts-tests-" + Guid.NewGuid().ToString("N")).Replace('\\', '/');
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => $"{Path}/{name}";

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

using System.Text.Json;

namespace CspAlerts.Cli.Tests.Support;

/// <summary>The outcome of one in-process run of the command line.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    public IReadOnlyList<string> ErrorLines =>
        Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// Runs <c>cspalerts</c> in-process from the repository root, as a user would from a clone. Each run
/// gets its own settings and base folder, so runs need no lock and may go in parallel.
/// </summary>
public static class CliRun
{
    /// <summary>The repository root: the folder holding CspAlerts.sln above the test binaries.</summary>
    public static string RepoRoot { get; } = CspAlerts.Testing.RepositoryRoot.Find(AppContext.BaseDirectory);

    public static CliResult Run(params string[] args) => RunWith(new Dictionary<string, string>(), args);

    /// <summary>
    /// Runs with settings as environment variables would give them (<c>CSPALERTS_Rules__Path</c>),
    /// passed to the run directly rather than set on the process.
    /// </summary>
    public static CliResult RunWith(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var settings = CliSettings.From(environment.Select(e =>
            KeyValuePair.Create(e.Key["CSPALERTS_".Length..].Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApplication.Run(args, stdout, stderr, settings, RepoRoot);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    public static string TestData(string relative) =>
        Path.GetRelativePath(RepoRoot, Path.Combine(AppContext.BaseDirectory, "TestData", relative)).Replace('\\', '/');
}

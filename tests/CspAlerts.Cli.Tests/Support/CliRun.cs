using System.Text.Json;

namespace CspAlerts.Cli.Tests.Support;

/// <summary>The outcome of one in-process run of the command line.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    public IReadOnlyList<string> ErrorLines =>
        Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Runs <c>cspalerts</c> in-process from the repository root, as a user would from a clone.</summary>
public static class CliRun
{
    private static readonly Lock Gate = new();

    /// <summary>The repository root: the folder holding CspAlerts.sln above the test binaries.</summary>
    public static string RepoRoot { get; } = CspAlerts.Testing.RepositoryRoot.Find(AppContext.BaseDirectory);

    public static CliResult Run(params string[] args) => RunWith(new Dictionary<string, string>(), args);

    /// <summary>Runs with environment variables set for the run only, e.g. <c>CSPALERTS_Rules__Path</c>.</summary>
    public static CliResult RunWith(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);

        // The CLI resolves relative paths from the working directory and reads the environment, so runs take turns.
        lock (Gate)
        {
            var previous = Directory.GetCurrentDirectory();
            Directory.SetCurrentDirectory(RepoRoot);
            foreach (var (name, value) in environment)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            try
            {
                using var stdout = new StringWriter();
                using var stderr = new StringWriter();
                var code = CliApplication.Run(args, stdout, stderr);
                return new CliResult(code, stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Directory.SetCurrentDirectory(previous);
                foreach (var name in environment.Keys)
                {
                    Environment.SetEnvironmentVariable(name, null);
                }
            }
        }
    }

    public static string TestData(string relative) =>
        Path.GetRelativePath(RepoRoot, Path.Combine(AppContext.BaseDirectory, "TestData", relative)).Replace('\\', '/');
}

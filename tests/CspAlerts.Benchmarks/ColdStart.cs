using System.Diagnostics;

namespace CspAlerts.Benchmarks;

/// <summary>
/// Times the built command line as a user runs it: a new process evaluating the seed data, from
/// start to exit. It measures the binary a Release build left in bin; it does not build it.
/// </summary>
internal static class ColdStart
{
    /// <summary>The command timed, from the repository root.</summary>
    public static readonly string[] Arguments = ["evaluate", "--data", "seeds", "--area", "barking-and-dagenham"];

    /// <summary>The CLI a Release build writes, or null when it has not been built.</summary>
    public static string? Binary(string root)
    {
        var path = Path.Combine(root, "src", "CspAlerts.Cli", "bin", "Release", "net10.0", OperatingSystem.IsWindows() ? "cspalerts.exe" : "cspalerts");
        return File.Exists(path) ? path : null;
    }

    /// <summary>One run to warm the disk cache, then <paramref name="runs"/> timed runs; the times in milliseconds, sorted.</summary>
    /// <exception cref="InvalidOperationException">A run failed: the timing would not be of a whole evaluation.</exception>
    public static List<double> Measure(string binary, string root, int runs)
    {
        Run(binary, root);
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            times.Add(Run(binary, root));
        }

        times.Sort();
        return times;
    }

    private static double Run(string binary, string root)
    {
        var start = new ProcessStartInfo(binary)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{binary} exited with {process.ExitCode}: {stderr.Result.Trim()}");
        }

        GC.KeepAlive(stdout.Result);
        return elapsed;
    }
}

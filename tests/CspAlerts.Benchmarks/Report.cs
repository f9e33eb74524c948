using System.Diagnostics;

namespace CspAlerts.Benchmarks;

/// <summary>Prints figures and times repeated work.</summary>
internal static class Report
{
    public static void Line(string text) => Console.WriteLine(text);

    /// <summary>Runs the work once to warm up, then <paramref name="repeat"/> times; returns items per second of the fastest run.</summary>
    public static double Rate(int repeat, long itemsPerRun, Func<int> work)
    {
        var sink = work();
        var best = double.MaxValue;
        for (var i = 0; i < repeat; i++)
        {
            var sw = Stopwatch.StartNew();
            sink ^= work();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }

        GC.KeepAlive(sink);
        return itemsPerRun / best;
    }
}

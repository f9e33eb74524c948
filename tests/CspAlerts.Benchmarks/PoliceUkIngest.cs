using System.Diagnostics;
using CspAlerts.Configuration;
using CspAlerts.Ingest;

namespace CspAlerts.Benchmarks;

/// <summary>
/// police.uk street-level ingest: a force's monthly files counted per CSP, month and crime type.
/// Rows per second, and the managed heap's largest size after any garbage collection while loading
/// (what was live then, sampled every 2 ms), for the first few months and for all of them:
/// streamed, it does not grow with the rows; what is allocated and dropped row by row is reported apart.
/// </summary>
internal static class PoliceUkIngest
{
    /// <summary>The result of one measured load.</summary>
    public sealed record Result(string What, int Files, long Rows, long Bytes, double Seconds, double CpuSeconds, double PeakHeapMb, double AllocatedMb, int Collections)
    {
        public double RowsPerSecond => Rows / Seconds;
    }

    /// <param name="path">A folder of monthly files (.csv or .csv.gz) or the download's .zip.</param>
    public static (Result Few, Result All) Measure(string root, string path)
    {
        var config = ConfigurationLoader.Load(Path.Combine(root, "configs", "charnwood"));
        var loader = new DatasetLoader(config);
        var files = Directory.Exists(path)
            ? Directory.GetFiles(path, "*.csv*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [path];
        loader.LoadAll(files.Take(1)); // warm-up: the LSOA lookup and the code paths
        var few = Load(loader, files.Count > 1 ? files.Take(3).ToList() : files, files.Count > 1 ? "3 months" : "the archive, first run");
        var all = Load(loader, files, $"{files.Count} file(s)");
        return (few, all);
    }

    private static Result Load(DatasetLoader loader, List<string> files, string what)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetGCMemoryInfo().HeapSizeBytes;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var collections = GC.CollectionCount(0);
        long peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetGCMemoryInfo().HeapSizeBytes);
                Thread.Sleep(2);
            }
        })
        { IsBackground = true };
        sampler.Start();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var set = loader.LoadAll(files);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        stop.Cancel();
        sampler.Join();
        peak = Math.Max(peak, GC.GetGCMemoryInfo().HeapSizeBytes);
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        collections = GC.CollectionCount(0) - collections;
        var rows = set.Datasets.Sum(d => (long)d.RowsRead);
        var bytes = files.Sum(f => new FileInfo(f).Length);
        GC.KeepAlive(set);
        return new Result(what, set.Datasets.Count, rows, bytes, seconds, cpuSeconds, (peak - baseline) / 1048576.0, allocated / 1048576.0, collections);
    }
}

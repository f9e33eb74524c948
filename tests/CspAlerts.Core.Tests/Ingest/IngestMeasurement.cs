using System.Diagnostics;
using System.Globalization;
using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Ingest;
using Xunit.Abstractions;

namespace CspAlerts.Core.Tests.Ingest;

/// <summary>Runs the measurements alone, after the tests that run in parallel, so no other test's memory is counted.</summary>
[CollectionDefinition(nameof(IngestMeasurement), DisableParallelization = true)]
public sealed class IngestMeasurementRunsAlone;

/// <summary>
/// Measures, and prints, the peak memory and the time of loading a million-row canonical CSV,
/// good and bad. Not a test: the figures depend on the machine, so nothing is asserted of them
/// but the 500 MB bound the loader is held to. Skipped unless asked for:
/// <code>
/// CSPALERTS_MEASURE_INGEST=1 dotnet test tests/CspAlerts.Core.Tests -c Release \
///   --filter FullyQualifiedName~IngestMeasurement --logger "console;verbosity=detailed"
/// </code>
/// Peak memory is the process's peak resident set (VmHWM, reset before each load on Linux), so it
/// counts the runtime and the test host too, not only the load.
/// </summary>
[Collection(nameof(IngestMeasurement))]
public sealed class IngestMeasurement(ITestOutputHelper output) : IDisposable
{
    private const int Rows = 1_000_000;
    private const long Bound = 500L * 1024 * 1024;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Measurement]
    public void A_million_good_canonical_rows()
    {
        // Every configured indicator in every borough and the City, month after month from 1900: a million distinct rows.
        var config = TestConfiguration.Create();
        var areas = config.Areas.Where(a => !a.IsAggregate).Select(a => a.Id).ToList();
        var path = _temp.File("good.csv");
        using (var writer = new StreamWriter(path))
        {
            writer.Write("indicator,area,period,value\n");
            var written = 0;
            for (var month = 0; written < Rows; month++)
            {
                var period = $"{1900 + (month / 12)}-{(month % 12) + 1:D2}";
                foreach (var indicator in config.Indicators)
                {
                    foreach (var area in areas)
                    {
                        if (written++ < Rows)
                        {
                            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{indicator.Id},{area},{period},{written % 97}\n"));
                        }
                    }
                }
            }
        }

        var set = Measure("a million good rows", path, loader => loader.LoadAll([path]));

        Assert.Equal(Rows, set!.Count);
    }

    [Measurement]
    public void A_million_bad_canonical_rows()
    {
        // Four faults a row: four million errors, of which a hundred are kept.
        var path = _temp.File("bad.csv");
        using (var writer = new StreamWriter(path))
        {
            writer.Write("indicator,area,period,value\n");
            for (var i = 0; i < Rows; i++)
            {
                writer.Write("burgalry,Narnia,2016-13,abc\n");
            }
        }

        var set = Measure("a million bad rows", path, loader => loader.LoadAll([path]));

        Assert.Null(set);
    }

    /// <summary>Loads once to warm up (a small file), then measures one load of the file and prints the figures.</summary>
    private ObservationSet? Measure(string what, string path, Func<DatasetLoader, ObservationSet> load)
    {
        var loader = new DatasetLoader(TestConfiguration.Create());
        loader.Load(TestFiles.Ingest("canonical-bd-2016-12.csv"));
        // Memory the runtime holds but no longer uses is given back first, so the peak is the load's.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var before = ResetPeak();
        var clock = Stopwatch.StartNew();
        ObservationSet? set = null;
        var errors = 0;
        try
        {
            set = load(loader);
        }
        catch (DatasetRejectedException ex)
        {
            errors = ex.Errors.Count;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var peak = Peak();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {new FileInfo(path).Length / 1e6:F1} MB file, {seconds:F2} s, peak resident {peak / 1048576.0:F0} MiB " +
            $"(before the load {before / 1048576.0:F0} MiB), {set?.Count ?? 0:N0} observations, {errors} error lines"));
        Assert.True(peak < Bound, $"peak {peak / 1048576.0:F0} MiB");
        return set;
    }

    /// <summary>Resets the peak resident set where Linux allows it; returns the resident set now.</summary>
    private static long ResetPeak()
    {
        if (OperatingSystem.IsLinux())
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }

        return Status("VmRSS:") ?? Environment.WorkingSet;
    }

    private static long Peak() => Status("VmHWM:") ?? Process.GetCurrentProcess().PeakWorkingSet64;

    /// <summary>A figure of /proc/self/status in bytes, or null off Linux.</summary>
    private static long? Status(string key)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? null : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}

/// <summary>A fact skipped unless <c>CSPALERTS_MEASURE_INGEST=1</c>: a measurement, run when asked for.</summary>
internal sealed class MeasurementAttribute : FactAttribute
{
    public MeasurementAttribute()
    {
        if (Environment.GetEnvironmentVariable("CSPALERTS_MEASURE_INGEST") != "1")
        {
            Skip = "a measurement, not a test: set CSPALERTS_MEASURE_INGEST=1 to run it";
        }
    }
}

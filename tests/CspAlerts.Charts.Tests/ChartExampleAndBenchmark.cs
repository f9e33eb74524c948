using System.Diagnostics;
using System.Globalization;
using CspAlerts.Charts.Tests.Support;
using Xunit.Abstractions;

namespace CspAlerts.Charts.Tests;

/// <summary>The README's example chart, and a rate of rendering to report (printed, never timed against a limit).</summary>
public class ChartExampleAndBenchmark(ITestOutputHelper output)
{
    [Fact]
    public void Writes_the_example_chart_next_to_the_test_binaries()
    {
        var png = new TrendChartRenderer().Render(SeedRun.TheftOfMotorVehicle, SeedRun.Result.Table)!;

        // Copied by hand to docs/images/trend-chart-example.png for the README when the chart changes.
        var path = Path.Combine(AppContext.BaseDirectory, "trend-chart-example.png");
        File.WriteAllBytes(path, png);
        output.WriteLine($"example chart: {path} ({png.Length:N0} bytes)");
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Benchmark_prints_charts_per_second_for_100_renders()
    {
        var renderer = new TrendChartRenderer();
        var item = SeedRun.TheftOfMotorVehicle;
        var table = SeedRun.Result.Table;
        Assert.NotNull(renderer.Render(item, table)); // warm up: fonts, JIT

        var bytes = 0L;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 100; i++)
        {
            bytes += renderer.Render(item, table)!.Length;
        }

        clock.Stop();
        var rate = 100 / clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"charts: 100 renders in {clock.Elapsed.TotalMilliseconds:0} ms, {rate:0.0} charts/s, {bytes / 100:N0} bytes each"));
        Assert.True(bytes > 0);
    }
}

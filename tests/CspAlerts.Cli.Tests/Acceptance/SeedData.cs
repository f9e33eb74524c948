using System.Text.Json;
using CspAlerts.Cli.Tests.Support;

namespace CspAlerts.Cli.Tests.Acceptance;

/// <summary>
/// Runs the engine once per report on the real seed data (MPS and LFB slices plus the figures the
/// 2017 report supplies) with the shipped rules, and keeps the JSON it printed.
/// </summary>
public sealed class SeedData
{
    public SeedData()
    {
        BarkingMeasures = Ok(CliRun.Run("measures", "--data", "seeds", "--area", "barking-and-dagenham", "--period", "2016-12", "--format", "json"));
        BarkingExceptions = Ok(CliRun.Run("evaluate", "--data", "seeds", "--area", "barking-and-dagenham", "--period", "2016-12", "--format", "json"));
        HaringeyMeasures = Ok(CliRun.Run("measures", "--data", "seeds", "--area", "haringey", "--period", "2014-09", "--format", "json"));
        HaringeyExceptions = Ok(CliRun.Run("evaluate", "--data", "seeds", "--area", "haringey", "--period", "2014-09", "--format", "json"));
    }

    public JsonElement BarkingMeasures { get; }

    public JsonElement BarkingExceptions { get; }

    public JsonElement HaringeyMeasures { get; }

    public JsonElement HaringeyExceptions { get; }

    public static JsonElement Fact(JsonElement measures, string indicator) =>
        measures.GetProperty("facts").EnumerateArray().Single(f => f.GetProperty("indicator").GetString() == indicator);

    public static List<JsonElement> Items(JsonElement exceptions, string rule, string? indicator = null) =>
        exceptions.GetProperty("exceptions").EnumerateArray()
            .Where(e => e.GetProperty("rule").GetString() == rule && (indicator is null || e.GetProperty("indicator").GetString() == indicator))
            .ToList();

    public static bool Fires(JsonElement exceptions, string rule, string indicator) => Items(exceptions, rule, indicator).Count > 0;

    private static JsonElement Ok(CliResult result)
    {
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        return result.Json.Clone();
    }
}

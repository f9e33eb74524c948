using CspAlerts.Cli.Tests.Support;

namespace CspAlerts.Cli.Tests;

/// <summary><c>chart</c>: the SPC chart as a PNG, and what it says for a name, month or series it cannot chart.</summary>
public class ChartCommandTests
{
    private const string FullMps = "tests/CspAlerts.Benchmarks/data/mps_borough_crime_historical_201004-202201_oldcats.csv";

    private static string Output(string name)
    {
        var folder = Path.Combine(CliRun.RepoRoot, "tests/CspAlerts.Cli.Tests/bin/work");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{name}-{Guid.NewGuid():N}.png");
    }

    [Fact]
    public void Writes_the_png_and_says_what_the_month_shows()
    {
        var output = Output("chart");

        var result = CliRun.Run("chart", "--data", "seeds", "--area", "barking-and-dagenham", "--indicator", "theft-of-motor-vehicle", "--period", "2016-12", "--output", output);

        Assert.Equal(0, result.ExitCode);
        var png = File.ReadAllBytes(output);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Equal(
            $"Wrote {output}\nTheft of motor vehicle in Barking and Dagenham: SPC chart, 24 months to December 2016.\n" +
            "December 2016: common cause variation, no special cause.\n",
            result.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void The_indicator_may_be_named_and_a_special_cause_is_said_in_words()
    {
        var output = Output("barnet");

        var result = CliRun.Run("chart", "--data", FullMps, "--area", "Barnet", "--indicator", "Theft from motor vehicle", "--period", "2019-08", "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("August 2019: special cause of concern, 7 or more months in a row above the mean.", result.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void An_unknown_indicator_is_named_with_the_valid_ids_before_any_data_is_read()
    {
        var result = CliRun.Run("chart", "--data", "seeds", "--area", "barking-and-dagenham", "--indicator", "thefts");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: unknown indicator 'thefts': use an id or a name; the ids are total-notifiable-offences, violence-with-injury, robbery,", line, StringComparison.Ordinal);
        Assert.Contains("theft-of-motor-vehicle", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_area_is_named_with_the_valid_ids_before_any_data_is_read()
    {
        var result = CliRun.Run("chart", "--data", "seeds", "--area", "narnia", "--indicator", "burglary");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: unknown area 'narnia': use an id, a name or an ONS code; the ids are barking-and-dagenham, barnet,", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_month_outside_the_data_says_which_months_the_data_covers()
    {
        var result = CliRun.Run("chart", "--data", "seeds", "--area", "barking-and-dagenham", "--indicator", "burglary", "--period", "2030-01");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: no data for January 2030 (2030-01): the data covers October 2012 to December 2016", result.ErrorLines[^1]);
    }

    [Fact]
    public void A_series_with_no_figure_for_the_month_says_which_months_it_has()
    {
        // Deliberate fires come from the LFB file, which starts in January 2013; the MPS file starts in October 2012.
        var result = CliRun.Run("chart", "--data", "seeds", "--area", "barking-and-dagenham", "--indicator", "deliberate-fires", "--period", "2012-11");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "error: no figure for Arson incidents (all deliberate fires) in Barking and Dagenham in November 2012: its figures cover January 2013 to December 2016 (the data covers October 2012 to December 2016)",
            result.ErrorLines[^1]);
    }

    [Fact]
    public void A_series_too_short_for_a_chart_says_how_many_months_it_has()
    {
        var result = CliRun.Run("chart", "--data", "seeds", "--area", "barking-and-dagenham", "--indicator", "burglary", "--period", "2013-08");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "error: an SPC chart needs at least 12 months in a row with figures, ending at August 2013; Burglary in Barking and Dagenham has 11",
            result.ErrorLines[^1]);
    }

    [Fact]
    public void An_output_file_that_cannot_be_written_is_said_and_nothing_else_happens()
    {
        var output = Path.Combine(CliRun.RepoRoot, "tests/CspAlerts.Cli.Tests/bin/work/no-such-folder", "chart.png");

        var result = CliRun.Run("chart", "--data", "seeds", "--area", "barking-and-dagenham", "--indicator", "burglary", "--output", output);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: cannot write the chart to {output}:", result.ErrorLines[^1], StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Without_an_area_it_is_bad_usage()
    {
        var result = CliRun.Run("chart", "--data", "seeds", "--indicator", "burglary");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Option '--area' is required.", result.Stderr, StringComparison.Ordinal);
    }
}

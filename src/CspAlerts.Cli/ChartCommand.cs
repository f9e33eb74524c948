using System.CommandLine;
using CspAlerts.Charts;
using CspAlerts.Evaluation;
using CspAlerts.Measures;
using CspAlerts.Model;

namespace CspAlerts.Cli;

/// <summary>
/// <c>chart</c>: writes the SPC (XmR) chart of one indicator in one area at a month as a PNG, in the
/// NHS "Making Data Count" style, and says in words what the month shows.
/// </summary>
internal static class ChartCommand
{
    public static Command Create(AlertCommands.Context c, Option<string[]> data, Option<string> rules, Option<string> area, Option<string> period, Option<string> revisions, Func<ParseResult, EvaluationRequest> request)
    {
        var indicatorOption = new Option<string>("--indicator") { Description = "The indicator: its id (theft-of-motor-vehicle) or name.", HelpName = "INDICATOR", Required = true };
        var outputOption = new Option<string>("--output")
        {
            Description = "The PNG file to write (default: INDICATOR-AREA-YYYY-MM.png in the working folder).",
            HelpName = "FILE",
        };
        var command = new Command("chart", "Write the SPC (XmR) chart of an indicator in an area as a PNG: mean, process limits, and each month coloured by its variation.")
        {
            data, rules, area, indicatorOption, period, revisions, outputOption,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(area) is null)
            {
                result.AddError("Option '--area' is required.");
            }

            if (result.GetResult(data)?.GetValueOrDefault<string[]>() is { } paths && paths.Any(string.IsNullOrWhiteSpace))
            {
                result.AddError("--data was given an empty path: give a file or folder");
            }

            if (result.GetResult(outputOption)?.GetValueOrDefault<string>() is { } output && string.IsNullOrWhiteSpace(output))
            {
                result.AddError("--output was given an empty path: give a file name");
            }
        });
        command.SetAction(parse => CliApplication.Guard(c.Stderr, () =>
        {
            var engine = c.Engine(parse.GetValue(rules) ?? c.Settings.RulesPath);
            var indicator = engine.ResolveIndicator(parse.GetValue(indicatorOption)!);
            engine.ResolveAreas([parse.GetValue(area)!]); // an unknown area is refused before the data is read
            var run = engine.Prepare(request(parse));
            var where = run.Areas[0];
            var month = run.Period;
            var table = run.Table;
            var fact = table.Find(indicator.Id, where.Id, month)
                ?? throw new EvaluationRejectedException($"no figure for {indicator.Name} in {where.Name} in {month.ToDisplayString()}: {Coverage(table, indicator, where)}");

            var renderer = new XmrChartRenderer();
            var png = renderer.Render(indicator, where, month, table)
                ?? throw new EvaluationRejectedException(
                    $"an SPC chart needs at least {StatisticalProcessControl.MinimumPoints} months in a row with figures, ending at {month.ToDisplayString()}; " +
                    $"{indicator.Name} in {where.Name} has {fact.History}");

            var output = parse.GetValue(outputOption) ?? $"{indicator.Id}-{where.Id}-{month}.png";
            var path = Path.GetFullPath(Path.Combine(c.BaseDirectory, output));
            try
            {
                File.WriteAllBytes(path, png);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write the chart to {path}: {ex.Message}");
            }

            var chart = table.SpcChartOf(indicator.Id, where.Id, month)!;
            c.Stdout.WriteLine($"Wrote {path}");
            c.Stdout.WriteLine(XmrChartRenderer.Title(indicator, where, month, chart.Points.Count) + ".");
            c.Stdout.WriteLine(XmrChartRenderer.Caption(chart, month, indicator.Unit) + ".");
            return CliApplication.Success;
        }));
        return command;
    }

    /// <summary>Which months have figures for the indicator in the area, against the months the data covers.</summary>
    private static string Coverage(FactTable table, Indicator indicator, Area area)
    {
        Period? first = null, last = null;
        for (var m = table.First; m <= table.Last; m = m.AddMonths(1))
        {
            if (table.Find(indicator.Id, area.Id, m) is not null)
            {
                first ??= m;
                last = m;
            }
        }

        var all = $"the data covers {table.First.ToDisplayString()} to {table.Last.ToDisplayString()}";
        return first is { } f && last is { } l
            ? $"its figures cover {f.ToDisplayString()} to {l.ToDisplayString()} ({all})"
            : $"the data has no figures for it at all ({all})";
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text;
using CspAlerts.Charts;
using CspAlerts.Evaluation;
using CspAlerts.Model;
using Spectre.Console;

namespace CspAlerts.Cli;

/// <summary>
/// <c>backtest</c>: how often each rule would have fired in each month of a range, as a table, and
/// optionally a CSV and a PNG chart; with <c>--compare</c>, what a second rules folder would have
/// done instead (items gained and lost per rule and month).
/// </summary>
internal static class BacktestCommand
{
    public static Command Create(AlertCommands.Context c, Option<string[]> data, Option<string> rules, Option<string> area, Option<string> revisions, int width)
    {
        var fromOption = new Option<string>("--from") { Description = "The first month, YYYY-MM.", HelpName = "YYYY-MM", Required = true };
        var toOption = new Option<string>("--to") { Description = "The last month, YYYY-MM.", HelpName = "YYYY-MM", Required = true };
        var compareOption = new Option<string>("--compare") { Description = "A second rules folder: show the items each rule would gain and lose under it.", HelpName = "DIR" };
        var csvOption = new Option<string>("--csv") { Description = "Also write the counts as CSV, one line per month and rule.", HelpName = "FILE" };
        var chartOption = new Option<string>("--chart") { Description = "Also write a PNG chart of the items fired per rule and month.", HelpName = "FILE.png" };
        var command = new Command("backtest", "Show how often each rule would have fired in each month from --from to --to; with --compare, the items another rules folder would gain and lose.")
        {
            data, fromOption, toOption, area, rules, compareOption, csvOption, chartOption, revisions,
        };
        command.Validators.Add(result =>
        {
            foreach (var option in new[] { compareOption, csvOption, chartOption, rules })
            {
                if (result.GetResult(option)?.GetValueOrDefault<string>() is { } text && string.IsNullOrWhiteSpace(text))
                {
                    result.AddError($"{option.Name} was given an empty path");
                }
            }

            if (result.GetResult(data)?.GetValueOrDefault<string[]>() is { } paths && paths.Any(string.IsNullOrWhiteSpace))
            {
                result.AddError("--data was given an empty path: give a file or folder");
            }
        });
        command.SetAction(parse => CliApplication.Guard(c.Stderr, () =>
        {
            var from = Month(parse.GetValue(fromOption)!, "--from");
            var to = Month(parse.GetValue(toOption)!, "--to");
            var rulesPath = parse.GetValue(rules) ?? c.Settings.RulesPath;
            var engine = c.Engine(rulesPath);
            var compareWith = parse.GetValue(compareOption) is { } other ? c.Engine(other) : null;
            var request = new BacktestRequest(parse.GetValue(data)!, from, to)
            {
                Areas = parse.GetValue(area) is { } a ? [a] : null,
                Revisions = parse.GetValue(revisions) == "newest" ? Ingest.RevisionPolicy.Newest : Ingest.RevisionPolicy.Refuse,
            };
            var result = c.Interactive
                ? WithProgressBar(c, engine, request, compareWith)
                : Backtest.Run(engine, request, compareWith, new ProgressLines(c.Stderr, from, to));
            foreach (var warning in result.Warnings)
            {
                c.Stderr.WriteLine($"warning: {warning.Message}");
            }

            BacktestTable.Write(c.Stdout, result, rulesPath, parse.GetValue(compareOption), width);
            if (parse.GetValue(csvOption) is { } csv)
            {
                Write(c, csv, Encoding.UTF8.GetBytes(BacktestTable.Csv(result)), "the CSV");
            }

            if (parse.GetValue(chartOption) is { } chart)
            {
                Write(c, chart, new BacktestChartRenderer().Render(result), "the chart");
            }

            return CliApplication.Success;
        }));
        return command;
    }

    private static Period Month(string text, string option) =>
        Period.TryParse(text, out var p) ? p : throw new UsageException($"invalid {option} '{text}': expected YYYY-MM, e.g. 2016-12", CliApplication.BadUsage);

    private static void Write(AlertCommands.Context c, string file, byte[] bytes, string what)
    {
        var path = Path.GetFullPath(Path.Combine(c.BaseDirectory, file));
        try
        {
            File.WriteAllBytes(path, bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write {what} to {path}: {ex.Message}");
        }

        c.Stderr.WriteLine($"wrote {path}");
    }

    /// <summary>A Spectre progress bar on stderr, for a person at a terminal.</summary>
    private static BacktestResult WithProgressBar(AlertCommands.Context c, ExceptionEngine engine, BacktestRequest request, ExceptionEngine? compareWith)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        BacktestResult? result = null;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var months = request.To.Index - request.From.Index + 1;
                var task = context.AddTask($"Backtest {request.From.ToDisplayString()} to {request.To.ToDisplayString()}", maxValue: months);
                result = Backtest.Run(engine, request, compareWith, new Progress(month => task.Value = month.Index - request.From.Index + 1));
            });
        return result!;
    }

    /// <summary>Reports synchronously (System.Progress would post to the thread pool, out of order).</summary>
    private sealed class Progress(Action<Period> report) : IProgress<Period>
    {
        public void Report(Period value) => report(value);
    }

    /// <summary>One line on stderr per year done, where a progress bar would print nothing (output redirected).</summary>
    private sealed class ProgressLines(TextWriter stderr, Period from, Period to) : IProgress<Period>
    {
        public void Report(Period value)
        {
            if (value.Month == 12 || value == to)
            {
                var done = value.Index - from.Index + 1;
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"backtest: to {value.ToDisplayString()} done, {done} of {to.Index - from.Index + 1} months"));
            }
        }
    }
}

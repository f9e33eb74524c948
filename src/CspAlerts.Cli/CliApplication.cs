using System.CommandLine;
using System.Text;
using CspAlerts.Diagnostics;
using CspAlerts.Measures;
using CspAlerts.Model;
using CspAlerts.Output;

namespace CspAlerts.Cli;

/// <summary>
/// The <c>cspalerts</c> command line. It only composes the core: the same loaders and evaluator
/// the service and the tests use. JSON and tables go to stdout; logs and errors go to stderr.
/// Exit codes: 0 success (exceptions found is still success), 1 invalid input or rules, 2 bad usage.
/// </summary>
internal static class CliApplication
{
    public const int Success = 0;
    public const int InvalidInput = 1;
    public const int BadUsage = 2;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var settings = CliSettings.Load();
        var rulesOption = new Option<string>("--rules")
        {
            Description = "The rules folder (default: the Rules:Path setting, else 'rules').",
            HelpName = "DIR",
        };
        var dataOption = new Option<string[]>("--data")
        {
            Description = "Dataset files or folders (canonical CSV/XLSX, MPS borough crime, LFB incidents).",
            AllowMultipleArgumentsPerToken = true,
            Required = true,
            HelpName = "PATH",
        };
        var areaOption = new Option<string>("--area") { Description = "An area id, e.g. barking-and-dagenham.", HelpName = "ID" };
        var periodOption = new Option<string>("--period") { Description = "The month, YYYY-MM (default: the latest in the data).", HelpName = "YYYY-MM" };
        var formatOption = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table", HelpName = "FORMAT" };
        formatOption.AcceptOnlyFromAmong("table", "json");
        var measuresFormatOption = new Option<string>("--format") { Description = "json.", DefaultValueFactory = _ => "json", HelpName = "FORMAT" };
        measuresFormatOption.AcceptOnlyFromAmong("json");

        var validate = new Command("validate", "Check the rules folder; print every error as file:line:column: message.") { rulesOption };
        validate.SetAction(parse => Guarded(stderr, () =>
        {
            var engine = ExceptionEngine.Load(RulesPath(parse, rulesOption, settings));
            stderr.WriteLine($"valid: {engine.Configuration.Areas.Count} areas, {engine.Configuration.Indicators.Count} indicators, {engine.Rules.Rules.Count} rules");
            return Success;
        }));

        var evaluate = new Command("evaluate", "Print the exceptions for a month. Changes no state and sends nothing.")
        {
            dataOption, rulesOption, areaOption, periodOption, formatOption,
        };
        evaluate.SetAction(parse => Guarded(stderr, () =>
        {
            var engine = ExceptionEngine.Load(RulesPath(parse, rulesOption, settings));
            var table = ComputeMeasures(engine, parse.GetValue(dataOption)!, stderr);
            var period = ResolvePeriod(parse.GetValue(periodOption), table);
            var areas = ResolveAreas(parse.GetValue(areaOption), engine, table);
            var items = engine.Evaluate(table, period, areas);
            stderr.WriteLine($"evaluated {engine.Rules.Rules.Count} rules for {areas.Count} area(s) at {period}: {items.Count} exception(s)");
            if (parse.GetValue(formatOption) == "json")
            {
                WriteJson(stdout, s => JsonReport.WriteExceptions(s, period, items));
            }
            else
            {
                ExceptionTable.Write(stdout, period, items);
            }

            return Success;
        }));

        var measures = new Command("measures", "Print the computed facts of every indicator for an area and month.")
        {
            dataOption, rulesOption, areaOption, periodOption, measuresFormatOption,
        };
        measures.Validators.Add(result =>
        {
            if (result.GetResult(areaOption) is null)
            {
                result.AddError("Option '--area' is required.");
            }
        });
        measures.SetAction(parse => Guarded(stderr, () =>
        {
            var engine = ExceptionEngine.Load(RulesPath(parse, rulesOption, settings));
            var table = ComputeMeasures(engine, parse.GetValue(dataOption)!, stderr);
            var period = ResolvePeriod(parse.GetValue(periodOption), table);
            var area = ResolveAreas(parse.GetValue(areaOption), engine, table)[0];
            WriteJson(stdout, s => JsonReport.WriteMeasures(s, period, area, table.FactsFor(area, period)));
            return Success;
        }));

        var root = new RootCommand("CspAlerts: the exception and alerting engine for Community Safety Partnerships.")
        {
            validate, evaluate, measures,
        };

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }

            stderr.WriteLine("Run 'cspalerts --help' for usage.");
            return BadUsage;
        }

        return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    private static string RulesPath(ParseResult parse, Option<string> rulesOption, CliSettings settings) =>
        parse.GetValue(rulesOption) ?? settings.RulesPath;

    private static FactTable ComputeMeasures(ExceptionEngine engine, string[] paths, TextWriter log)
    {
        var data = engine.LoadData(paths);
        foreach (var dataset in data.Datasets)
        {
            var skipped = dataset.SkippedLabels.Count == 0
                ? string.Empty
                : "; skipped " + string.Join(", ", dataset.SkippedLabels.Select(s => $"{s.Value} row(s) labelled '{s.Key.Trim()}'"));
            log.WriteLine($"loaded {dataset.File} ({dataset.Format}): {dataset.RowsRead} rows, {dataset.Observations.Count} observations{skipped}");
        }

        return engine.ComputeMeasures(data);
    }

    private static Period ResolvePeriod(string? text, FactTable table)
    {
        if (table.IsEmpty)
        {
            throw new UsageException("the datasets hold no observations");
        }

        if (text is null)
        {
            return table.Last;
        }

        if (!Period.TryParse(text, out var period))
        {
            throw new UsageException($"invalid --period '{text}': expected YYYY-MM, e.g. 2016-12", BadUsage);
        }

        if (!table.Contains(period))
        {
            throw new UsageException($"no data for period {period}: the data covers {table.First} to {table.Last}");
        }

        return period;
    }

    private static List<string> ResolveAreas(string? id, ExceptionEngine engine, FactTable table)
    {
        if (id is null)
        {
            return [.. ExceptionEngine.DefaultAreas(table)];
        }

        if (engine.Configuration.FindArea(id) is null)
        {
            var kind = engine.Configuration.AreaNames.Resolve(id, out var resolved);
            var hint = kind == AreaLabelKind.Area ? $"; did you mean '{resolved}'?" : string.Empty;
            throw new UsageException($"unknown area '{id}'{hint}");
        }

        return [id];
    }

    private static void WriteJson(TextWriter stdout, Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>Runs a command, turning a user's mistake into a clear message and an exit code, never a stack trace.</summary>
    private static int Guarded(TextWriter stderr, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (ConfigurationRejectedException ex)
        {
            foreach (var error in ex.Errors)
            {
                stderr.WriteLine(error);
            }

            stderr.WriteLine($"rules rejected: {ex.Errors.Count} error(s)");
            return InvalidInput;
        }
        catch (DatasetRejectedException ex)
        {
            foreach (var error in ex.Errors)
            {
                stderr.WriteLine(error);
            }

            stderr.WriteLine($"data rejected: {ex.Errors.Count} error(s); nothing was applied");
            return InvalidInput;
        }
        catch (DirectoryNotFoundException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return InvalidInput;
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return ex.ExitCode;
        }
    }
}

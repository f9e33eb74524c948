using System.CommandLine;
using System.Text;
using CspAlerts.Diagnostics;
using CspAlerts.Evaluation;
using CspAlerts.Ingest;
using CspAlerts.Model;
using CspAlerts.Output;

namespace CspAlerts.Cli;

/// <summary>
/// The <c>cspalerts</c> command line. It parses, calls the core's run use case, renders and picks
/// the exit code; nothing else. JSON and tables go to stdout; logs and errors go to stderr.
/// Exit codes: 0 success (exceptions found is still success), 1 invalid input or rules, 2 bad usage.
/// </summary>
internal static class CliApplication
{
    public const int Success = 0;
    public const int InvalidInput = 1;
    public const int BadUsage = 2;

    /// <summary>Runs in the working folder with the process's settings (<c>appsettings.json</c> and <c>CSPALERTS_</c> variables).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var here = Directory.GetCurrentDirectory();
        return Run(args, stdout, stderr, CliSettings.Load(here), here, TerminalWidth(), Interactive());
    }

    /// <summary>Runs with the settings given and relative paths read from <paramref name="baseDirectory"/>: nothing process-wide is read or changed.</summary>
    /// <param name="interactive">Whether a person watches a terminal: progress bars are drawn only then.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CliSettings settings, string baseDirectory, int width = 160, bool interactive = false)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        using var safeOut = new TerminalSafeWriter(stdout);
        using var safeErr = new TerminalSafeWriter(stderr);
        return RunSafely(args, safeOut, safeErr, settings, baseDirectory, width, interactive);
    }

    private static int RunSafely(string[] args, TextWriter stdout, TextWriter stderr, CliSettings settings, string baseDirectory, int width, bool interactive)
    {
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
        var areaOption = new Option<string>("--area") { Description = "An area: its id (barking-and-dagenham), name or ONS code, or all. The default is the partnership's own areas (rules/partnership.yaml).", HelpName = "AREA" };
        var revisionsOption = new Option<string>("--revisions")
        {
            Description = "When two releases disagree about a month: refuse (the default) or newest (the newer release wins, and the revisions are reported).",
            DefaultValueFactory = _ => "refuse",
            HelpName = "POLICY",
        };
        revisionsOption.AcceptOnlyFromAmong("refuse", "newest");
        var periodOption = new Option<string>("--period") { Description = "The month, YYYY-MM (default: the latest in the data).", HelpName = "YYYY-MM" };
        var formatOption = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table", HelpName = "FORMAT" };
        formatOption.AcceptOnlyFromAmong("table", "json");
        var measuresFormatOption = new Option<string>("--format") { Description = "json.", DefaultValueFactory = _ => "json", HelpName = "FORMAT" };
        measuresFormatOption.AcceptOnlyFromAmong("json");

        var validate = new Command("validate", "Check the rules folder; print every error as file:line:column: message.") { rulesOption };
        validate.SetAction(parse => Guard(stderr, () =>
        {
            // The rules and the email templates are checked in one go, so that every error shows at once.
            var rules = RulesPath(parse, rulesOption, settings);
            var errors = new List<ConfigError>();
            var engine = Attempt(() => ExceptionEngine.Load(rules, null, baseDirectory, settings.RuleLimits, settings.ConfigurationLimits), errors);
            var templates = Attempt(() => Mail.MessageTemplates.Load(rules, baseDirectory), errors);
            if (engine is null || templates is null)
            {
                throw new ConfigurationRejectedException(errors);
            }

            var config = engine.Configuration;
            foreach (var warning in config.Warnings)
            {
                stderr.WriteLine($"{warning.Location}: warning: {warning.Message}");
            }

            var unreachable = RuleReach.Warnings(config, engine.Rules);
            foreach (var warning in unreachable)
            {
                stderr.WriteLine(warning);
            }

            var whose = config.Partnership is { } p
                ? $" for {p.Name} ({string.Join(", ", p.Areas.Select(a => config.FindArea(a)?.Name ?? a))})"
                : " (no partnership file: every area is alerted about)";
            var warnings = config.Warnings.Count + unreachable.Count;
            var warned = warnings > 0 ? $", {warnings} warning(s)" : string.Empty;
            var edited = templates.Sources.Count(s => !s.EndsWith("the shipped default", StringComparison.Ordinal));
            stderr.WriteLine($"valid{whose}: {config.Areas.Count} areas, {config.Indicators.Count} indicators, {engine.Rules.Rules.Count} rules, {config.RuleTests.Count} rule tests, {templates.Sources.Count} email templates ({edited} from the rules folder){warned}");
            return Success;
        }));

        var evaluate = new Command("evaluate", "Print the exceptions for a month. Changes no state and sends nothing.")
        {
            dataOption, rulesOption, areaOption, periodOption, formatOption, revisionsOption,
        };
        evaluate.SetAction(parse => Guard(stderr, () =>
        {
            var request = Request(parse, dataOption, areaOption, periodOption, revisionsOption);
            var engine = ExceptionEngine.Load(RulesPath(parse, rulesOption, settings), new StderrLogger(stderr), baseDirectory, settings.RuleLimits, settings.ConfigurationLimits);
            engine = engine.WithDatasetLimits(settings.DatasetLimits);
            var result = engine.Evaluate(request);
            if (parse.GetValue(formatOption) == "json")
            {
                WriteJson(stdout, s => JsonReport.WriteExceptions(s, result, engine.Configuration.Measures));
            }
            else
            {
                ExceptionTable.Write(stdout, result, engine.Configuration, width);
            }

            return Success;
        }));

        var measures = new Command("measures", "Print the computed facts of every indicator for an area and month.")
        {
            dataOption, rulesOption, areaOption, periodOption, measuresFormatOption, revisionsOption,
        };
        measures.Validators.Add(result =>
        {
            if (result.GetResult(areaOption) is null)
            {
                result.AddError("Option '--area' is required.");
            }
        });
        measures.SetAction(parse => Guard(stderr, () =>
        {
            var request = Request(parse, dataOption, areaOption, periodOption, revisionsOption);
            var engine = ExceptionEngine.Load(RulesPath(parse, rulesOption, settings), new StderrLogger(stderr), baseDirectory, settings.RuleLimits, settings.ConfigurationLimits);
            engine = engine.WithDatasetLimits(settings.DatasetLimits);
            var run = engine.Prepare(request);
            var area = run.Areas[0];
            WriteJson(stdout, s => JsonReport.WriteMeasures(s, run.Period, area.Id, run.Table.FactsFor(area.Id, run.Period), engine.Configuration.Measures, run.Warnings));
            return Success;
        }));

        foreach (var command in new[] { validate, evaluate, measures })
        {
            command.Validators.Add(result =>
            {
                if (result.GetResult(dataOption)?.GetValueOrDefault<string[]>() is { } paths && paths.Any(string.IsNullOrWhiteSpace))
                {
                    result.AddError("--data was given an empty path: give a file or folder");
                }

                if (result.GetResult(rulesOption)?.GetValueOrDefault<string>() is { } rules && string.IsNullOrWhiteSpace(rules))
                {
                    result.AddError("--rules was given an empty path: give the rules folder");
                }
            });
        }

        var context = new AlertCommands.Context(settings, baseDirectory, stdout, stderr, rules =>
            ExceptionEngine.Load(rules, new StderrLogger(stderr), baseDirectory, settings.RuleLimits, settings.ConfigurationLimits).WithDatasetLimits(settings.DatasetLimits))
        {
            Interactive = interactive,
        };
        var run = AlertCommands.Run(context, dataOption, rulesOption, areaOption, periodOption, revisionsOption, parse => Request(parse, dataOption, areaOption, periodOption, revisionsOption));
        var chart = ChartCommand.Create(context, dataOption, rulesOption, areaOption, periodOption, revisionsOption, parse => Request(parse, dataOption, areaOption, periodOption, revisionsOption));

        var root = new RootCommand("CspAlerts: the exception and alerting engine for Community Safety Partnerships.")
        {
            validate, evaluate, measures, chart, run, AlertCommands.Alerts(context, rulesOption), AlertCommands.Digest(context, rulesOption), ServeCommand.Create(context, rulesOption), AlertCommands.Silence(context), AlertCommands.Comment(context, rulesOption),
            AnalystCommands.Test(context, rulesOption),
            AnalystCommands.Explain(context, dataOption, rulesOption, periodOption, revisionsOption),
            BacktestCommand.Create(context, dataOption, rulesOption, areaOption, revisionsOption, width),
        };

        // A response file (@file) would read any file the user names and echo it in errors: arguments are taken as typed.
        var result = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
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

    private static EvaluationRequest Request(ParseResult parse, Option<string[]> data, Option<string> area, Option<string> period, Option<string> revisions)
    {
        Period? month = null;
        if (parse.GetValue(period) is { } text)
        {
            month = Period.TryParse(text, out var p)
                ? p
                : throw new UsageException($"invalid --period '{text}': expected YYYY-MM, e.g. 2016-12", BadUsage);
        }

        return new EvaluationRequest(parse.GetValue(data)!)
        {
            Period = month,
            Areas = parse.GetValue(area) is { } a ? [a] : null,
            Revisions = parse.GetValue(revisions) == "newest" ? RevisionPolicy.Newest : RevisionPolicy.Refuse,
        };
    }

    private static T? Attempt<T>(Func<T> load, List<ConfigError> errors)
        where T : class
    {
        try
        {
            return load();
        }
        catch (ConfigurationRejectedException e)
        {
            errors.AddRange(e.Errors);
            return null;
        }
    }

    private static string RulesPath(ParseResult parse, Option<string> rulesOption, CliSettings settings) =>
        parse.GetValue(rulesOption) ?? settings.RulesPath;

    private static bool Interactive()
    {
        try
        {
            return !Console.IsErrorRedirected && !Console.IsOutputRedirected;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.IsOutputRedirected ? 160 : Math.Max(80, Console.WindowWidth);
        }
        catch (IOException)
        {
            return 160;
        }
    }

    internal static void WriteJson(TextWriter stdout, Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>Runs a command, turning a user's mistake into a clear message and an exit code, never a stack trace.</summary>
    internal static int Guard(TextWriter stderr, Func<int> action)
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

            var shown = ex.Errors.Count(e => !e.Reason.StartsWith("… and ", StringComparison.Ordinal));
            stderr.WriteLine(shown == ex.Errors.Count
                ? $"data rejected: {shown} error(s); nothing was applied"
                : $"data rejected: {shown} error(s) shown, and more as counted above; nothing was applied");
            if (ex.Errors.Any(e => e.Reason.StartsWith("conflicting ", StringComparison.Ordinal)))
            {
                stderr.WriteLine("If the later file is a newer release that corrects the earlier one, run again with --revisions newest.");
            }
            return InvalidInput;
        }
        catch (Notify.MailPolicyException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return InvalidInput;
        }
        catch (Charts.ChartFontMissingException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return InvalidInput;
        }
        catch (State.StateSchemaException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return InvalidInput;
        }
        catch (EvaluationRejectedException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
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
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The last guard: a fault of ours still reads as one line, never a stack trace.
            stderr.WriteLine($"error: CspAlerts failed unexpectedly ({ex.GetType().Name}: {ex.Message}); this is a bug, please report it with the command you ran");
            return InvalidInput;
        }
    }
}

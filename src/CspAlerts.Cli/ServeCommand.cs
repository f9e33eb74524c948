using System.CommandLine;
using CspAlerts.Web;

namespace CspAlerts.Cli;

/// <summary>
/// <c>serve [--urls URL]</c>: the service. The pages, the Hangfire server and dashboard, the inbox
/// and the digest on the PMG schedule, until stopped (Ctrl+C or SIGTERM: jobs in hand finish first).
/// </summary>
internal static class ServeCommand
{
    public static Command Create(AlertCommands.Context c, Option<string> rules)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen. The default is http://localhost:5080.", HelpName = "URL", DefaultValueFactory = _ => "http://localhost:5080" };
        var command = new Command("serve", "Run the service: pages for leads and the PMG chair, the inbox, the digest on schedule, jobs at /hangfire.") { rules, urls };
        command.SetAction(parse => CliApplication.Guard(c.Stderr, () =>
        {
            var app = ServeHost.Build(Options(c, parse.GetValue(rules) ?? c.Settings.RulesPath, parse.GetValue(urls)!));
            c.Stderr.WriteLine($"serving on {parse.GetValue(urls)}; the inbox is {c.Settings.InboxPath}; jobs at /hangfire. Ctrl+C stops.");
            app.Run();
            return CliApplication.Success;
        }));
        return command;
    }

    /// <summary>The service's options from the command line's settings.</summary>
    public static ServeOptions Options(AlertCommands.Context c, string rules, string urls)
    {
        var options = new ServeOptions
        {
            Urls = urls,
            BaseDirectory = c.BaseDirectory,
            RulesPath = rules,
            InboxPath = c.Settings.InboxPath,
            PostgresConnectionString = c.Settings.PostgresConnectionString,
            ProtectiveMarking = c.Settings.ProtectiveMarking,
            LoadEngine = () => c.Engine(rules),
            LoadTemplates = () => AlertCommands.Templates(rules, c),
            OpenStore = () => AlertCommands.OpenStore(c),
            Mail = config =>
            {
                var (transport, policy, _) = AlertCommands.Mail(c, config);
                return (transport, policy);
            },
            Sender = ProcessSender.Current(),
            Clock = c.Clock,
            Login = c.Settings.WebLogin,
        };
        return c.Settings.NodeName is { } node ? options with { NodeName = node } : options;
    }
}

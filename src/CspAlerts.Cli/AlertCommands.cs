using System.CommandLine;
using System.Globalization;
using CspAlerts.Alerts;
using CspAlerts.Evaluation;
using CspAlerts.Mail;
using CspAlerts.Model;
using CspAlerts.Notify;
using CspAlerts.State;

namespace CspAlerts.Cli;

/// <summary>
/// The alerting commands: <c>run</c> (evaluate, update the alert state, email the leads), <c>alerts</c>, <c>digest</c>
/// (the PMG chair's digest), <c>silence</c> and <c>comment</c>. They compose the core's alerting use
/// case with the state store (SQLite, or PostgreSQL when configured) and the mail transport (SMTP, or
/// the pickup folder when no SMTP host is set).
/// </summary>
internal static class AlertCommands
{
    /// <summary>Everything the commands read from the settings, the folder relative paths start from, and where to write.</summary>
    public sealed record Context(CliSettings Settings, string BaseDirectory, TextWriter Stdout, TextWriter Stderr, Func<string, ExceptionEngine> Engine)
    {
        /// <summary>The clock: the system's, or a fixed one in tests.</summary>
        public TimeProvider Clock { get; init; } = TimeProvider.System;

        /// <summary>Whether a person watches a terminal: progress bars are drawn only then, progress lines otherwise.</summary>
        public bool Interactive { get; init; }
    }

    public static Command Run(Context c, Option<string[]> data, Option<string> rules, Option<string> area, Option<string> period, Option<string> revisions, Func<ParseResult, EvaluationRequest> request)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Print who would get what; save nothing and send nothing." };
        var command = new Command("run", "Evaluate, update the alert state and email each lead their new items for the PMG.")
        {
            data, rules, area, period, revisions, dryRun,
        };
        command.SetAction(parse => Async(c, async () =>
        {
            var engine = c.Engine(parse.GetValue(rules) ?? c.Settings.RulesPath);
            await using var store = await OpenStore(c).ConfigureAwait(false);
            var mail = Mail(c, engine.Configuration);
            var templates = Templates(parse.GetValue(rules) ?? c.Settings.RulesPath, c);
            var run = new AlertRun(engine, store, store, mail.Transport, c.Clock, mail.Policy, templates, new Charts.TrendChartRenderer()) { Sender = ProcessSender.Current() };
            var report = await run.RunAsync(request(parse), parse.GetValue(dryRun)).ConfigureAwait(false);
            Print(c.Stdout, report, store.Description, mail.Where);
            return report.Deliveries.Any(d => d.Outcome == DeliveryOutcome.PermanentFailure) ? CliApplication.InvalidInput : CliApplication.Success;
        }));
        return command;
    }

    public static Command Digest(Context c, Option<string> rules)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the digest; save nothing and send nothing." };
        var periodOption = new Option<string>("--period") { Description = "The month, YYYY-MM (default: the latest month run).", HelpName = "YYYY-MM" };
        var command = new Command("digest", "Send the PMG chair the digest of the latest month run: exceptions by strategic group, monitor-only items, successes and commentary.")
        {
            rules, periodOption, dryRun,
        };
        command.SetAction(parse => Async(c, async () =>
        {
            var engine = c.Engine(parse.GetValue(rules) ?? c.Settings.RulesPath);
            await using var store = await OpenStore(c).ConfigureAwait(false);
            var state = await store.ReadAsync().ConfigureAwait(false);
            var period = parse.GetValue(periodOption) is { } text ? Month(text) : state.LastPeriod
                ?? throw new UsageException("no month has been run yet: run 'cspalerts run --data ...' first");
            var mail = Mail(c, engine.Configuration);
            var templates = Templates(parse.GetValue(rules) ?? c.Settings.RulesPath, c);
            var (_, message) = await PmgDigest.PrepareAsync(store, store, store, engine.Configuration, period, mail.Policy.ProtectiveMarking, templates).ConfigureAwait(false);
            var digest = message ?? throw new UsageException("no owner has role chair in the rules folder, so there is no one to send the digest to");
            if (parse.GetValue(dryRun))
            {
                c.Stdout.WriteLine($"Dry run: nothing was saved or sent. The digest would go to {digest.Recipient}:");
                c.Stdout.WriteLine($"Subject: {digest.Subject}");
                c.Stdout.WriteLine(digest.Text);
                return CliApplication.Success;
            }

            var committed = await store.CommitAsync(new RunCommit($"digest:{digest.Id}", period, state.Alerts, [digest], c.Clock.GetUtcNow())).ConfigureAwait(false);
            var run = new AlertRun(engine, store, store, mail.Transport, c.Clock, mail.Policy, templates) { Sender = ProcessSender.Current() };
            var deliveries = await run.DeliverAsync().ConfigureAwait(false);
            c.Stdout.WriteLine(committed
                ? $"Digest for {period.ToDisplayString()} queued for {digest.Recipient}."
                : $"The digest for {period.ToDisplayString()} with this content was queued before: nothing new to send.");
            PrintDeliveries(c.Stdout, deliveries, mail.Where);
            return CliApplication.Success;
        }));
        return command;
    }

    public static Command Alerts(Context c, Option<string> rules)
    {
        var stateOption = new Option<string>("--state") { Description = "Only alerts in this state: new, continuing, resolved or silenced.", HelpName = "STATE" };
        stateOption.AcceptOnlyFromAmong("new", "continuing", "resolved", "silenced");
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("alerts", "List the alerts as the last run left them: what is open now, and what resolved or is silenced.") { rules, stateOption, format };
        command.SetAction(parse => Async(c, async () =>
        {
            var engine = c.Engine(parse.GetValue(rules) ?? c.Settings.RulesPath);
            await using var store = await OpenStore(c).ConfigureAwait(false);
            var state = await store.ReadAsync().ConfigureAwait(false);
            var wanted = parse.GetValue(stateOption) is { } text ? Enum.Parse<AlertStatus>(text, ignoreCase: true) : (AlertStatus?)null;
            var config = engine.Configuration;
            var alerts = state.Alerts.Where(a => wanted is null || a.Status == wanted)
                .OrderBy(a => a.Status)
                .ThenBy(a => a.Rag ?? (Rag)99)
                .ThenBy(a => config.FindIndicator(a.Key.Indicator)?.Name ?? a.Key.Indicator, StringComparer.Ordinal)
                .ToList();
            if (parse.GetValue(format) == "json")
            {
                CliApplication.WriteJson(c.Stdout, w => Output.JsonReport.WriteAlerts(w, state.LastPeriod, alerts, config));
                return CliApplication.Success;
            }

            if (state.LastPeriod is not { } last)
            {
                c.Stdout.WriteLine($"No alerts yet: nothing has been run (state in {store.Description}). Run 'cspalerts run --data ...' first.");
                return CliApplication.Success;
            }

            var counts = Enum.GetValues<AlertStatus>().Select(st => $"{state.Alerts.Count(a => a.Status == st)} {st.ToString().ToLowerInvariant()}");
            c.Stdout.WriteLine($"Alerts after the run for {last.ToDisplayString()} (state in {store.Description}): {string.Join(", ", counts)}.");
            if (alerts.Count == 0)
            {
                c.Stdout.WriteLine(wanted is { } w ? $"None is {w.ToString().ToLowerInvariant()}." : "There are none.");
                return CliApplication.Success;
            }

            foreach (var alert in alerts)
            {
                var rag = alert.Monitor ? "monitor" : alert.Rag is { } r ? Names.Of(r) : "-";
                var indicator = config.FindIndicator(alert.Key.Indicator)?.Name ?? alert.Key.Indicator;
                var area = config.FindArea(alert.Key.Area)?.Name ?? alert.Key.Area;
                var rule = config.Rules.FirstOrDefault(x => x.Id == alert.Key.Rule)?.Description is { Length: > 0 } d ? Gist(d) : alert.Key.Rule;
                var since = alert.Status == AlertStatus.Resolved ? $"resolved in {alert.LastPeriod.ToDisplayString()}" : $"since {alert.Since.ToDisplayString()}";
                var pmg = alert.Escalate && !alert.Monitor ? ", to the PMG" : string.Empty;
                c.Stdout.WriteLine($"  {alert.Status.ToString().ToLowerInvariant(),-10}  {rag,-7}  {indicator}, {area}: {rule} ({since}{pmg})");
            }

            return CliApplication.Success;
        }));
        return command;
    }

    public static Command Silence(Context c)
    {
        var rule = new Option<string>("--rule") { Description = "The rule id (default: every rule).", HelpName = "ID" };
        var indicator = new Option<string>("--indicator") { Description = "The indicator id (default: every indicator).", HelpName = "ID" };
        var area = new Option<string>("--area") { Description = "The area id (default: every area).", HelpName = "ID" };
        var reason = new Option<string>("--reason") { Description = "Why it is muted.", Required = true };
        var author = new Option<string>("--author") { Description = "Who muted it.", Required = true };
        var until = new Option<string>("--until") { Description = "The day it ends, YYYY-MM-DD.", Required = true, HelpName = "YYYY-MM-DD" };
        var add = new Command("add", "Mute matching alerts until a date, with a reason: they are kept but not emailed.") { rule, indicator, area, reason, author, until };
        add.SetAction(parse => Async(c, async () =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(until), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new UsageException($"invalid --until '{parse.GetValue(until)}': expected YYYY-MM-DD, e.g. 2017-03-31", CliApplication.BadUsage);
            }

            await using var store = await OpenStore(c).ConfigureAwait(false);
            var silence = await store.AddSilenceAsync(new Silence(
                0, parse.GetValue(rule), parse.GetValue(indicator), parse.GetValue(area), parse.GetValue(reason)!, parse.GetValue(author)!,
                c.Clock.GetUtcNow(), new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))).ConfigureAwait(false);
            c.Stdout.WriteLine($"Silence {silence.Id} added: {Describe(silence)}.");
            return CliApplication.Success;
        }));

        var list = new Command("list", "List the silences.");
        list.SetAction(parse => Async(c, async () =>
        {
            await using var store = await OpenStore(c).ConfigureAwait(false);
            var silences = (await store.ReadAsync().ConfigureAwait(false)).Silences;
            c.Stdout.WriteLine(silences.Count == 0 ? "No silences." : $"{silences.Count} silence(s):");
            foreach (var s in silences)
            {
                var ended = s.Until <= c.Clock.GetUtcNow() ? " (ended)" : string.Empty;
                c.Stdout.WriteLine($"  {s.Id}: {Describe(s)}{ended}");
            }

            return CliApplication.Success;
        }));

        var id = new Argument<long>("id") { Description = "The silence's number, as 'silence list' shows it." };
        var remove = new Command("remove", "Remove a silence.") { id };
        remove.SetAction(parse => Async(c, async () =>
        {
            await using var store = await OpenStore(c).ConfigureAwait(false);
            var removed = await store.RemoveSilenceAsync(parse.GetValue(id)).ConfigureAwait(false);
            c.Stdout.WriteLine(removed ? $"Silence {parse.GetValue(id)} removed." : $"There is no silence {parse.GetValue(id)}.");
            return removed ? CliApplication.Success : CliApplication.InvalidInput;
        }));

        return new Command("silence", "Mute alerts until a date, list the silences, or remove one.") { add, list, remove };
    }

    public static Command Comment(Context c, Option<string> rules)
    {
        var indicator = new Option<string>("--indicator") { Description = "The indicator id.", Required = true, HelpName = "ID" };
        var area = new Option<string>("--area") { Description = "The area id.", Required = true, HelpName = "ID" };
        var periodOption = new Option<string>("--period") { Description = "The month, YYYY-MM (default: the latest month run).", HelpName = "YYYY-MM" };
        var author = new Option<string>("--author") { Description = "Who writes it.", Required = true };
        var text = new Option<string>("--text") { Description = "The commentary, as the PMG chair will read it.", Required = true };
        var add = new Command("add", "Add a lead's commentary on an item; the digest shows it.") { rules, indicator, area, periodOption, author, text };
        add.SetAction(parse => Async(c, async () =>
        {
            var engine = c.Engine(parse.GetValue(rules) ?? c.Settings.RulesPath);
            var areaId = engine.ResolveAreas([parse.GetValue(area)!])[0].Id;
            var indicatorId = parse.GetValue(indicator)!;
            if (engine.Configuration.FindIndicator(indicatorId) is null)
            {
                throw new UsageException($"unknown indicator '{Diagnostics.Echo.Of(indicatorId)}': the ids are {string.Join(", ", engine.Configuration.Indicators.Select(i => i.Id))}");
            }

            await using var store = await OpenStore(c).ConfigureAwait(false);
            var period = parse.GetValue(periodOption) is { } p ? Month(p) : (await store.ReadAsync().ConfigureAwait(false)).LastPeriod
                ?? throw new UsageException("no month has been run yet: give --period YYYY-MM");
            var note = await store.AddCommentaryAsync(new Commentary(0, indicatorId, areaId, period, parse.GetValue(author)!, parse.GetValue(text)!, c.Clock.GetUtcNow())).ConfigureAwait(false);
            c.Stdout.WriteLine($"Commentary {note.Id} added for {engine.Configuration.FindIndicator(indicatorId)!.Name} in {engine.Configuration.FindArea(areaId)!.Name}, {period.ToDisplayString()}.");
            return CliApplication.Success;
        }));
        return new Command("comment", "Leads' commentary for the PMG digest.") { add };
    }

    private static void Print(TextWriter o, AlertRunReport report, string store, string where)
    {
        var month = report.Evaluation.Period.ToDisplayString();
        var counts = Enum.GetValues<AlertStatus>().Select(s => $"{report.Alerts.Count(a => a.Status == s)} {s.ToString().ToLowerInvariant()}");
        o.WriteLine(report.DryRun ? $"Dry run for {month}: nothing was saved or sent." : $"Run for {month} (state in {store}).");
        o.WriteLine($"Alerts: {string.Join(", ", counts)}.");
        if (report.Note is { } note)
        {
            o.WriteLine(char.ToUpperInvariant(note[0]) + note[1..] + ".");
        }

        var verb = report.DryRun ? "would get" : "gets";
        foreach (var (email, message) in report.Emails.Zip(report.Messages))
        {
            var fresh = email.Items.Count(i => i.IsNew);
            var also = email.Information.Count > 0 ? $" and {email.Information.Count} for information" : string.Empty;
            o.WriteLine($"  {email.Lead.Name} <{email.Lead.Email}> {verb} {email.Items.Count} item(s) for the PMG, {fresh} new{also}: \"{message.Subject}\"");
            foreach (var item in email.Items)
            {
                var rag = item.Item.Rag is { } r ? Names.Of(r) : "monitor";
                o.WriteLine($"    {(item.IsNew ? "new " : "open")}  {rag,-5}  {item.Item.Indicator.Name}, {item.Item.Area.Name}");
            }
        }

        if (report.Emails.Count == 0 && report.Note is null)
        {
            o.WriteLine("No lead has a new item to take to the PMG: no email.");
        }

        PrintDeliveries(o, report.Deliveries, where);
    }

    private static void PrintDeliveries(TextWriter o, IReadOnlyList<DeliveryResult> deliveries, string where)
    {
        if (deliveries.Count == 0)
        {
            return;
        }

        var delivered = deliveries.Count(d => d.Outcome == DeliveryOutcome.Delivered);
        o.WriteLine($"Delivered {delivered} of {deliveries.Count} message(s) to {where}.");
        foreach (var d in deliveries.Where(d => d.Outcome != DeliveryOutcome.Delivered))
        {
            var kind = d.Outcome == DeliveryOutcome.PermanentFailure ? "failed, not retried" : "deferred, tried again on the next run";
            o.WriteLine($"  {kind}: {d.Detail}");
        }
    }

    private static readonly string[] GistEnds = [". ", ": ", " ("];

    /// <summary>A rule's description up to its first full stop, colon or bracket: what it is, without the detail.</summary>
    private static string Gist(string description)
    {
        var cut = GistEnds.Select(m => description.IndexOf(m, StringComparison.Ordinal)).Where(i => i > 0).DefaultIfEmpty(description.Length).Min();
        return description[..cut].TrimEnd('.');
    }

    private static string Describe(Silence s) =>
        $"{s.Rule ?? "every rule"} on {s.Indicator ?? "every indicator"} in {s.Area ?? "every area"} until {s.Until:yyyy-MM-dd}, by {s.Author}: {s.Reason}";

    private static Period Month(string text) => Period.TryParse(text, out var p)
        ? p
        : throw new UsageException($"invalid --period '{text}': expected YYYY-MM, e.g. 2016-12", CliApplication.BadUsage);

    internal static async Task<IStateDatabase> OpenStore(Context c)
    {
        var path = Path.Combine(c.BaseDirectory, c.Settings.StatePath);
        return await StateStores.OpenAsync(c.Settings.PostgresConnectionString, path).ConfigureAwait(false);
    }

    internal static (IMailTransport Transport, MailPolicy Policy, string Where) Mail(Context c, CspConfiguration config)
    {
        var policy = new MailPolicy(c.Settings.ProtectiveMarking, c.Settings.AllowedDomains) { PagesUrl = c.Settings.WebBaseUrl };
        var domains = policy.DomainsFor(config);
        var options = c.Settings.Smtp with
        {
            AllowedDomains = domains,
            From = c.Settings.Smtp.From is { Length: > 0 } from ? from : $"CSP Alerts <cspalerts@{(domains.Count > 0 ? domains[0] : "localhost")}>",
        };
        var pickup = Path.Combine(c.BaseDirectory, c.Settings.PickupPath);
        var where = string.IsNullOrWhiteSpace(options.Host) ? $"the pickup folder {c.Settings.PickupPath}" : $"{options.Host}:{options.Port}";
        return (MailTransports.Create(options, pickup, c.Clock), policy, where);
    }

    /// <summary>The email templates of the rules folder (the shipped ones for any it lacks), checked before anything is queued.</summary>
    public static MessageTemplates Templates(string rules, Context c) => MessageTemplates.Load(rules, c.BaseDirectory);

    private static int Async(Context c, Func<Task<int>> action) => CliApplication.Guard(c.Stderr, () => action().GetAwaiter().GetResult());
}

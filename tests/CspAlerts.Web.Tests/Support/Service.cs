using CspAlerts.Evaluation;
using CspAlerts.Mail;
using CspAlerts.Notify;
using CspAlerts.State;
using CspAlerts.Testing;
using Microsoft.AspNetCore.Builder;

namespace CspAlerts.Web.Tests.Support;

/// <summary>
/// The service on a free local port, in a folder of its own: a copy of the shipped rules, a SQLite
/// state, the inbox and the pickup folder. Datasets are dropped in as a user would, by copying.
/// </summary>
public sealed class Service : IAsyncDisposable
{
    public static readonly string Root = RepositoryRoot.Find(AppContext.BaseDirectory);

    private Service(string folder, WebApplication app, string url, ServeOptions options)
    {
        Folder = folder;
        App = app;
        Url = url;
        Options = options;
    }

    public string Folder { get; }

    public WebApplication App { get; }

    public string Url { get; }

    public ServeOptions Options { get; }

    public string Inbox => Path.Combine(Folder, "inbox");

    public string Outbox => Path.Combine(Folder, "outbox");

    public string Rules => Path.Combine(Folder, "rules");

    /// <param name="adjust">Changes to the options the tests use (quick polling), e.g. the service's defaults for a benchmark.</param>
    public static async Task<Service> StartAsync(TimeProvider? clock = null, string? postgres = null, string? folder = null, string node = "test", Func<ServeOptions, ServeOptions>? adjust = null)
    {
        folder ??= Directory.CreateTempSubdirectory("cspalerts-serve-").FullName;
        var rules = Path.Combine(folder, "rules");
        if (!Directory.Exists(rules))
        {
            CopyFolder(Path.Combine(Root, "rules"), rules);
        }

        var port = Ports.Free();
        var url = $"http://127.0.0.1:{port}";
        var time = clock ?? TimeProvider.System;
        var options = new ServeOptions
        {
            Urls = url,
            BaseDirectory = folder,
            RulesPath = "rules",
            InboxPath = "inbox",
            PostgresConnectionString = postgres,
            ProtectiveMarking = "OFFICIAL-SENSITIVE",
            LoadEngine = () => ExceptionEngine.Load("rules", null, folder),
            LoadTemplates = () => MessageTemplates.Load("rules", folder),
            OpenStore = () => postgres is null ? StateStores.OpenSqliteAsync(Path.Combine(folder, "state.db")) : StateStores.OpenPostgresAsync(postgres),
            Mail = config =>
            {
                var policy = new MailPolicy("OFFICIAL-SENSITIVE", []);
                var domains = policy.DomainsFor(config);
                return (MailTransports.Create(new SmtpOptions { AllowedDomains = domains, From = $"CSP Alerts <cspalerts@{domains[0]}>" }, Path.Combine(folder, "outbox"), time), policy);
            },
            Sender = OutboxSender.Named(node),
            Clock = time,
            PollInterval = TimeSpan.FromMilliseconds(200),
            SettleTime = TimeSpan.FromMilliseconds(300),
            NodeName = node,
        };
        options = adjust?.Invoke(options) ?? options;
        var app = ServeHost.Build(options);
        await app.StartAsync();
        return new Service(folder, app, url, options);
    }

    /// <summary>Copies a file into the inbox as a user would, then waits until the service has processed or rejected it.</summary>
    public async Task<string> DropAsync(string source, TimeSpan? timeout = null)
    {
        var name = Path.GetFileName(source);
        File.Copy(source, Path.Combine(Inbox, name));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(120);
        while (waited.Elapsed < limit)
        {
            if (File.Exists(Path.Combine(Inbox, "processed", name)))
            {
                return "processed";
            }

            if (File.Exists(Path.Combine(Inbox, "rejected", name + ".errors.txt")))
            {
                return "rejected";
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{name} was neither processed nor rejected in time");
    }

    public static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

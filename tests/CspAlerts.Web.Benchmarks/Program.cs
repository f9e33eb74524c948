// The service's benchmarks, each figure printed as it is measured:
//   dotnet run --project tests/CspAlerts.Web.Benchmarks -c Release [-- --quick]
//
// 1. Inbox to email: the MPS historical file (April 2010 to January 2022, every borough) renamed into
//    the inbox of a running service, with the service's default timings (a file counts as complete
//    once unchanged for 1 s), until its emails are in the pickup folder. A fresh service and state
//    each run; the first run of the process includes compiling the code (JIT).
//    Then the same with five years of earlier monthly releases in processed/, which each job merges
//    with the new one, and the evaluation alone with every earlier release read or kept from the last job.
// 2. The exceptions page with a national state: the 314 CSPs of England and Wales and 36 more areas,
//    the 15 indicators of the Charnwood configuration and 185 more, and a state of open alerts on a third of the 70,000
//    area-indicators; the median and 95th percentile of each view's response time.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CspAlerts.Alerts;
using CspAlerts.Evaluation;
using CspAlerts.Model;
using CspAlerts.Notify;
using CspAlerts.State;
using CspAlerts.Web;
using CspAlerts.Web.Tests.Support;

var quick = args.Contains("--quick");
var root = Service.Root;
Console.WriteLine($"CspAlerts service benchmarks: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}{(quick ? ", quick run" : string.Empty)}");

// 1. Inbox to email
var history = Path.Combine(root, "tests", "CspAlerts.Benchmarks", "data", "mps_borough_crime_historical_201004-202201_oldcats.csv");
var landings = new List<double>();
for (var run = 0; run < (quick ? 3 : 6); run++)
{
    await using var service = await Service.StartAsync(adjust: o => o with { PollInterval = ServeOptions.DefaultPollInterval, SettleTime = ServeOptions.DefaultSettleTime });
    var part = Path.Combine(service.Inbox, "mps.csv.part");
    File.Copy(history, part);
    var clock = Stopwatch.StartNew();
    File.Move(part, Path.Combine(service.Inbox, "mps.csv")); // lands whole, at once
    while (!File.Exists(Path.Combine(service.Inbox, "processed", "mps.csv")))
    {
        if (clock.Elapsed > TimeSpan.FromMinutes(2) || File.Exists(Path.Combine(service.Inbox, "rejected", "mps.csv")))
        {
            throw new InvalidOperationException("the MPS file was not processed");
        }

        await Task.Delay(2);
    }

    var seconds = clock.Elapsed.TotalSeconds;
    var emails = Directory.GetFiles(service.Outbox, "*.eml").Length;
    landings.Add(seconds);
    Console.WriteLine($"inbox to email, run {run + 1}{(run == 0 ? " (includes JIT)" : string.Empty)}: {seconds:0.000} s, {emails} emails in the pickup folder (settle time {ServeOptions.DefaultSettleTime.TotalSeconds:0.#} s)");
}

var warm = landings.Skip(1).Order().ToList();
Console.WriteLine($"inbox to email: median of runs 2-{landings.Count} {warm[warm.Count / 2]:0.000} s (target under 2 s), range {warm[0]:0.000}-{warm[^1]:0.000} s; first run {landings[0]:0.000} s");

// 1b. Inbox to email with five years of earlier monthly releases in processed/, each of which a job
// merges with the new one (a newer release's figures win). A node reads each earlier release once and
// keeps it: the first job after a node starts reads all of them, later jobs only the new file.
var releases = Directory.CreateTempSubdirectory("cspalerts-releases-").FullName;
var earlierCount = 60;
var releaseNames = CspAlerts.Testing.MpsReleases.Write(root, releases, "201601", earlierCount + (quick ? 3 : 5)); // January 2016 on
{
    var evaluator = ExceptionEngine.Load(Path.Combine(root, "rules"));
    var paths = releaseNames.Take(earlierCount + 1).Select(n => Path.Combine(releases, n)).ToList();
    var cache = new CspAlerts.Ingest.DatasetCache();
    var request = new EvaluationRequest(paths) { Revisions = CspAlerts.Ingest.RevisionPolicy.Newest };
    evaluator.Evaluate(request with { Cache = cache }); // fills the cache, and compiles the code
    var readAll = new List<double>();
    var cached = new List<double>();
    for (var i = 0; i < (quick ? 3 : 7); i++)
    {
        var clock = Stopwatch.StartNew();
        evaluator.Evaluate(request);
        readAll.Add(clock.Elapsed.TotalMilliseconds);
        clock.Restart();
        evaluator.Evaluate(request with { Cache = cache });
        cached.Add(clock.Elapsed.TotalMilliseconds);
    }

    readAll.Sort();
    cached.Sort();
    Console.WriteLine($"evaluating a release with {earlierCount} earlier ones: every file read {readAll[readAll.Count / 2]:0} ms, the earlier ones kept from the last job {cached[cached.Count / 2]:0} ms " +
        $"(medians of {readAll.Count}; {readAll[readAll.Count / 2] / cached[cached.Count / 2]:0.0}x)");
}

{
    await using var service = await Service.StartAsync(adjust: o => o with { PollInterval = ServeOptions.DefaultPollInterval, SettleTime = ServeOptions.DefaultSettleTime });
    var processedFolder = Directory.CreateDirectory(Path.Combine(service.Inbox, "processed")).FullName;
    foreach (var name in releaseNames.Take(earlierCount))
    {
        File.Move(Path.Combine(releases, name), Path.Combine(processedFolder, name));
    }

    var times = new List<double>();
    foreach (var name in releaseNames.Skip(earlierCount))
    {
        var clock = Stopwatch.StartNew();
        File.Move(Path.Combine(releases, name), Path.Combine(service.Inbox, name));
        while (!File.Exists(Path.Combine(processedFolder, name)))
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(2) || File.Exists(Path.Combine(service.Inbox, "rejected", name)))
            {
                throw new InvalidOperationException($"{name} was not processed");
            }

            await Task.Delay(2);
        }

        times.Add(clock.Elapsed.TotalSeconds);
        Console.WriteLine($"inbox to email with {earlierCount + times.Count - 1} earlier releases, {name}: {clock.Elapsed.TotalSeconds:0.000} s{(times.Count == 1 ? " (the node's first job: every earlier release read; includes JIT)" : string.Empty)}");
    }

    var later = times.Skip(1).Order().ToList();
    Console.WriteLine($"inbox to email with {earlierCount}+ earlier releases: median of jobs 2-{times.Count} {later[later.Count / 2]:0.000} s (target under 2 s); first job {times[0]:0.000} s");
}

Directory.Delete(releases, recursive: true);

// 2. The exceptions page with a national state
var folder = Directory.CreateTempSubdirectory("cspalerts-national-").FullName;
var rules = Path.Combine(folder, "rules");
Service.CopyFolder(Path.Combine(root, "configs", "charnwood"), rules);
Service.CopyFolder(Path.Combine(root, "rules", "templates"), Path.Combine(rules, "templates"));
AddSynthetic(rules);
var engine = ExceptionEngine.Load("rules", null, folder);
var config = engine.Configuration;
var alerts = NationalAlerts(config);
var postgresServer = Environment.GetEnvironmentVariable("CSPALERTS_TEST_POSTGRES");
var created = new List<string>();
foreach (var database in postgresServer is { Length: > 0 } ? new[] { "SQLite", "PostgreSQL" } : ["SQLite"])
{
    string? postgres = null;
    if (database == "PostgreSQL")
    {
        postgres = await CreateDatabaseAsync(postgresServer!);
        created.Add(new Npgsql.NpgsqlConnectionStringBuilder(postgres).Database!);
    }
    else
    {
        File.Delete(Path.Combine(folder, "state.db"));
    }

    await using (var store = postgres is null ? await StateStores.OpenSqliteAsync(Path.Combine(folder, "state.db")) : await StateStores.OpenPostgresAsync(postgres))
    {
        await store.CommitAsync(new RunCommit("national-1", new Period(2022, 10), alerts, [], TimeProvider.System.GetUtcNow()));
    }

    await using var service = await Service.StartAsync(folder: folder, postgres: postgres);
    using var http = new HttpClient { BaseAddress = new Uri(service.Url) };
    var areas = config.Areas.Count(a => !a.IsAggregate);
    Console.WriteLine($"national state in {database}: {areas} areas x {config.Indicators.Count} indicators, {alerts.Count:N0} open alerts on {alerts.Select(a => (a.Key.Indicator, a.Key.Area)).Distinct().Count():N0} items");
    string[] views = ["/", "/?rag=red", "/?lead=asb-lead&state=new", "/?group=drugs&rag=amber", "/?area=charnwood", "/?rag=amber&p=50"];
    var requests = quick ? 40 : 200;
    foreach (var view in views)
    {
        var bytes = (await http.GetByteArrayAsync(new Uri(view, UriKind.Relative))).Length; // and warm up
        for (var i = 0; i < 5; i++)
        {
            await http.GetByteArrayAsync(new Uri(view, UriKind.Relative));
        }

        var times = new List<double>();
        for (var i = 0; i < requests; i++)
        {
            times.Add(await TimeAsync(http, view));
        }

        times.Sort();
        Console.WriteLine($"exceptions page {view}: median {times[times.Count / 2]:0.0} ms, 95th percentile {times[(int)(times.Count * 0.95)]:0.0} ms, {bytes / 1024.0:N0} KB ({requests} requests; target under 100 ms at the median)");
    }

    // The first request after a run has committed reads the state again.
    var fresh = new List<double>();
    await using (var store = await service.Options.OpenStore())
    {
        for (var run = 2; run <= (quick ? 4 : 8); run++)
        {
            await store.CommitAsync(new RunCommit($"national-{run}", new Period(2022, 10), alerts, [], TimeProvider.System.GetUtcNow()));
            fresh.Add(await TimeAsync(http, "/"));
        }
    }

    fresh.Sort();
    Console.WriteLine($"exceptions page / just after a run committed (the state read again): median {fresh[fresh.Count / 2]:0.0} ms of {fresh.Count}, range {fresh[0]:0.0}-{fresh[^1]:0.0} ms");
}

Directory.Delete(folder, recursive: true);
if (postgresServer is { Length: > 0 })
{
    await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(postgresServer) { Database = "postgres" }.ToString());
    await connection.OpenAsync();
    foreach (var name in created)
    {
        await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

static async Task<double> TimeAsync(HttpClient http, string view)
{
    var clock = Stopwatch.StartNew();
    using var response = await http.GetAsync(new Uri(view, UriKind.Relative));
    await response.Content.ReadAsByteArrayAsync();
    var ms = clock.Elapsed.TotalMilliseconds;
    response.EnsureSuccessStatusCode();
    return ms;
}

static async Task<string> CreateDatabaseAsync(string server)
{
    var name = "cspalerts_bench_" + Guid.NewGuid().ToString("N");
    await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ToString());
    await connection.OpenAsync();
    await using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
    await command.ExecuteNonQueryAsync();
    return new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
}

// The 314 CSPs and the 15 indicators of the Charnwood configuration, and enough synthetic areas and indicators to make 350 x 200.
static void AddSynthetic(string rules)
{
    var areas = new StringBuilder();
    for (var a = 1; a <= 36; a++)
    {
        areas.Append(CultureInfo.InvariantCulture, $"  - id: synthetic-area-{a:D2}\n    name: \"Synthetic area {a}\"\n    force: \"Leicestershire\"\n");
    }

    File.AppendAllText(Path.Combine(rules, "areas.yaml"), areas.ToString());
    string[] groups = ["crime", "asb", "drugs", "gangs-and-serious-youth-violence"];
    string[] leads = ["crime-lead", "asb-lead", "substance-misuse-lead", "violence-lead"];
    var indicators = new StringBuilder();
    for (var i = 1; i <= 185; i++)
    {
        indicators.Append(CultureInfo.InvariantCulture,
            $"\n  - id: synthetic-indicator-{i:D3}\n    name: Synthetic indicator {i}\n    group: {groups[i % 4]}\n    strategies: [prevention]\n    polarity: lower-is-better\n    unit: count\n    lead: {leads[i % 4]}\n");
    }

    File.AppendAllText(Path.Combine(rules, "indicators.yaml"), indicators.ToString());
}

// Open alerts on about a third of the area-indicators, one to three rules each, as a national run would leave them.
static List<Alert> NationalAlerts(CspConfiguration config)
{
    var random = new Random(2022);
    var ruleIds = config.Rules.Select(r => r.Id).ToList();
    var alerts = new List<Alert>();
    foreach (var area in config.Areas.Where(a => !a.IsAggregate))
    {
        foreach (var indicator in config.Indicators)
        {
            if (random.Next(3) != 0)
            {
                continue;
            }

            foreach (var rule in ruleIds.OrderBy(_ => random.Next()).Take(1 + random.Next(3)))
            {
                var monitor = rule == "monitor-only";
                var since = new Period(2022, 10).AddMonths(-random.Next(12));
                alerts.Add(new Alert(new AlertKey(rule, indicator.Id, area.Id), since == new Period(2022, 10) ? AlertStatus.New : AlertStatus.Continuing,
                    since, new Period(2022, 10), monitor ? null : random.Next(2) == 0 ? Rag.Red : Rag.Amber, monitor, !monitor,
                    $"{indicator.Name} in {area.Name} is {random.Next(5, 60)}% up on the year before, worse than {area.Force ?? "its force"}'s {random.Next(0, 10)}%.",
                    $"until the rise falls to {random.Next(0, 10)}% or below"));
            }
        }
    }

    return alerts;
}

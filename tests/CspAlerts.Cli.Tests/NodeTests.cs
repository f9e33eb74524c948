using System.Diagnostics;
using System.Globalization;
using CspAlerts.Cli.Tests.Support;
using CspAlerts.Mail.Tests.Support;
using CspAlerts.State.Tests.Support;
using MimeKit;
using Npgsql;
using Xunit.Abstractions;

namespace CspAlerts.Cli.Tests;

/// <summary>
/// Two <c>cspalerts serve</c> processes on one real PostgreSQL (the alert state and the Hangfire
/// jobs), sharing one inbox and one real SMTP server (aiosmtpd). Fifty monthly releases land in the
/// inbox, one every 0.2 s, faster than they are processed, and one node is killed hard (SIGKILL) half
/// way through them. A release processed after a later month's adds nothing to email: the month
/// evaluated is always the latest of all the data.
/// </summary>
public sealed class NodeTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>, IAsyncLifetime
{
    private const int Releases = 50;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private readonly SmtpServer _smtp = SmtpServer.Start();
    private readonly string _folder = Directory.CreateTempSubdirectory("cspalerts-nodes-").FullName;
    private string? _database;

    private string Inbox => Path.Combine(_folder, "inbox");

    public async Task InitializeAsync() => _database = await postgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        _smtp.Dispose();
        if (_database is not null)
        {
            await postgres.DropDatabaseAsync(_database);
        }
    }

    [Fact]
    public async Task Two_nodes_share_the_inbox_and_with_one_killed_midway_every_dataset_is_processed_once_and_every_email_sent_once()
    {
        var staging = Directory.CreateDirectory(Path.Combine(_folder, "staging")).FullName;
        var names = CspAlerts.Testing.MpsReleases.Write(CliRun.RepoRoot, staging, "201601", Releases); // January 2016 to February 2020
        await using var a = await Node.StartAsync("node-a", Settings("node-a"), _folder);
        await using var b = await Node.StartAsync("node-b", Settings("node-b"), _folder);
        var clock = Stopwatch.StartNew();

        Directory.CreateDirectory(Inbox);
        foreach (var name in names)
        {
            File.Move(Path.Combine(staging, name), Path.Combine(Inbox, name)); // as a release lands: whole, at once
            await Task.Delay(200);
        }

        // Kill node A while it holds a dataset it has not finished, once at least 15 are done.
        await Until(() => Processed().Count >= 15 && a.Working() is not null || Processed().Count >= Releases - 5,
            "node A to take a dataset after the first 15");
        a.Kill();
        var doneAtKill = Processed().Count;

        // What A held is read from its whole log, drained after it died: it may have finished the file
        // it was seen to take in the moment before the kill.
        var held = a.Working();

        await Until(() => Processed().Count == Releases, $"all {Releases} datasets to reach processed/ on node B");
        await Until(() => PendingAsync().Result == 0, "node B to send every email");
        var seconds = clock.Elapsed.TotalSeconds;

        Assert.False(Directory.Exists(Path.Combine(Inbox, "rejected")), "no release should be rejected");
        Assert.Empty(Directory.GetFiles(Path.Combine(Inbox, "processing")));
        Assert.Empty(Directory.GetFiles(Inbox));
        Assert.Equal(names.Order(StringComparer.Ordinal), Processed().Order(StringComparer.Ordinal));

        // Each dataset processed exactly once, by one node or the other; both did some.
        var byA = a.ProcessedNames();
        var byB = b.ProcessedNames();
        string handedOver;
        if (held is null)
        {
            handedOver = "holding nothing";
        }
        else if (b.Lines().Any(l => l.Contains($"Dataset {held} was left half processed by a node that stopped", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(held, byA);
            Assert.Contains(held, byB);
            handedOver = $"holding {held}, which node B took over";
        }
        else
        {
            // A moved it to processed/ and was killed before its log line was written: processed once, by A.
            Assert.DoesNotContain(held, byB);
            byA.Add(held);
            handedOver = $"as it finished {held}";
        }

        var all = byA.Concat(byB).ToList();
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Releases, all.Count);
        Assert.NotEmpty(byA);
        Assert.NotEmpty(byB);

        // Each email queued is delivered, and reaches the server exactly once.
        var (queued, delivered) = await OutboxAsync();
        var arrived = _smtp.Files().Select(f => MimeMessage.Load(f).MessageId).ToList();
        var duplicates = arrived.Count - arrived.Distinct(StringComparer.Ordinal).Count();
        output.WriteLine($"{Releases} datasets, {queued} emails queued, {delivered} delivered, {arrived.Count} arrived, {duplicates} duplicates, " +
            $"{byA.Count} processed on node A (killed after {doneAtKill} were done, {handedOver}), {byB.Count} on node B, {seconds:0.0} s");
        Assert.True(queued > 0, "the releases should have queued emails");
        Assert.Equal(queued, delivered);
        Assert.Equal(0, duplicates);
        Assert.Equal(queued, arrived.Count);
    }

    private Dictionary<string, string> Settings(string node) => new()
    {
        ["CSPALERTS_Rules__Path"] = Path.Combine(CliRun.RepoRoot, "rules"),
        ["CSPALERTS_Inbox__Path"] = Inbox,
        ["CSPALERTS_ConnectionStrings__Postgres"] = _database!,
        ["CSPALERTS_Smtp__Host"] = "127.0.0.1",
        ["CSPALERTS_Smtp__Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["CSPALERTS_Smtp__StartTls"] = "false",
        ["CSPALERTS_Smtp__From"] = "CSP Alerts <cspalerts@lbbd.example.gov.uk>",
        ["CSPALERTS_Node__Name"] = node,
    };

    private List<string> Processed() =>
        Directory.Exists(Path.Combine(Inbox, "processed")) ? [.. Directory.GetFiles(Path.Combine(Inbox, "processed")).Select(Path.GetFileName).OfType<string>()] : [];

    private async Task<long> PendingAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM outbox WHERE state = 'pending'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<(long Queued, long Delivered)> OutboxAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*), COUNT(*) FILTER (WHERE state = 'delivered') FROM outbox", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task Until(Func<bool> done, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(waited.Elapsed < Patience, $"waited {Patience.TotalMinutes} minutes for {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>One <c>cspalerts serve</c> process, its log lines kept as they come.</summary>
    private sealed class Node : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];
        private readonly Lock _gate = new();

        private Node(Process process) => _process = process;

        public static async Task<Node> StartAsync(string name, Dictionary<string, string> settings, string folder)
        {
            var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;
            var cli = Path.Combine(CliRun.RepoRoot, "src", "CspAlerts.Cli", "bin", configuration, "net10.0", "cspalerts.dll");
            var port = CspAlerts.Testing.Ports.Free();
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { cli, "serve", "--urls", $"http://127.0.0.1:{port}" })
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var (key, value) in settings)
            {
                start.Environment[key] = value;
            }

            var node = new Node(Process.Start(start)!);
            node._process.OutputDataReceived += (_, e) => node.Keep(e.Data);
            node._process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
            node._process.BeginOutputReadLine();
            node._process.BeginErrorReadLine();

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var waited = Stopwatch.StartNew();
            while (true)
            {
                Assert.False(node._process.HasExited, $"{name} stopped as it started:\n{string.Join('\n', node.Lines())}");
                Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), $"{name} did not answer /health:\n{string.Join('\n', node.Lines())}");
                try
                {
                    if ((await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"))).IsSuccessStatusCode)
                    {
                        return node;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                await Task.Delay(200);
            }
        }

        public IReadOnlyList<string> Lines()
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }

        /// <summary>The datasets this node logged as processed.</summary>
        public List<string> ProcessedNames() => [.. Lines().Select(l => Between(l, "Dataset ", " processed on ")).OfType<string>()];

        /// <summary>The dataset this node has taken and not yet finished, if any.</summary>
        public string? Working()
        {
            var taken = Lines().Select(l => Between(l, "Dataset ", " taken on ")).OfType<string>().LastOrDefault();
            return taken is not null && !ProcessedNames().Contains(taken) ? taken : null;
        }

        public void Kill()
        {
            _process.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no finally blocks
            _process.WaitForExit();
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        private static string? Between(string line, string before, string after)
        {
            var at = line.IndexOf("\"Message\":\"" + before, StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            var from = at + 11 + before.Length;
            var to = line.IndexOf(after, from, StringComparison.Ordinal);
            return to < 0 || line.IndexOf('"', from) < to ? null : line[from..to];
        }

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_gate)
            {
                _lines.Add(line);
            }
        }
    }
}

using System.Diagnostics;
using CspAlerts.Testing;
using Npgsql;

namespace CspAlerts.State.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests use: the connection string in CSPALERTS_TEST_POSTGRES, or, when
/// that is not set, the one tests/scripts/postgres.sh start prints (it installs and starts a server on
/// 127.0.0.1:55432, as root). When neither gives a server that answers, every PostgreSQL test fails
/// saying how to start one. Each test gets a database of its own, dropped after it.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string Variable = "CSPALERTS_TEST_POSTGRES";

    private const string HowToStart =
        "The PostgreSQL tests need a server. Start one (as root; it installs PostgreSQL from Debian if missing) and run the tests again:\n" +
        "    export " + Variable + "=\"$(tests/scripts/postgres.sh start)\"\n" +
        "or set " + Variable + " to the connection string of a server where the user may create databases.";

    private string? _connectionString;
    private string? _problem;

    /// <summary>Where the connection string came from, for messages.</summary>
    public string Source { get; private set; } = Variable;

    public async Task InitializeAsync()
    {
        _connectionString = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(_connectionString))
        {
            (_connectionString, _problem) = await StartWithScriptAsync();
            if (_connectionString is null)
            {
                return;
            }
        }

        try
        {
            await using var connection = new NpgsqlConnection(ForDatabase("postgres"));
            await connection.OpenAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or TimeoutException)
        {
            _problem = $"PostgreSQL at '{_connectionString}' (from {Source}) does not answer: {ex.Message}\n{HowToStart}";
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        if (_problem is not null)
        {
            throw new InvalidOperationException(_problem);
        }

        var name = "cspalerts_test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {name}");
        return ForDatabase(name);
    }

    public Task DropDatabaseAsync(string connectionString) =>
        ExecuteAsync($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE)");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ForDatabase("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private string ForDatabase(string name) =>
        new NpgsqlConnectionStringBuilder(_connectionString) { Database = name, Pooling = false }.ToString();

    private async Task<(string? ConnectionString, string? Problem)> StartWithScriptAsync()
    {
        var script = Path.Combine(RepositoryRoot.Find(AppContext.BaseDirectory), "tests", "scripts", "postgres.sh");
        Source = script;
        if (!File.Exists(script))
        {
            return (null, $"{Variable} is not set, and there is no {script} to start a server with.\n{HowToStart}");
        }

        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { script, "start" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var printed = (await output).Trim();
        return process.ExitCode == 0 && printed.Length > 0
            ? (printed, null)
            : (null, $"{Variable} is not set, and '{script} start' failed (exit code {process.ExitCode}):\n{(await errors).Trim()}\n{HowToStart}");
    }
}

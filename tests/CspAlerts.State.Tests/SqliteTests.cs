using CspAlerts.State.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CspAlerts.State.Tests;

/// <summary>The state database contract on SQLite, in a file of a temp folder of its own.</summary>
public sealed class SqliteTests : StateDatabaseTests, IDisposable
{
    private readonly TempDirectory _temp = new();

    private string DatabasePath => Path.Combine(_temp.Path, "state", "alerts.db");

    private protected override int LatestVersion => SqliteDialect.Instance.Migrations.Count;

    private protected override Task<StateStore> OpenStoreAsync(int version) => StateStores.OpenSqliteAsync(DatabasePath, version, default);

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<long> CountAsync(string sql)
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    // xunit calls this after DisposeAsync has closed the stores.
    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_file_and_its_folder_are_created_on_first_use_in_WAL_mode()
    {
        Assert.False(Directory.Exists(Path.GetDirectoryName(DatabasePath)));

        var store = await OpenAsync();

        Assert.True(File.Exists(DatabasePath));
        Assert.Equal($"SQLite {DatabasePath}", store.Description);
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = new SqliteCommand("PRAGMA journal_mode", connection);
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    private SqliteConnection Connect() => new(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
}

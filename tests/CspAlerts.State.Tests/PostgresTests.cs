using CspAlerts.State.Tests.Support;
using Npgsql;

namespace CspAlerts.State.Tests;

/// <summary>
/// The state database contract on a real PostgreSQL server (see <see cref="PostgresServer"/>), in a
/// database created for each test and dropped after it.
/// </summary>
public sealed class PostgresTests(PostgresServer server) : StateDatabaseTests, IClassFixture<PostgresServer>
{
    private string? _connectionString;

    private string ConnectionString => _connectionString ?? throw new InvalidOperationException("No database: the server did not start.");

    private protected override int LatestVersion => PostgresDialect.Instance.Migrations.Count;

    private protected override Task<StateStore> OpenStoreAsync(int version) => StateStores.OpenPostgresAsync(ConnectionString, version, default);

    public override async Task InitializeAsync() => _connectionString = await server.CreateDatabaseAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_connectionString is not null)
        {
            await server.DropDatabaseAsync(_connectionString);
        }
    }

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_description_names_the_server_and_database_and_no_password()
    {
        var store = await OpenAsync();
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);

        Assert.Equal($"PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port}", store.Description);
    }
}

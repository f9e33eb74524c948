using Microsoft.Data.Sqlite;
using Npgsql;

namespace CspAlerts.State;

/// <summary>
/// Opens the state database: SQLite in one file by default, PostgreSQL when a connection string is
/// configured. Opening creates the schema on first use and migrates an older one; a database whose
/// schema is newer than this code is refused with a <see cref="StateSchemaException"/>.
/// </summary>
public static class StateStores
{
    /// <summary>PostgreSQL when <paramref name="postgresConnectionString"/> is set, otherwise SQLite at <paramref name="sqlitePath"/>.</summary>
    public static Task<IStateDatabase> OpenAsync(string? postgresConnectionString, string sqlitePath, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(postgresConnectionString)
            ? OpenSqliteAsync(sqlitePath, cancellationToken)
            : OpenPostgresAsync(postgresConnectionString, cancellationToken);

    /// <summary>SQLite in one file, in WAL mode; the file and its folder are created on first use.</summary>
    public static async Task<IStateDatabase> OpenSqliteAsync(string path, CancellationToken cancellationToken = default) =>
        await OpenSqliteAsync(path, SqliteDialect.Instance.Migrations.Count, cancellationToken).ConfigureAwait(false);

    /// <summary>PostgreSQL: the database named in the connection string must exist; its tables are created on first use.</summary>
    public static async Task<IStateDatabase> OpenPostgresAsync(string connectionString, CancellationToken cancellationToken = default) =>
        await OpenPostgresAsync(connectionString, PostgresDialect.Instance.Migrations.Count, cancellationToken).ConfigureAwait(false);

    /// <summary>Opens and migrates up to <paramref name="version"/> only: the tests make old databases with it.</summary>
    internal static Task<StateStore> OpenSqliteAsync(string path, int version, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
        }.ToString();
        var source = SqliteFactory.Instance.CreateDataSource(connectionString);
        return StateStore.OpenAsync(source, SqliteDialect.Instance, $"SQLite {file}", version, cancellationToken);
    }

    /// <inheritdoc cref="OpenSqliteAsync(string, int, CancellationToken)"/>
    internal static Task<StateStore> OpenPostgresAsync(string connectionString, int version, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var source = NpgsqlDataSource.Create(builder);
        var description = $"PostgreSQL database {builder.Database ?? builder.Username} on {builder.Host}:{builder.Port}";
        return StateStore.OpenAsync(source, PostgresDialect.Instance, description, version, cancellationToken);
    }
}

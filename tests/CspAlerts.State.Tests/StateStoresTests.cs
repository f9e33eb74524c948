using CspAlerts.State.Tests.Support;

namespace CspAlerts.State.Tests;

/// <summary>The factory, the dialects side by side, and the outbox's timings.</summary>
public class StateStoresTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Without_a_postgres_connection_string_the_store_is_sqlite_at_the_path(string? postgres)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "nested", "state.db");

        await using var store = await StateStores.OpenAsync(postgres, path);

        Assert.Equal($"SQLite {path}", store.Description);
        Assert.Equal(SqliteDialect.Instance.Migrations.Count, store.SchemaVersion);
    }

    [Fact]
    public async Task With_a_postgres_connection_string_the_store_is_postgres()
    {
        using var temp = new TempDirectory();

        // Port 1 on loopback: nobody answers, and the error shows PostgreSQL was tried, not SQLite.
        await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(
            () => StateStores.OpenAsync("Host=127.0.0.1;Port=1;Username=postgres;Timeout=2", Path.Combine(temp.Path, "state.db")));
        Assert.False(File.Exists(Path.Combine(temp.Path, "state.db")));
    }

    [Fact]
    public void Both_databases_know_the_same_schema_versions()
    {
        Assert.Equal(SqliteDialect.Instance.Migrations.Count, PostgresDialect.Instance.Migrations.Count);
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)]
    [InlineData(9, 3600)]
    [InlineData(1000, 3600)]
    public void A_transient_failure_waits_30_seconds_doubling_with_each_attempt_at_most_an_hour(int attempts, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), OutboxTiming.Backoff(attempts));
    }

    [Fact]
    public void A_claim_is_held_for_five_minutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), OutboxTiming.Lease);
    }
}

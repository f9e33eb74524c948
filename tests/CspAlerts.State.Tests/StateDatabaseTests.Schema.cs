using CspAlerts.Alerts;
using CspAlerts.Model;

namespace CspAlerts.State.Tests;

public abstract partial class StateDatabaseTests
{
    [Fact]
    public async Task First_use_creates_the_schema_and_records_every_migration()
    {
        var store = await OpenAsync();

        Assert.Equal(LatestVersion, store.SchemaVersion);
        Assert.Equal(LatestVersion, store.MigrationsApplied);
        Assert.Equal(LatestVersion, await CountAsync("SELECT COUNT(*) FROM schema_version"));
        var empty = await store.ReadAsync();
        Assert.Empty(empty.Alerts);
        Assert.Empty(empty.Silences);
        Assert.Null(empty.LastPeriod);
        Assert.Empty(await store.AuditAsync());
    }

    [Fact]
    public async Task A_second_open_migrates_nothing()
    {
        await (await OpenAsync()).CommitAsync(Run("run-1", [Alert("rise", "hackney")]));

        var again = await OpenAsync();

        Assert.Equal(0, again.MigrationsApplied);
        Assert.Equal(LatestVersion, again.SchemaVersion);
        Assert.Equal(LatestVersion, await CountAsync("SELECT COUNT(*) FROM schema_version"));
        Assert.Single((await again.ReadAsync()).Alerts);
    }

    [Fact]
    public async Task Two_processes_opening_a_new_database_at_once_migrate_it_once()
    {
        var stores = await Together(() => OpenAsync(), () => OpenAsync());

        Assert.Equal(LatestVersion, stores.Sum(s => s.MigrationsApplied));
        Assert.All(stores, s => Assert.Equal(LatestVersion, s.SchemaVersion));
        Assert.Equal(LatestVersion, await CountAsync("SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task A_database_at_version_1_is_migrated_and_keeps_its_rows()
    {
        var old = await OpenAsync(version: 1);
        Assert.Equal(1, old.SchemaVersion);
        await old.DisposeAsync();
        // Rows as version 1 held them, written by hand: booleans and instants as literals both databases take.
        await ExecuteAsync("""
            INSERT INTO runs (run_key, period, committed_at) VALUES ('2024-01/abc', '2024-01', '2024-02-03T09:30:00.000000Z');
            INSERT INTO alerts (ordinal, rule, indicator, area, status, since, last_period, rag, monitor, escalate, message, clears)
            VALUES (0, 'rise', 'burglary', 'hackney', 'Continuing', '2023-11', '2024-01', NULL, '1', '0', 'Burglary up 40%', 'below 120');
            INSERT INTO silences (rule, indicator, area, reason, author, created_at, until_at)
            VALUES (NULL, 'burglary', NULL, 'Recording change', 'analyst', '2024-01-10T09:00:00.000000Z', '2024-06-01T00:00:00.000000Z');
            """);

        var store = await OpenAsync();

        Assert.Equal(LatestVersion - 1, store.MigrationsApplied);
        Assert.Equal(LatestVersion, store.SchemaVersion);
        var state = await store.ReadAsync();
        Assert.Equal(
            new Alert(new AlertKey("rise", "burglary", "hackney"), AlertStatus.Continuing, new Period(2023, 11), January, null, true, false, "Burglary up 40%", "below 120"),
            Assert.Single(state.Alerts));
        var silence = Assert.Single(state.Silences);
        Assert.Equal((null, "burglary", (string?)null), (silence.Rule, silence.Indicator, silence.Area));
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), silence.Until);
        Assert.Equal(January, state.LastPeriod);
        // And what the migration added works with the old rows.
        Assert.True(await store.CommitAsync(Run("2024-02/def", outbox: [Message("m1")], period: February)));
        Assert.Equal("m1", Assert.Single(await store.ClaimAsync(10, "sender", T0)).Id);
    }

    [Fact]
    public async Task A_database_newer_than_the_code_is_refused_and_left_as_it_is()
    {
        await (await OpenAsync()).CommitAsync(Run("run-1", [Alert("rise", "hackney")]));
        var newer = LatestVersion + 1;
        await ExecuteAsync($"INSERT INTO schema_version (version) VALUES ({newer})");

        var refused = await Assert.ThrowsAsync<StateSchemaException>(() => OpenAsync());

        Assert.Contains($"schema version {newer}", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"knows ({LatestVersion})", refused.Message, StringComparison.Ordinal);
        Assert.Equal(newer, await CountAsync("SELECT MAX(version) FROM schema_version"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM alerts"));
    }
}

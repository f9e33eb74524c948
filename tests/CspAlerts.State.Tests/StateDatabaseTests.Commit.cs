using CspAlerts.Alerts;
using CspAlerts.Model;

namespace CspAlerts.State.Tests;

public abstract partial class StateDatabaseTests
{
    [Fact]
    public async Task A_commit_reads_back_every_alert_exactly_and_in_order()
    {
        var store = await OpenAsync();
        Alert[] alerts =
        [
            new(new AlertKey("rise", "burglary", "hackney"), AlertStatus.New, January, January, Rag.Red, false, true, "Burglary up 40% on last year", "below 120"),
            new(new AlertKey("rise", "robbery", "camden"), AlertStatus.Continuing, new Period(2023, 6), January, Rag.Amber, true, false, "Robbery: 3rd month", null),
            new(new AlertKey("quartile", "burglary", "barnet"), AlertStatus.Resolved, new Period(2019, 12), December, null, false, false, "", null),
            new(new AlertKey("spc", "vehicle-crime", "city-of-london"), AlertStatus.Silenced, December, January, Rag.Green, true, true, "Ünïcode — ‘quotes’ and 'apostrophes'; DROP TABLE alerts", "n/a"),
        ];

        Assert.True(await store.CommitAsync(Run("2024-01/abc", alerts)));
        var state = await store.ReadAsync();

        Assert.Equal(alerts, state.Alerts);
        Assert.Equal(January, state.LastPeriod);
    }

    [Fact]
    public async Task A_commit_replaces_the_alerts_and_the_last_period_is_the_latest_month_committed()
    {
        var store = await OpenAsync();
        await store.CommitAsync(Run("2024-02/a", [Alert("rise", "hackney"), Alert("rise", "camden")], period: February));

        await store.CommitAsync(Run("2024-01/b", [Alert("spc", "barnet")], period: January));
        var state = await store.ReadAsync();

        Assert.Equal([Alert("spc", "barnet")], state.Alerts);
        Assert.Equal(February, state.LastPeriod);
    }

    [Fact]
    public async Task The_same_run_key_twice_commits_once_and_the_second_changes_nothing()
    {
        var store = await OpenAsync();
        Assert.True(await store.CommitAsync(Run("2024-01/abc", [Alert("rise", "hackney")], [Message("m1")])));

        var again = await store.CommitAsync(Run("2024-01/abc", [Alert("spc", "camden")], [Message("m2")], February));

        Assert.False(again);
        var state = await store.ReadAsync();
        Assert.Equal([Alert("rise", "hackney")], state.Alerts);
        Assert.Equal(January, state.LastPeriod);
        Assert.Equal(["m1"], (await store.ClaimAsync(10, "sender", T0)).Select(m => m.Id));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM runs"));
    }

    [Fact]
    public async Task Of_two_processes_committing_one_run_key_at_once_exactly_one_wins()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();
        for (var round = 0; round < 5; round++)
        {
            var key = $"2024-01/round-{round}";
            Alert[] mine = [Alert("rise", $"first-{round}")];
            Alert[] theirs = [Alert("rise", $"second-{round}")];

            var won = await Together(
                () => first.CommitAsync(Run(key, mine, [Message($"first-{round}")])),
                () => second.CommitAsync(Run(key, theirs, [Message($"second-{round}")])));

            Assert.Single(won, w => w);
            var state = await first.ReadAsync();
            Assert.Equal(won[0] ? mine : theirs, state.Alerts);
        }

        Assert.Equal(5, await CountAsync("SELECT COUNT(*) FROM runs"));
        Assert.Equal(5, await CountAsync("SELECT COUNT(*) FROM outbox"));
    }

    [Fact]
    public async Task Commits_of_different_runs_at_once_both_land_whole()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();
        Alert[] mine = [Alert("rise", "hackney"), Alert("rise", "camden")];
        Alert[] theirs = [Alert("spc", "barnet"), Alert("spc", "camden")];

        var won = await Together(
            () => first.CommitAsync(Run("2024-01/a", mine, [Message("a")])),
            () => second.CommitAsync(Run("2024-01/b", theirs, [Message("b")])));

        Assert.Equal([true, true], won);
        var alerts = (await first.ReadAsync()).Alerts;
        Assert.True(alerts.SequenceEqual(mine) || alerts.SequenceEqual(theirs), "the alerts are one run's, whole");
        Assert.Equal(2, (await first.ClaimAsync(10, "sender", T0)).Count);
    }

    [Fact]
    public async Task A_commit_that_fails_part_way_changes_nothing()
    {
        var store = await OpenAsync();
        await store.CommitAsync(Run("2024-01/a", [Alert("rise", "hackney")]));

        // Two alerts with one key break the alerts' primary key after the run row and the delete.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(
            () => store.CommitAsync(Run("2024-02/b", [Alert("spc", "camden"), Alert("spc", "camden")], [Message("m1")], February)));

        var state = await store.ReadAsync();
        Assert.Equal([Alert("rise", "hackney")], state.Alerts);
        Assert.Equal(January, state.LastPeriod);
        Assert.Empty(await store.ClaimAsync(10, "sender", T0));
        Assert.True(await store.CommitAsync(Run("2024-02/b", [Alert("spc", "camden")], period: February)));
    }
}

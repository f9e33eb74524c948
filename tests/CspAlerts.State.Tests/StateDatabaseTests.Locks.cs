namespace CspAlerts.State.Tests;

public abstract partial class StateDatabaseTests
{
    [Fact]
    public async Task The_run_count_moves_with_each_commit_and_not_with_a_repeat()
    {
        var store = await OpenAsync();
        Assert.Equal(0, await store.RunCountAsync());

        await store.CommitAsync(Run("2024-01/a", [Alert("rise", "hackney")]));
        await store.CommitAsync(Run("2024-01/a", [Alert("rise", "camden")]));
        await store.CommitAsync(Run("2024-02/b", [], period: February));

        Assert.Equal(2, await store.RunCountAsync());
    }

    [Fact]
    public async Task A_held_lock_makes_a_second_holder_wait_until_it_is_let_go()
    {
        // Two stores, as two processes would have: each its own connections.
        var first = await OpenAsync();
        var second = await OpenAsync();
        var held = await first.HoldAsync("inbox");

        var waiting = second.HoldAsync("inbox");
        var other = await second.HoldAsync("digest"); // another name is another lock
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted, "the second holder must wait while the first holds the lock");

        await held.DisposeAsync();
        var next = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        await next.DisposeAsync();
        await other.DisposeAsync();
        await (await first.HoldAsync("inbox")).DisposeAsync();
    }

    [Fact]
    public async Task Waiting_for_a_lock_can_be_given_up()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();
        await using var held = await first.HoldAsync("inbox");
        using var patience = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.HoldAsync("inbox", patience.Token));
    }
}

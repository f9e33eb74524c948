using CspAlerts.Alerts;

namespace CspAlerts.State.Tests;

public abstract partial class StateDatabaseTests
{
    [Fact]
    public async Task Silences_read_back_with_their_new_ids_expired_ones_too()
    {
        var store = await OpenAsync();
        var bst = TimeSpan.FromHours(1);

        var everywhere = await store.AddSilenceAsync(new Silence(0, null, "burglary", null, "Recording change in the Met", "analyst@met.example", T0, T0.AddMonths(3)));
        var one = await store.AddSilenceAsync(new Silence(0, "rise", "robbery", "hackney", "Known operation", "lead@hackney.example", new DateTimeOffset(2023, 6, 1, 10, 0, 0, bst), new DateTimeOffset(2023, 7, 1, 0, 0, 0, bst)));

        Assert.True(everywhere.Id > 0);
        Assert.True(one.Id > everywhere.Id);
        Assert.Equal([everywhere, one], (await store.ReadAsync()).Silences);
    }

    [Fact]
    public async Task A_removed_silence_is_gone_and_removing_it_again_says_so()
    {
        var store = await OpenAsync();
        var kept = await store.AddSilenceAsync(new Silence(0, "rise", null, null, "kept", "analyst", T0, T0.AddDays(30)));
        var removed = await store.AddSilenceAsync(new Silence(0, "spc", null, null, "removed", "analyst", T0, T0.AddDays(30)));

        Assert.True(await store.RemoveSilenceAsync(removed.Id));
        Assert.False(await store.RemoveSilenceAsync(removed.Id));
        Assert.False(await store.RemoveSilenceAsync(9999));

        Assert.Equal([kept], (await store.ReadAsync()).Silences);
        var next = await store.AddSilenceAsync(new Silence(0, "spc", null, null, "new", "analyst", T0, T0.AddDays(30)));
        Assert.True(next.Id > removed.Id, "an id is never given twice");
    }

    [Fact]
    public async Task Commentary_reads_back_by_month_in_the_order_written()
    {
        var store = await OpenAsync();
        var later = await store.AddCommentaryAsync(new Commentary(0, "burglary", "hackney", January, "lead@hackney.example", "Operation Bumblebee started.", T0.AddHours(2)));
        var earlier = await store.AddCommentaryAsync(new Commentary(0, "robbery", "camden", January, "lead@camden.example", "Two linked series;\nsee the PMG paper.", T0));
        await store.AddCommentaryAsync(new Commentary(0, "burglary", "hackney", February, "lead@hackney.example", "Another month.", T0));

        var january = await store.CommentaryAsync(January);

        Assert.True(earlier.Id > later.Id);
        Assert.Equal([earlier, later], january);
        Assert.Empty(await store.CommentaryAsync(December));
    }
}

using CspAlerts.Mail.Tests.Support;
using CspAlerts.Notify;
using MimeKit;

namespace CspAlerts.Mail.Tests;

public sealed class PickupFolderTransportTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 7, 30, 0, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("cspalerts-pickup-").FullName;

    private string Folder => Path.Combine(_root, "pickup", "outgoing");

    private PickupFolderTransport Transport() => new(Folder, Sample.Builder(new FixedClock(Now)), new FixedClock(Now));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Each_message_is_written_whole_as_its_id_dot_eml_in_a_folder_made_for_it()
    {
        var results = await Transport().SendAsync([Sample.Message("m-1"), Sample.Message("m-2", "pc.smith@met.police.uk")]);

        Assert.All(results, r => Assert.Equal(DeliveryOutcome.Delivered, r.Outcome));
        Assert.Equal(["m-1", "m-2"], results.Select(r => r.MessageId));
        Assert.Equal("written to the pickup folder as m-1.eml", results[0].Detail);
        Assert.Equal(Now, results[0].At);
        Assert.Equal(["m-1.eml", "m-2.eml"], Directory.GetFiles(Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var mime = await MimeMessage.LoadAsync(Path.Combine(Folder, "m-1.eml"));
        Assert.Equal("m-1@borough.gov.uk", mime.MessageId);
        Assert.Equal("jo.lead@borough.gov.uk", Assert.Single(mime.To.Mailboxes).Address);
        Assert.Contains("cid:chart-1", mime.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("\r\n", await File.ReadAllTextAsync(Path.Combine(Folder, "m-1.eml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_already_in_the_folder_is_not_written_twice()
    {
        await Transport().SendAsync([Sample.Message("m-1")]);
        var path = Path.Combine(Folder, "m-1.eml");
        var before = await File.ReadAllBytesAsync(path);

        var again = Assert.Single(await Transport().SendAsync([Sample.Message("m-1", subject: "changed")]));

        Assert.Equal(DeliveryOutcome.Delivered, again.Outcome);
        Assert.Equal("already in the pickup folder as m-1.eml", again.Detail);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
        Assert.Single(Directory.GetFiles(Folder));
    }

    [Fact]
    public async Task Parallel_writers_of_one_message_leave_one_whole_file_and_no_temporary_ones()
    {
        var transports = Enumerable.Range(0, 8).Select(_ => Transport()).ToList();

        var results = await Task.WhenAll(transports.Select(t => Task.Run(() => t.SendAsync([Sample.Message("m-1")]))));

        Assert.All(results, r => Assert.Equal(DeliveryOutcome.Delivered, Assert.Single(r).Outcome));
        Assert.Equal("m-1.eml", Path.GetFileName(Assert.Single(Directory.GetFiles(Folder))));
        Assert.Equal("m-1@borough.gov.uk", (await MimeMessage.LoadAsync(Path.Combine(Folder, "m-1.eml"))).MessageId);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("two words")]
    [InlineData("")]
    public async Task An_id_that_cannot_name_a_file_is_refused(string id)
    {
        var result = Assert.Single(await Transport().SendAsync([Sample.Message(id)]));

        Assert.Equal(DeliveryOutcome.PermanentFailure, result.Outcome);
        Assert.StartsWith("refused, not written: the id", result.Detail, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Folder) && Directory.EnumerateFileSystemEntries(Folder).Any());
        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_recipient_outside_the_allowed_domains_is_not_written()
    {
        var results = await Transport().SendAsync([Sample.Message("m-1", "x@evil.example"), Sample.Message("m-2")]);

        Assert.Equal(DeliveryOutcome.PermanentFailure, results[0].Outcome);
        Assert.Contains("x@evil.example is not at an allowed domain", results[0].Detail, StringComparison.Ordinal);
        Assert.Equal(DeliveryOutcome.Delivered, results[1].Outcome);
        Assert.Equal(["m-2.eml"], Directory.GetFiles(Folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_folder_that_cannot_be_made_is_a_transient_failure()
    {
        var blocker = Path.Combine(_root, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the folder should be");
        var transport = new PickupFolderTransport(Path.Combine(blocker, "pickup"), Sample.Builder());

        var result = Assert.Single(await transport.SendAsync([Sample.Message("m-1")]));

        Assert.Equal(DeliveryOutcome.TransientFailure, result.Outcome);
        Assert.StartsWith($"could not write to the pickup folder {Path.Combine(blocker, "pickup")}: ", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelled_before_it_starts_nothing_is_written_and_nothing_throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var results = await Transport().SendAsync([Sample.Message("m-1"), Sample.Message("m-2")], cancelled.Token);

        Assert.All(results, r => Assert.Equal((DeliveryOutcome.TransientFailure, "not attempted: sending was cancelled"), (r.Outcome, r.Detail)));
        Assert.False(Directory.Exists(Folder));
    }
}

using System.Net;
using CspAlerts.Alerts;
using CspAlerts.Model;
using CspAlerts.Notify;
using CspAlerts.Web.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CspAlerts.Web.Tests;

/// <summary>The service on its own: the inbox, the digest on schedule, rules hot reload and who may come in.</summary>
public sealed class ServiceTests
{
    private static string Seed(string name) => Path.Combine(Service.Root, "seeds", name);

    [Fact]
    public async Task Datasets_dropped_in_the_inbox_are_run_and_the_leads_emailed_and_a_bad_one_is_rejected_while_the_service_stays_up()
    {
        await using var service = await Service.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(service.Url) };

        Assert.Equal("processed", await service.DropAsync(Seed("mps-borough-crime-201210-201612.csv")));
        var bad = Path.Combine(service.Folder, "broken.csv");
        await File.WriteAllTextAsync(bad, "area,indicator,period,value\nbarking-and-dagenham,burglary,2016-13,12\n");
        Assert.Equal("rejected", await service.DropAsync(bad));
        Assert.Equal("processed", await service.DropAsync(Seed("lfb-deliberate-fires-201301-201612.csv")));

        var errors = await File.ReadAllLinesAsync(Path.Combine(service.Inbox, "rejected", "broken.csv.errors.txt"));
        Assert.StartsWith("broken.csv was rejected on ", errors[0], StringComparison.Ordinal);
        Assert.Contains(errors, e => e.Contains("broken.csv:2", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(service.Inbox, "rejected", "broken.csv")), "the rejected file is kept");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        var emails = Directory.GetFiles(service.Outbox, "*.eml");
        Assert.Contains(emails, f => File.ReadAllText(f).Contains("To: crime.lead@lbbd.example.gov.uk", StringComparison.Ordinal));
        Assert.Contains(emails, f => File.ReadAllText(f).Contains("To: fire.lead@lbbd.example.gov.uk", StringComparison.Ordinal));
        var inbox = await http.GetStringAsync("/inbox");
        Assert.Contains("broken.csv", inbox, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_still_being_written_is_left_alone_until_it_is_complete()
    {
        await using var service = await Service.StartAsync();
        var lines = await File.ReadAllLinesAsync(Seed("mps-borough-crime-201210-201612.csv"));
        var target = Path.Combine(service.Inbox, "mps.csv");
        await using (var writer = new StreamWriter(target))
        {
            foreach (var line in lines.Take(lines.Length / 2))
            {
                await writer.WriteLineAsync(line);
            }

            await writer.FlushAsync();
            for (var i = 0; i < 8; i++)
            {
                // Still writing, a little at a time, for longer than the settle time.
                await writer.WriteLineAsync(lines[(lines.Length / 2) + i]);
                await writer.FlushAsync();
                await Task.Delay(150);
                Assert.True(File.Exists(target), "a file still being written must not be taken");
            }

            foreach (var line in lines.Skip((lines.Length / 2) + 8))
            {
                await writer.WriteLineAsync(line);
            }
        }

        var waited = System.Diagnostics.Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(60);
        while (!File.Exists(Path.Combine(service.Inbox, "processed", "mps.csv")) && waited.Elapsed < limit)
        {
            await Task.Delay(100);
        }

        Assert.True(File.Exists(Path.Combine(service.Inbox, "processed", "mps.csv")));
        Assert.False(File.Exists(Path.Combine(service.Inbox, "rejected", "mps.csv.errors.txt")));
    }

    [Fact]
    public async Task A_rules_edit_with_a_mistake_never_replaces_the_working_rules_and_its_errors_show()
    {
        await using var service = await Service.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(service.Url) };
        var rules = Path.Combine(service.Rules, "rules.yaml");
        var good = await File.ReadAllTextAsync(rules);
        var before = service.App.Services.GetRequiredService<RuleSet>().Working.At;

        await File.WriteAllTextAsync(rules, good.Replace("when: Worse(ytd, ytdTarget)", "when: Worse(ytd, ytdTarget", StringComparison.Ordinal));
        var page = await WaitForAsync(http, "/rules", "error(s)");

        Assert.Contains("The rules loaded before stay in use", page, StringComparison.Ordinal);
        Assert.Contains("rules/rules.yaml:", page, StringComparison.Ordinal);
        Assert.Equal(before, service.App.Services.GetRequiredService<RuleSet>().Working.At);

        await File.WriteAllTextAsync(rules, good);
        Assert.Contains("The rules folder validates.", await WaitForAsync(http, "/rules", "The rules folder validates."), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_digest_goes_to_the_chair_on_the_schedule_once_per_meeting()
    {
        // The shipped schedule: a meeting on 1 March 2017, the digest 7 days before.
        var clock = new FakeTimeProvider(new DateTimeOffset(2017, 2, 20, 9, 0, 0, TimeSpan.Zero));
        await using var service = await Service.StartAsync(clock);
        await service.DropAsync(Seed("mps-borough-crime-201210-201612.csv"));
        var job = service.App.Services.GetRequiredService<DigestJob>();
        int Digests() => Directory.GetFiles(service.Outbox, "*.eml").Count(f => File.ReadAllText(f).Contains("To: pmg.chair@", StringComparison.Ordinal));

        var early = await job.RunAsync();
        clock.Advance(TimeSpan.FromDays(2));
        var due = await job.RunAsync();
        clock.Advance(TimeSpan.FromHours(1));
        var again = await job.RunAsync();

        Assert.Equal("no digest is due today", early);
        Assert.Equal("the digest for December 2016 was sent to pmg.chair@lbbd.example.gov.uk for the meeting on 1 March 2017", due);
        Assert.Equal("the digest for the meeting on 1 March 2017 was sent before", again);
        Assert.Equal(1, Digests());
    }

    [Fact]
    public async Task A_file_left_half_processed_when_the_service_stopped_is_taken_again_when_it_starts()
    {
        var folder = Directory.CreateTempSubdirectory("cspalerts-serve-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "inbox", "processing"));
        File.Copy(Seed("mps-borough-crime-201210-201612.csv"), Path.Combine(folder, "inbox", "processing", "mps.csv"));

        await using var service = await Service.StartAsync(folder: folder);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(service.Inbox, "processed", "mps.csv")) && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        Assert.True(File.Exists(Path.Combine(service.Inbox, "processed", "mps.csv")));
        Assert.Empty(Directory.GetFiles(Path.Combine(service.Inbox, "processing")));
    }

    [Fact]
    public async Task A_long_list_of_exceptions_comes_a_hundred_a_page_and_filters_by_area()
    {
        await using var service = await Service.StartAsync();
        var config = service.App.Services.GetRequiredService<RuleSet>().Working.Engine.Configuration;
        var alerts = config.Areas.Where(a => !a.IsAggregate)
            .SelectMany(a => config.Indicators.Take(8).Select(i => new Alert(new AlertKey("bottom-quartile-msg", i.Id, a.Id), AlertStatus.New,
                new Period(2016, 12), new Period(2016, 12), Rag.Red, false, true, $"{i.Name} in {a.Name}", null)))
            .ToList();
        await using (var store = await service.Options.OpenStore())
        {
            await store.CommitAsync(new RunCommit("many", new Period(2016, 12), alerts, [], TimeProvider.System.GetUtcNow()));
        }

        using var http = new HttpClient { BaseAddress = new Uri(service.Url) };
        var second = await http.GetStringAsync("/?rag=red&p=2");
        var hackney = await http.GetStringAsync("/?area=hackney");

        Assert.Contains($"{alerts.Count:N0} open item(s) for December 2016, 101 to 200 shown", second, StringComparison.Ordinal);
        Assert.Contains("href=\"/?rag=red&amp;p=1\" rel=\"prev\"", second, StringComparison.Ordinal);
        Assert.Contains("href=\"/?rag=red&amp;p=3\" rel=\"next\"", second, StringComparison.Ordinal);
        Assert.Equal(100, second.Split("<a href=\"/items/").Length - 1);
        Assert.Contains($"8 of {alerts.Count:N0} open item(s) for December 2016<", hackney, StringComparison.Ordinal);
        Assert.Equal(8, hackney.Split("<a href=\"/items/").Length - 1);
        Assert.All(hackney.Split("<a href=\"/items/").Skip(1), row => Assert.StartsWith("hackney", row.Split('/')[1], StringComparison.Ordinal));

        // Hostile or odd filters: a page past the end or before the start shows the nearest; text is never echoed raw.
        var last = await http.GetStringAsync("/?p=999999");
        var lastShown = $", {((alerts.Count - 1) / 100 * 100) + 1:N0} to {alerts.Count:N0} shown";
        Assert.Contains(lastShown, last, StringComparison.Ordinal);
        Assert.Contains(lastShown, await http.GetStringAsync("/?p=99999999999999999999"), StringComparison.Ordinal); // past any page there can be: the last
        Assert.Contains(", 1 to 100 shown", await http.GetStringAsync("/?p=1.5"), StringComparison.Ordinal);
        Assert.Contains("101 to 200 shown", await http.GetStringAsync("/?p=2&p=abc"), StringComparison.Ordinal);
        Assert.Contains(", 1 to 100 shown", await http.GetStringAsync("/?p=-3"), StringComparison.Ordinal);
        var hostile = await http.GetAsync("/?area=%3Cscript%3Ealert(1)%3C%2Fscript%3E&rag=%00&lead=" + new string('x', 5000));
        Assert.Equal(HttpStatusCode.OK, hostile.StatusCode);
        var page = await hostile.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)", page, StringComparison.Ordinal);
        Assert.Contains($"0 of {alerts.Count:N0} open item(s)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_without_its_anti_forgery_token_is_refused()
    {
        await using var service = await Service.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(service.Url) };

        var response = await http.PostAsync("/items/burglary/barking-and-dagenham", new FormUrlEncodedContent(new Dictionary<string, string> { ["Author"] = "x", ["Text"] = "forged" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", null, null, true)]
    [InlineData("::1", null, null, true)]
    [InlineData("10.1.2.3", null, null, false)]
    [InlineData("10.1.2.3", "analyst:secret", "analyst:secret", true)]
    [InlineData("10.1.2.3", "analyst:secret", "analyst:guess", false)]
    [InlineData("10.1.2.3", "analyst:secret", null, false)]
    public async Task Only_local_requests_come_in_unless_they_give_the_configured_login(string from, string? login, string? given, bool allowed)
    {
        await using var service = await Service.StartAsync();
        var options = service.Options with { Login = login is null ? null : (login.Split(':')[0], login.Split(':')[1]) };
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(from);
        if (given is not null)
        {
            context.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(given));
        }

        Assert.Equal(allowed, ServeHost.Allowed(context, options));
    }

    private static async Task<string> WaitForAsync(HttpClient http, string path, string text)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(60);
        string page;
        do
        {
            page = await http.GetStringAsync(path);
            if (page.Contains(text, StringComparison.Ordinal))
            {
                return page;
            }

            await Task.Delay(200);
        }
        while (waited.Elapsed < limit);
        return page;
    }
}

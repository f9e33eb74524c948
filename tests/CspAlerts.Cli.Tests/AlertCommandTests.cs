using CspAlerts.Cli.Tests.Support;
using MimeKit;

namespace CspAlerts.Cli.Tests;

/// <summary>
/// The alerting commands end to end on the seed data: the state in a SQLite file, emails to the
/// pickup folder (the embedded default when no SMTP host is set), each test in its own folder.
/// </summary>
public class AlertCommandTests
{
    private static (Dictionary<string, string> Settings, string Outbox) Fresh(params (string Key, string Value)[] more)
    {
        var folder = $"tests/CspAlerts.Cli.Tests/bin/work/alerts-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string>
        {
            ["CSPALERTS_State__Path"] = $"{folder}/state.db",
            ["CSPALERTS_Mail__PickupPath"] = $"{folder}/outbox",
            ["CSPALERTS_Mail__ProtectiveMarking"] = "OFFICIAL-SENSITIVE",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return (settings, Path.Combine(CliRun.RepoRoot, folder, "outbox"));
    }

    private static string[] Emails(string outbox) => Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml") : [];

    private static MimeMessage Read(string file) => MimeMessage.Load(file);

    [Fact]
    public void A_run_emails_each_lead_once_and_the_same_data_again_sends_nothing()
    {
        var (settings, outbox) = Fresh();

        var first = CliRun.RunWith(settings, "run", "--data", "seeds", "--area", "barking-and-dagenham");
        var sent = Emails(outbox);
        var again = CliRun.RunWith(settings, "run", "--data", "seeds", "--area", "barking-and-dagenham");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Run for December 2016", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("Strategic lead for crime (MOPAC 7 and other police recorded crime) <crime.lead@lbbd.example.gov.uk> gets ", first.Stdout, StringComparison.Ordinal);
        Assert.NotEmpty(sent);
        var crime = Read(Assert.Single(sent, f => Read(f).To.ToString() == "crime.lead@lbbd.example.gov.uk"));
        Assert.StartsWith("[OFFICIAL-SENSITIVE] Barking and Dagenham, December 2016: ", crime.Subject, StringComparison.Ordinal);
        Assert.Contains("Theft of motor vehicle", crime.TextBody, StringComparison.Ordinal);
        Assert.Contains("It clears at rank 24 of 32 or better (now 29 of 32).", crime.TextBody, StringComparison.Ordinal);
        Assert.Contains("Theft of motor vehicle", crime.HtmlBody, StringComparison.Ordinal);
        Assert.EndsWith("OFFICIAL-SENSITIVE\n", crime.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("Arson", crime.TextBody, StringComparison.Ordinal);
        var chart = Assert.IsType<MimePart>(Assert.Single(crime.BodyParts, p => p.ContentType.MimeType == "image/png" && p.ContentId == "chart5@cspalerts"), exactMatch: false);
        Assert.Contains("cid:chart5@cspalerts", crime.HtmlBody, StringComparison.Ordinal);
        using var png = new MemoryStream();
        chart.Content!.DecodeTo(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.ToArray()[..4]);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("This data was run before: nothing new to send.", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(sent.Length, Emails(outbox).Length);
    }

    [Fact]
    public void A_dry_run_says_who_would_get_what_and_writes_nothing()
    {
        var (settings, outbox) = Fresh();

        var result = CliRun.RunWith(settings, "run", "--data", "seeds", "--area", "barking-and-dagenham", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Dry run for December 2016: nothing was saved or sent.", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("would get", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(Emails(outbox));
    }

    [Fact]
    public void A_recipient_outside_the_allowed_domains_is_an_error_before_anything_is_sent()
    {
        var (settings, outbox) = Fresh(("CSPALERTS_Mail__AllowedDomains", "partner.example.org"));

        var result = CliRun.RunWith(settings, "run", "--data", "seeds", "--area", "barking-and-dagenham");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.ErrorLines, l => l.StartsWith("error: lead '", StringComparison.Ordinal) && l.EndsWith("is not allowed (partner.example.org); nothing was sent", StringComparison.Ordinal));
        Assert.Empty(Emails(outbox));
    }

    [Fact]
    public void Silences_and_commentary_shape_the_next_run_and_the_digest()
    {
        var (settings, outbox) = Fresh();
        CliRun.RunWith(settings, "run", "--data", "seeds", "--area", "barking-and-dagenham", "--period", "2016-11");

        var silence = CliRun.RunWith(settings, "silence", "add", "--indicator", "robbery", "--reason", "Operation Ford under way", "--author", "Analyst", "--until", "2099-12-31");
        var december = CliRun.RunWith(settings, "run", "--data", "seeds", "--area", "barking-and-dagenham");
        var comment = CliRun.RunWith(settings, "comment", "add", "--indicator", "theft-of-motor-vehicle", "--area", "Barking & Dagenham", "--author", "Crime lead", "--text", "Tasking moved to vehicle crime in January.");
        var digest = CliRun.RunWith(settings, "digest");
        var list = CliRun.RunWith(settings, "silence", "list");

        Assert.Equal("Silence 1 added: every rule on robbery in every area until 2099-12-31, by Analyst: Operation Ford under way.", silence.Stdout.Trim());
        Assert.Contains("silenced", december.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Robbery, Barking and Dagenham", december.Stdout, StringComparison.Ordinal);
        Assert.Equal("Commentary 1 added for Theft of motor vehicle in Barking and Dagenham, December 2016.", comment.Stdout.Trim());
        Assert.Contains("Digest for December 2016 queued for pmg.chair@lbbd.example.gov.uk.", digest.Stdout, StringComparison.Ordinal);
        var chair = Read(Assert.Single(Emails(outbox), f => Read(f).To.ToString() == "pmg.chair@lbbd.example.gov.uk"));
        Assert.Equal("[OFFICIAL-SENSITIVE] PMG digest: December 2016", chair.Subject);
        Assert.Contains("- Theft of motor vehicle, Barking and Dagenham (Crime lead): Tasking moved to vehicle crime in January.", chair.TextBody, StringComparison.Ordinal);
        Assert.Contains("1: every rule on robbery in every area until 2099-12-31, by Analyst: Operation Ford under way", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_area_a_run_is_for_the_partnership_and_a_lead_reads_the_PMG_items_then_those_for_information()
    {
        var (settings, outbox) = Fresh();

        var result = CliRun.RunWith(settings, "run", "--data", "seeds");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("gets 6 item(s) for the PMG, 6 new and 2 for information: \"[OFFICIAL-SENSITIVE] Barking and Dagenham, December 2016: 6 new exceptions for the PMG\"", result.Stdout, StringComparison.Ordinal);
        var crime = Read(Assert.Single(Emails(outbox), f => Read(f).To.ToString() == "crime.lead@lbbd.example.gov.uk"));
        var text = crime.TextBody!.ReplaceLineEndings("\n");
        var information = text.IndexOf("For information, not for the PMG (good performance and monitor-only):", StringComparison.Ordinal);
        Assert.True(information > text.IndexOf("6. ", StringComparison.Ordinal), "the items for information come after the six for the PMG");
        Assert.Contains("7. Burglary, Barking and Dagenham: GREEN", text[information..], StringComparison.Ordinal);
        Assert.Contains("For information, not for the PMG", crime.HtmlBody, StringComparison.Ordinal);
        Assert.All(Emails(outbox), f => Assert.DoesNotContain("Haringey", Read(f).TextBody, StringComparison.Ordinal));
    }

    [Fact]
    public void Alerts_lists_what_the_last_run_left_open_by_name_and_as_JSON()
    {
        var (settings, _) = Fresh();
        var before = CliRun.RunWith(settings, "alerts");
        CliRun.RunWith(settings, "run", "--data", "seeds", "--period", "2016-11");
        CliRun.RunWith(settings, "run", "--data", "seeds");

        var table = CliRun.RunWith(settings, "alerts");
        var resolved = CliRun.RunWith(settings, "alerts", "--state", "resolved", "--format", "json");

        Assert.Equal(0, before.ExitCode);
        Assert.StartsWith("No alerts yet: nothing has been run", before.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, table.ExitCode);
        Assert.StartsWith("Alerts after the run for December 2016 (state in SQLite ", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("\n  continuing  red      Theft of motor vehicle, Barking and Dagenham: In the bottom quartile of the 32 London boroughs on the Met benchmark rank (since November 2016, to the PMG)\n", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("\n  resolved    amber    Total notifiable offences, Barking and Dagenham: Worse than London (resolved in December 2016, to the PMG)\n", table.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, resolved.ExitCode);
        Assert.Equal("2016-12", resolved.Json.GetProperty("period").GetString());
        var alerts = resolved.Json.GetProperty("alerts").EnumerateArray().ToList();
        Assert.All(alerts, a => Assert.Equal("resolved", a.GetProperty("status").GetString()));
        Assert.All(alerts, a => Assert.Equal("Barking and Dagenham", a.GetProperty("areaName").GetString()));
    }

    [Fact]
    public void A_broken_email_template_stops_validate_and_run_before_anything_is_sent()
    {
        var (settings, outbox) = Fresh();
        var rules = RulesCopy.With("placeholder.txt", "");
        Directory.CreateDirectory(Path.Combine(CliRun.RepoRoot, rules, "templates"));
        File.WriteAllText(Path.Combine(CliRun.RepoRoot, rules, "templates", "lead-email.html.hbs"), "<p>{{LeadName}}</p>\n{{#each Items}}\n<p>{{{Figures}}}</p>\n");

        var validate = CliRun.RunWith(settings, "validate", "--rules", rules);
        var run = CliRun.RunWith(settings, "run", "--data", "seeds", "--rules", rules);

        Assert.Equal(1, validate.ExitCode);
        Assert.Contains($"{rules}/templates/lead-email.html.hbs:3:4: an HTML template may not write a field unescaped", validate.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{rules}/templates/lead-email.html.hbs:2:1: '{{{{#each}}}}' is never closed with '{{{{/each}}}}'", validate.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{rules}/templates/lead-email.html.hbs:3:4: ", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Emails(outbox));
        Assert.StartsWith("No alerts yet", CliRun.RunWith(settings, "alerts").Stdout, StringComparison.Ordinal);
    }
}

using CspAlerts.Alerts;
using CspAlerts.Core.Tests.Support;
using CspAlerts.Evaluation;
using CspAlerts.Model;
using CspAlerts.Notify;

namespace CspAlerts.Core.Tests.Notify;

/// <summary>The alerting use case on the real seed data and the shipped rules, with the state in memory.</summary>
public class AlertRunTests
{
    private static readonly string Root = CspAlerts.Testing.RepositoryRoot.Find(AppContext.BaseDirectory);
    private static readonly ExceptionEngine Engine = ExceptionEngine.Load(Path.Combine(Root, "rules"));

    private static EvaluationRequest Month(int year, int month) =>
        new([Path.Combine(Root, "seeds")]) { Period = new Period(year, month), Areas = ["barking-and-dagenham"] };

    private static AlertRun Run(InMemoryState state, MailPolicy? policy = null) =>
        new(Engine, state, state, state, TimeProvider.System, policy ?? new MailPolicy("OFFICIAL-SENSITIVE", []), Templates);

    private static readonly CspAlerts.Mail.MessageTemplates Templates = CspAlerts.Mail.MessageTemplates.Default();

    [Fact]
    public async Task The_first_run_makes_every_alert_new_and_emails_each_lead_only_their_own_items()
    {
        var state = new InMemoryState();

        var report = await Run(state).RunAsync(Month(2016, 12), dryRun: false);

        Assert.True(report.Committed);
        Assert.All(report.Alerts, a => Assert.Equal(AlertStatus.New, a.Status));
        Assert.NotEmpty(state.Sent);
        Assert.Equal(state.Sent.Count, state.Sent.Select(m => m.Recipient).Distinct().Count());
        foreach (var email in report.Emails)
        {
            Assert.All(email.Items, i => Assert.Equal(email.Lead.Id, i.Item.Indicator.Lead));
        }

        var crime = Assert.Single(state.Sent, m => m.Recipient == "crime.lead@lbbd.example.gov.uk");
        Assert.StartsWith("[OFFICIAL-SENSITIVE] Barking and Dagenham, December 2016: ", crime.Subject, StringComparison.Ordinal);
        Assert.Contains("Theft of motor vehicle", crime.Text, StringComparison.Ordinal);
        Assert.Contains("It clears at rank 24 of 32 or better (now 29 of 32).", crime.Text, StringComparison.Ordinal);
        Assert.Contains("29 of 32 in the Metropolitan Police Service boroughs (rate rank, quartile 4)", crime.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Arson", crime.Text, StringComparison.Ordinal);
        Assert.EndsWith("OFFICIAL-SENSITIVE\n", crime.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_the_same_data_again_sends_nothing_new()
    {
        var state = new InMemoryState();
        await Run(state).RunAsync(Month(2016, 12), dryRun: false);
        var sent = state.Sent.Count;

        var again = await Run(state).RunAsync(Month(2016, 12), dryRun: false);

        Assert.False(again.Committed);
        Assert.Equal(sent, state.Sent.Count);
        Assert.Equal("this data was run before: nothing new to send", again.Note);
    }

    [Fact]
    public async Task The_next_month_continues_what_still_fires_and_resolves_what_stopped()
    {
        var state = new InMemoryState();
        await Run(state).RunAsync(Month(2016, 11), dryRun: false);

        var december = await Run(state).RunAsync(Month(2016, 12), dryRun: false);

        Assert.Contains(december.Alerts, a => a.Status == AlertStatus.Continuing && a.Since == new Period(2016, 11));
        Assert.All(december.Alerts.Where(a => a.Status == AlertStatus.Resolved), a => Assert.Equal(new Period(2016, 12), a.LastPeriod));
        Assert.All(december.Emails, e => Assert.Contains(e.Items, i => i.IsNew));
    }

    [Fact]
    public async Task A_silenced_alert_is_kept_but_not_emailed()
    {
        var state = new InMemoryState();
        state.Silences.Add(new Silence(1, null, "theft-of-motor-vehicle", null, "known: a police operation is under way", "analyst", DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue));

        var report = await Run(state).RunAsync(Month(2016, 12), dryRun: false);

        Assert.All(report.Alerts.Where(a => a.Key.Indicator == "theft-of-motor-vehicle"), a => Assert.Equal(AlertStatus.Silenced, a.Status));
        Assert.DoesNotContain(state.Sent, m => m.Text.Contains("Theft of motor vehicle", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dry_run_says_who_would_get_what_and_changes_nothing()
    {
        var state = new InMemoryState();

        var report = await Run(state).RunAsync(Month(2016, 12), dryRun: true);

        Assert.NotEmpty(report.Messages);
        Assert.Empty(state.Sent);
        Assert.Null((await state.ReadAsync()).LastPeriod);
    }

    [Fact]
    public async Task A_recipient_outside_the_allowed_domains_stops_the_run_before_anything_is_queued()
    {
        var state = new InMemoryState();

        var ex = await Assert.ThrowsAsync<MailPolicyException>(() => Run(state, new MailPolicy("OFFICIAL", ["partner.example.org"])).RunAsync(Month(2016, 12), dryRun: false));

        Assert.StartsWith("lead 'crime-lead' has the address crime.lead@lbbd.example.gov.uk, whose domain lbbd.example.gov.uk is not allowed (partner.example.org)", ex.Message, StringComparison.Ordinal);
        Assert.Empty(state.Sent);
        Assert.Null((await state.ReadAsync()).LastPeriod);
    }

    [Fact]
    public async Task With_the_pages_address_set_each_item_in_an_email_links_to_its_page()
    {
        var state = new InMemoryState();

        var report = await Run(state, new MailPolicy("OFFICIAL", []) { PagesUrl = "https://cspalerts.lbbd.example.gov.uk/" }).RunAsync(Month(2016, 12), dryRun: true);

        var crime = Assert.Single(report.Messages, m => m.Recipient == "crime.lead@lbbd.example.gov.uk");
        Assert.Contains("   Open this item: https://cspalerts.lbbd.example.gov.uk/items/theft-of-motor-vehicle/barking-and-dagenham\n", crime.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://cspalerts.lbbd.example.gov.uk/items/theft-of-motor-vehicle/barking-and-dagenham\">", crime.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_derived_text_is_escaped_in_the_HTML_and_never_breaks_the_subject()
    {
        var area = new Area("x", "<script>alert(1)</script>\r\nBcc: x@evil.example", null, [], new Dictionary<int, long>(), null, new CspAlerts.Diagnostics.SourceLocation("t", 1, 1));
        var indicator = new Indicator("i", "Burglary & <b>", "crime", [], Polarity.LowerIsBetter, IndicatorUnit.Count, "lead", [], IndicatorSources.None, area.Location);
        var fact = new Fact("i", "x", new Period(2016, 12), 1, 1, 0, 0, null, null, null, null, null, null, null, new Dictionary<string, PeerPosition>(), null, 1);
        var firing = new RuleFiring("r", "i", "x", new Period(2016, 12), Rag.Red, false, true, "<img src=x onerror=alert(1)>", fact);
        var item = new Item(indicator, area, new Period(2016, 12), Rag.Red, false, true, [firing], fact);
        var lead = new Owner("lead", "Lead", OwnerRole.Lead, "lead@example.gov.uk", [], area.Location);

        var message = LeadEmails.Compose(new LeadEmail(lead, new Period(2016, 12), [new LeadItem(item, true, [(firing, AlertStatus.New)], null)]), "OFFICIAL", "k", Templates);

        Assert.DoesNotContain("<script>", message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", message.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', message.Subject);
        Assert.DoesNotContain('\n', message.Subject);
    }
}

/// <summary>The PMG digest from the alert state after a run.</summary>
public class PmgDigestTests
{
    private static readonly string Root = CspAlerts.Testing.RepositoryRoot.Find(AppContext.BaseDirectory);

    [Fact]
    public async Task The_digest_groups_exceptions_by_strategic_group_with_monitor_items_successes_and_commentary()
    {
        var engine = ExceptionEngine.Load(Path.Combine(Root, "rules"));
        var state = new InMemoryState();
        var december = new Period(2016, 12);
        var templates = CspAlerts.Mail.MessageTemplates.Default();
        await new AlertRun(engine, state, state, state, TimeProvider.System, new MailPolicy("OFFICIAL", []), templates)
            .RunAsync(new EvaluationRequest([Path.Combine(Root, "seeds")]) { Period = december, Areas = ["barking-and-dagenham"] }, dryRun: false);
        var alerts = (await state.ReadAsync()).Alerts;
        var note = new Commentary(1, "theft-of-motor-vehicle", "barking-and-dagenham", december, "Crime lead", "Operation <Tarpon> started in November.", DateTimeOffset.UnixEpoch);

        var failure = new FailureModel("asb.lead@lbbd.example.gov.uk", "[OFFICIAL] Barking and Dagenham, December 2016: 1 new exception for the PMG", "550 5.1.1 <asb.lead@lbbd.example.gov.uk>: mailbox unavailable; not retried", "5 January 2017 09:00 UTC");

        var digest = PmgDigest.Compose(PmgDigest.Model(alerts, [note], [failure], engine.Configuration, december, "OFFICIAL"), engine.Configuration, "k", templates)!;

        Assert.Equal("pmg.chair@lbbd.example.gov.uk", digest.Recipient);
        Assert.Equal("[OFFICIAL] PMG digest: December 2016", digest.Subject);
        Assert.Contains("== Crime ==", digest.Text, StringComparison.Ordinal);
        Assert.Contains("New exceptions (", digest.Text, StringComparison.Ordinal);
        Assert.Contains("Monitored, not RAG rated (", digest.Text, StringComparison.Ordinal);
        Assert.Contains("Areas of particular success (", digest.Text, StringComparison.Ordinal);
        Assert.Contains("- Theft of motor vehicle, Barking and Dagenham (Crime lead): Operation <Tarpon> started in November.", digest.Text, StringComparison.Ordinal);
        Assert.Contains("Operation &lt;Tarpon&gt;", digest.Html, StringComparison.Ordinal);
        Assert.Contains("\nEmails that could not be delivered\n- to asb.lead@lbbd.example.gov.uk, \"[OFFICIAL] Barking and Dagenham, December 2016: 1 new exception for the PMG\", 5 January 2017 09:00 UTC: 550 5.1.1 <asb.lead@lbbd.example.gov.uk>: mailbox unavailable; not retried\n", digest.Text, StringComparison.Ordinal);
        Assert.Contains("550 5.1.1 &lt;asb.lead@lbbd.example.gov.uk&gt;", digest.Html, StringComparison.Ordinal);
    }
}

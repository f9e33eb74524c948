using CspAlerts.Diagnostics;
using CspAlerts.Notify;
using CspAlerts.Testing;

namespace CspAlerts.Mail.Tests;

/// <summary>The email templates an analyst edits: checked when loaded, with every fault at its file, line and column.</summary>
public sealed class MessageTemplatesTests : IDisposable
{
    private readonly string _rules = Directory.CreateTempSubdirectory("cspalerts-templates-").FullName;

    public void Dispose() => Directory.Delete(_rules, recursive: true);

    private static readonly ItemModel Item = new(1, "Burglary & <b>", "Barking and Dagenham", "RED", "#b00020", "new", "1,294 <x>", [new RuleModel("<script>alert(1)</script>", null)], null);

    private static readonly LeadEmailModel Model = new("OFFICIAL", "Crime lead", "December 2016", "Barking and Dagenham", 1, "1 item", "1 new exception", [Item], []);

    private string Write(string name, string text)
    {
        Directory.CreateDirectory(Path.Combine(_rules, "templates"));
        File.WriteAllText(Path.Combine(_rules, "templates", name), text);
        return $"{_rules}/templates/{name}";
    }

    private List<string> Errors() =>
        [.. Assert.Throws<ConfigurationRejectedException>(() => MessageTemplates.Load(_rules)).Errors.Select(e => e.ToString())];

    [Fact]
    public void The_built_in_templates_are_the_shipped_files_in_the_rules_folder()
    {
        var folder = Path.Combine(RepositoryRoot.Find(AppContext.BaseDirectory), "rules", "templates");

        Assert.All(MessageTemplates.Names, name => Assert.Equal(File.ReadAllText(Path.Combine(folder, name)), MessageTemplates.Shipped(name)));
    }

    [Fact]
    public void Without_a_templates_folder_every_template_is_the_shipped_default_and_says_so()
    {
        var templates = MessageTemplates.Load(_rules);

        Assert.All(templates.Sources, s => Assert.EndsWith(": the shipped default", s, StringComparison.Ordinal));
        Assert.Equal("[OFFICIAL] Barking and Dagenham, December 2016: 1 new exception for the PMG\n", templates.LeadEmail(Model).Subject);
    }

    [Fact]
    public void An_edited_template_is_used_and_every_field_in_the_HTML_is_escaped()
    {
        var file = Write("lead-email.html.hbs", "<p>{{LeadName}}</p>{{#each Items}}<h2>{{Indicator}}</h2><p>{{Figures}}</p>{{#each Rules}}<p>{{Message}}</p>{{/each}}{{/each}}");

        var templates = MessageTemplates.Load(_rules);

        Assert.Contains(file.Replace('\\', '/'), templates.Sources);
        Assert.Equal("<p>Crime lead</p><h2>Burglary &amp; &lt;b&gt;</h2><p>1,294 &lt;x&gt;</p><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", templates.LeadEmail(Model).Html);
        Assert.Contains("Burglary & <b>", templates.LeadEmail(Model).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_written_unescaped_in_HTML_is_refused_where_it_is()
    {
        var file = Write("lead-email.html.hbs", "<p>\n  {{{LeadName}}} and {{& Month}}</p>");

        Assert.Equal(
            [
                $"{file}:2:3: an HTML template may not write a field unescaped ('{{{{{{' or '{{{{&'): every figure and name must be escaped, so use '{{{{ }}}}'",
                $"{file}:2:22: an HTML template may not write a field unescaped ('{{{{{{' or '{{{{&'): every figure and name must be escaped, so use '{{{{ }}}}'",
            ],
            Errors());
    }

    [Fact]
    public void A_block_left_open_or_closed_twice_is_named_at_its_line()
    {
        var open = Write("lead-email.txt.hbs", "{{Marking}}\n{{#each Items}}\n{{Indicator}}\n");
        var closed = Write("digest.txt.hbs", "{{#each Groups}}{{Title}}{{/each}}\n{{/each}}");

        Assert.Equal(
            [
                $"{closed}:2:1: '{{{{/each}}}}' closes a block that is not open; no block is open",
                $"{open}:2:1: '{{{{#each}}}}' is never closed with '{{{{/each}}}}'",
            ],
            Errors());
    }

    [Fact]
    public void A_misspelt_field_is_named_with_the_fields_there_are()
    {
        var file = Write("lead-email.subject.hbs", "[{{Marking}}] {{Month}}: {{NewExeptionsText}}");

        var error = Assert.Single(Errors());

        Assert.StartsWith($"{file}:1:26: 'NewExeptionsText' is not a field here; the lead email has Marking, LeadName, Month, Where, NewCount, ItemsText, NewExceptionsText,", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_tag_is_named_where_it_starts()
    {
        var file = Write("digest.subject.hbs", "PMG digest {{Month");

        Assert.Equal([$"{file}:1:12: '{{{{' is not closed with '}}}}'"], Errors());
    }

    [Fact]
    public void A_line_break_in_the_subject_never_reaches_the_header()
    {
        Write("lead-email.subject.hbs", "{{Marking}}\r\nBcc: everyone@example.org\n{{Month}}");
        var templates = MessageTemplates.Load(_rules);
        var email = new LeadEmail(
            new CspAlerts.Model.Owner("crime-lead", "Crime lead", CspAlerts.Model.OwnerRole.Lead, "crime.lead@example.gov.uk", [], new SourceLocation("t", 1, 1)),
            new CspAlerts.Model.Period(2016, 12),
            []);

        var message = LeadEmails.Compose(email, "OFFICIAL", "k", templates);

        Assert.Equal("OFFICIAL Bcc: everyone@example.org December 2016", message.Subject);
    }

    [Fact]
    public void Blocks_nested_without_end_are_refused_at_the_limit_not_compiled()
    {
        var file = Write("digest.html.hbs", string.Concat(Enumerable.Repeat("{{#if IsEmpty}}\n", 10_000)));

        Assert.Equal([$"{file}:17:1: blocks nest more than {MessageTemplates.MaxBlockDepth} deep here; a template lays out one email"], Errors());
    }

    [Fact]
    public void A_template_over_the_size_limit_is_refused_unread()
    {
        var file = Write("digest.txt.hbs", new string('x', MessageTemplates.MaxTemplateBytes + 1));

        Assert.Equal([$"{file}:1:1: the template is over 256 KiB; a template lays out one email"], Errors());
    }

    [Fact]
    public void A_template_that_is_a_link_is_not_followed()
    {
        var secret = Path.Combine(_rules, "secret.txt");
        File.WriteAllText(secret, "not for email");
        Directory.CreateDirectory(Path.Combine(_rules, "templates"));
        var link = Path.Combine(_rules, "templates", "digest.txt.hbs");
        File.CreateSymbolicLink(link, secret);

        Assert.Equal([$"{_rules}/templates/digest.txt.hbs:1:1: the template is a link, which is not followed; put the template itself in the folder"], Errors());
    }
}

using CspAlerts.Mail.Tests.Support;
using CspAlerts.Notify;
using MimeKit;

namespace CspAlerts.Mail.Tests;

public class MimeMessageBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 7, 30, 0, TimeSpan.Zero);

    private static MimeMessage Roundtrip(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        stream.Position = 0;
        return MimeMessage.Load(stream);
    }

    private static string Headers(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, stream);
        var text = System.Text.Encoding.ASCII.GetString(stream.ToArray());
        return text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
    }

    [Fact]
    public void A_message_is_alternative_text_and_related_html_with_its_image_by_content_id()
    {
        var mime = Roundtrip(Sample.Builder(new FixedClock(Now)).Build(Sample.Message("m-1")));

        var alternative = Assert.IsType<MultipartAlternative>(mime.Body);
        Assert.Equal(2, alternative.Count);
        var text = Assert.IsType<TextPart>(alternative[0]);
        Assert.True(text.IsPlain);
        Assert.Contains("Burglary rate: rank 31 of 32", text.Text, StringComparison.Ordinal);
        var related = Assert.IsType<MultipartRelated>(alternative[1]);
        var html = Assert.IsType<TextPart>(related.Root);
        Assert.True(html.IsHtml);
        Assert.Contains("src=\"cid:chart-1\"", html.Text, StringComparison.Ordinal);
        var image = Assert.IsType<MimePart>(Assert.Single(related, p => p != related.Root));
        Assert.Equal("image/png", image.ContentType.MimeType);
        Assert.Equal("chart-1", image.ContentId);
        Assert.Equal(ContentDisposition.Inline, image.ContentDisposition?.Disposition);
        using var bytes = new MemoryStream();
        Assert.NotNull(image.Content);
        image.Content.DecodeTo(bytes);
        Assert.Equal(Sample.Chart, bytes.ToArray());

        Assert.Equal("csp-alerts@borough.gov.uk", Assert.Single(mime.From.Mailboxes).Address);
        Assert.Equal("CSP Alerts", mime.From.Mailboxes.Single().Name);
        var to = Assert.Single(mime.To.Mailboxes);
        Assert.Equal(("Jo Lead", "jo.lead@borough.gov.uk"), (to.Name, to.Address));
        Assert.Empty(mime.Cc);
        Assert.Empty(mime.Bcc);
        Assert.Equal("OFFICIAL: 3 exception items for Jo Lead (m-1)", mime.Subject);
        Assert.Equal(Now, mime.Date);
        Assert.Equal("auto-generated", mime.Headers["Auto-Submitted"]);
    }

    [Fact]
    public void Without_images_the_html_is_a_plain_part()
    {
        var message = Sample.Message("m-2") with { Images = [], Html = "<p>OFFICIAL</p>" };

        var alternative = Assert.IsType<MultipartAlternative>(Sample.Builder().Build(message).Body);

        Assert.True(Assert.IsType<TextPart>(alternative[1]).IsHtml);
    }

    [Fact]
    public void The_message_id_comes_from_the_id_the_same_every_time()
    {
        var builder = Sample.Builder();
        var later = new MimeMessageBuilder(Sample.From, Sample.Domains, new FixedClock(Now.AddDays(3)));

        Assert.Equal("run-2026-03.jo-lead_7f3a@borough.gov.uk", builder.Build(Sample.Message("run-2026-03.jo-lead_7f3a")).MessageId);
        Assert.Equal(builder.Build(Sample.Message("m-1")).MessageId, later.Build(Sample.Message("m-1", subject: "another subject")).MessageId);
        Assert.NotEqual(builder.MessageIdFor("m-1"), builder.MessageIdFor("m-2"));
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("a<b>")]
    [InlineData("..dots")]
    [InlineData("x\r\nBcc: y@evil.example")]
    [InlineData("an-id-that-is-far-too-long-to-be-used-as-it-is-in-a-message-id-header-0123456789")]
    public void An_id_that_is_not_plain_gives_a_hashed_message_id_stable_and_safe(string id)
    {
        var builder = Sample.Builder();

        var messageId = builder.Build(Sample.Message(id)).MessageId;

        Assert.Matches("^[0-9a-f]{32}@borough\\.gov\\.uk$", messageId);
        Assert.Equal(messageId, builder.MessageIdFor(id));
        Assert.DoesNotContain("\nBcc:", Headers(builder.Build(Sample.Message(id))), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("OFFICIAL: alerts\r\nBcc: x@evil.example", "OFFICIAL: alerts Bcc: x@evil.example")]
    [InlineData("OFFICIAL: alerts\nBcc: x@evil.example", "OFFICIAL: alerts Bcc: x@evil.example")]
    [InlineData("OFFICIAL: alerts\rBcc: x@evil.example", "OFFICIAL: alerts Bcc: x@evil.example")]
    [InlineData("OFFICIAL:\t\talerts\0 now", "OFFICIAL: alerts now")]
    [InlineData("OFFICIAL: alerts\u0085Bcc: x@evil.example", "OFFICIAL: alerts Bcc: x@evil.example")]
    [InlineData("OFFICIAL: alerts\u2028\u2029next", "OFFICIAL: alerts next")]
    [InlineData("OFFICIAL: \u202Ecod.exe\u202C alerts\u200B", "OFFICIAL: cod.exe alerts")]
    [InlineData("  OFFICIAL-SENSITIVE: Croydon – rank 31  ", "OFFICIAL-SENSITIVE: Croydon – rank 31")]
    public void The_subject_reaches_the_header_as_one_line_without_control_characters(string subject, string expected)
    {
        var mime = Sample.Builder().Build(Sample.Message("m-1", subject: subject));
        var headers = Headers(mime);

        Assert.Equal(expected, Roundtrip(mime).Subject);
        Assert.DoesNotContain(Roundtrip(mime).Headers, h => h.Id == HeaderId.Bcc);
        Assert.DoesNotContain("\nBcc", headers, StringComparison.OrdinalIgnoreCase);
        Assert.All(headers.Split("\r\n"), line => Assert.DoesNotContain(line, c => char.IsControl(c)));
    }

    [Theory]
    [InlineData("=?utf-8?Q?Jo=0D=0ABcc=3A_x=40evil.example?= <jo.lead@borough.gov.uk>", "Jo Bcc: x@evil.example")]
    [InlineData("\"Jo\tLead\" <jo.lead@borough.gov.uk>", "Jo Lead")]
    [InlineData("Jo\r\n Lead <jo.lead@borough.gov.uk>", "Jo Lead")]
    [InlineData("jo.lead@borough.gov.uk", "")]
    public void The_recipient_display_name_is_one_line(string recipient, string name)
    {
        var mime = Roundtrip(Sample.Builder().Build(Sample.Message("m-1", recipient)));

        var to = Assert.Single(mime.To.Mailboxes);
        Assert.Equal(name, to.Name ?? "");
        Assert.Equal("jo.lead@borough.gov.uk", to.Address);
        Assert.Empty(mime.Bcc);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not an address")]
    [InlineData("jo.lead@borough.gov.uk, sam@borough.gov.uk")]
    [InlineData("jo.lead@borough.gov.uk; sam@borough.gov.uk")]
    [InlineData("Leads: jo.lead@borough.gov.uk, sam@borough.gov.uk;")]
    [InlineData("jo.lead@borough.gov.uk\r\nBcc: x@evil.example")]
    [InlineData("Jo\r\nBcc: x@evil.example <jo.lead@borough.gov.uk>")]
    [InlineData("<@evil.example:jo.lead@borough.gov.uk>")]
    [InlineData("\"jo lead\"@borough.gov.uk")]
    [InlineData("jo.lead@borough")]
    [InlineData("jo..lead@borough.gov.uk")]
    [InlineData("jo.lead@@borough.gov.uk")]
    [InlineData("jö.lead@borough.gov.uk")]
    [InlineData("jo.lead")]
    public void A_recipient_that_is_not_one_plain_address_is_refused(string recipient)
    {
        var builder = Sample.Builder();

        Assert.False(builder.TryBuild(Sample.Message("m-1", recipient), out var mime, out var refusal));

        Assert.Null(mime);
        Assert.StartsWith("refused, not sent: the recipient", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(refusal, c => c is '\r' or '\n');
    }

    [Theory]
    [InlineData("jo.lead@evil.example")]
    [InlineData("jo.lead@mail.borough.gov.uk")]
    [InlineData("jo.lead@borough.gov.uk.evil.example")]
    [InlineData("jo.lead@gov.uk")]
    [InlineData("Jo <jo.lead@xborough.gov.uk>")]
    public void A_recipient_outside_the_allowed_domains_is_refused(string recipient)
    {
        Assert.False(Sample.Builder().TryBuild(Sample.Message("m-1", recipient), out _, out var refusal));

        Assert.StartsWith("refused, not sent: ", refusal, StringComparison.Ordinal);
        Assert.EndsWith("is not at an allowed domain (borough.gov.uk, met.police.uk)", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Jo.Lead@BOROUGH.GOV.UK")]
    [InlineData("pc.smith@met.police.uk")]
    public void The_allowed_domains_match_in_any_letter_case(string recipient) =>
        Assert.True(Sample.Builder().TryBuild(Sample.Message("m-1", recipient), out _, out _));

    [Theory]
    [InlineData("chart 1", "image/png", "is not a plain content id")]
    [InlineData("<chart-1>", "image/png", "is not a plain content id")]
    [InlineData("chart\r\n-1", "image/png", "is not a plain content id")]
    [InlineData("chart-1", "text/html", "not image/...")]
    [InlineData("chart-1", "image/png\r\nBcc: x@evil.example", "not image/...")]
    [InlineData("chart-1", "png", "not image/...")]
    public void An_inline_image_that_would_break_the_message_is_refused(string contentId, string mediaType, string why)
    {
        var message = Sample.Message("m-1") with { Images = [new InlineImage(contentId, mediaType, Sample.Chart)] };

        Assert.False(Sample.Builder().TryBuild(message, out _, out var refusal));

        Assert.Contains(why, refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_images_with_one_content_id_are_refused()
    {
        var image = new InlineImage("chart-1", "image/png", Sample.Chart);

        Assert.False(Sample.Builder().TryBuild(Sample.Message("m-1") with { Images = [image, image] }, out _, out var refusal));

        Assert.Contains("two inline images share the id 'chart-1'", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_throws_with_the_refusal()
    {
        var e = Assert.Throws<ArgumentException>(() => Sample.Builder().Build(Sample.Message("m-1", "jo@evil.example")));

        Assert.Contains("jo@evil.example is not at an allowed domain", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "From is empty")]
    [InlineData("alerts@borough.gov.uk, x@evil.example", "From: ")]
    [InlineData("alerts@borough.gov.uk\r\nBcc: x@evil.example", "From has control characters")]
    public void A_bad_sender_is_refused_when_the_builder_is_made(string from, string error)
    {
        var e = Assert.Throws<ArgumentException>(() => new MimeMessageBuilder(from, Sample.Domains));

        Assert.Contains(error, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "AllowedDomains is empty")]
    [InlineData(new[] { "*.borough.gov.uk" }, "'*.borough.gov.uk' is not a domain name")]
    [InlineData(new[] { "jo@borough.gov.uk" }, "is not a domain name")]
    [InlineData(new[] { "borough" }, "'borough' is not a domain name")]
    [InlineData(new[] { "böro.gov.uk" }, "xn-- form")]
    public void Bad_allowed_domains_are_refused_when_the_builder_is_made(string[] domains, string error)
    {
        var e = Assert.Throws<ArgumentException>(() => new MimeMessageBuilder(Sample.From, domains));

        Assert.Contains(error, e.Message, StringComparison.Ordinal);
    }
}

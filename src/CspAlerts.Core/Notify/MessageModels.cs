namespace CspAlerts.Notify;

/// <summary>The subject and bodies of one message, as its templates wrote them.</summary>
public sealed record RenderedMessage(string Subject, string Text, string Html);

/// <summary>
/// Writes the lead emails and the PMG digest from their models. The shipped implementation reads
/// Handlebars templates an analyst can edit (<c>rules/templates/</c>); every figure and name reaches
/// the HTML escaped.
/// </summary>
public interface IMessageTemplates
{
    RenderedMessage LeadEmail(LeadEmailModel model);

    RenderedMessage Digest(DigestModel model);
}

/// <summary>What a lead email template can show. Every text is ready to print; the template only lays it out.</summary>
/// <param name="Where">The area, or "3 areas" when a lead's items span several.</param>
/// <param name="ItemsText">"6 items", "1 item".</param>
/// <param name="NewExceptionsText">"6 new exceptions", "1 new exception".</param>
public sealed record LeadEmailModel(
    string Marking,
    string LeadName,
    string Month,
    string Where,
    int NewCount,
    string ItemsText,
    string NewExceptionsText,
    IReadOnlyList<ItemModel> Items,
    IReadOnlyList<ItemModel> Information)
{
    public bool HasInformation => Information.Count > 0;
}

/// <summary>One item as a lead reads it.</summary>
/// <param name="Rag">RED, AMBER, GREEN or MONITOR.</param>
/// <param name="RagColour">A colour for the rating, as a CSS hex value.</param>
/// <param name="State">"new" or "still open".</param>
/// <param name="Figures">The figures in one line: value and change, rate, London, ranks, year to date.</param>
public sealed record ItemModel(
    int Number,
    string Indicator,
    string Area,
    string Rag,
    string RagColour,
    string State,
    string Figures,
    IReadOnlyList<RuleModel> Rules,
    ChartModel? Chart)
{
    /// <summary>The item's page on the service (history, charts, commentary), when the pages' address is configured.</summary>
    public string? Link { get; init; }
}

/// <summary>One rule that fired on an item: its message, and what would clear it when that can be said.</summary>
public sealed record RuleModel(string Message, string? Clears);

/// <summary>An inline chart: the HTML refers to it as <c>cid:{Cid}</c>.</summary>
public sealed record ChartModel(string Cid, string Alt);

/// <summary>What the PMG digest template can show.</summary>
public sealed record DigestModel(
    string Marking,
    string Month,
    IReadOnlyList<DigestGroupModel> Groups,
    IReadOnlyList<FailureModel> Failures)
{
    public bool HasFailures => Failures.Count > 0;

    public bool IsEmpty => Groups.Count == 0;
}

/// <summary>One strategic group's part of the digest.</summary>
public sealed record DigestGroupModel(string Title, IReadOnlyList<DigestSectionModel> Sections, IReadOnlyList<CommentaryModel> Commentary)
{
    public bool HasCommentary => Commentary.Count > 0;
}

/// <summary>New exceptions, continuing, resolved, monitored or successes, with their entries.</summary>
public sealed record DigestSectionModel(string Title, int Count, IReadOnlyList<DigestEntryModel> Entries);

/// <summary>One alert in the digest. <paramref name="Rag"/> is empty for a monitor-only item.</summary>
public sealed record DigestEntryModel(string Rag, string Message);

/// <summary>A lead's commentary on an item.</summary>
public sealed record CommentaryModel(string About, string Author, string Text);

/// <summary>A message of the month that could not be delivered and will not be tried again.</summary>
public sealed record FailureModel(string Recipient, string Subject, string Detail, string At);

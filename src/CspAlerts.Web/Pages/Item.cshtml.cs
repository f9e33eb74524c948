using System.ComponentModel.DataAnnotations;
using CspAlerts.Alerts;
using CspAlerts.Evaluation;
using CspAlerts.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CspAlerts.Web.Pages;

/// <summary>One item: its figures, each rule and why, what would clear it, the trend chart, its history and the leads' commentary.</summary>
public sealed class ItemModel(Board board) : PageModel
{
    public Indicator? Indicator { get; private set; }

    public Area? Area { get; private set; }

    public Item? Item { get; private set; }

    public Fact? Fact { get; private set; }

    public Period? Period { get; private set; }

    public IReadOnlyList<Alert> Alerts { get; private set; } = [];

    public IReadOnlyList<Commentary> Commentary { get; private set; } = [];

    /// <summary>The last thirteen months, latest first: the month and its fact.</summary>
    public IReadOnlyList<Fact> History { get; private set; } = [];

    public Board Board => board;

    [BindProperty]
    [Required(ErrorMessage = "Give your name or role.")]
    [StringLength(200)]
    public string Author { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Write the commentary.")]
    [StringLength(4000)]
    public string Text { get; set; } = string.Empty;

    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string indicator, string area) =>
        await LoadAsync(indicator, area).ConfigureAwait(false) ? Page() : NotFound($"There is no indicator '{indicator}' in area '{area}' in the rules.");

    public async Task<IActionResult> OnPostAsync(string indicator, string area)
    {
        if (!await LoadAsync(indicator, area).ConfigureAwait(false))
        {
            return NotFound();
        }

        if (Period is not { } period)
        {
            ModelState.AddModelError(string.Empty, "Nothing has been run yet, so there is no month to comment on.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var store = await board.StoreAsync().ConfigureAwait(false);
        await store.AddCommentaryAsync(new Commentary(0, indicator, area, Period!.Value, Author.Trim(), Text.Trim(), board.Options.Clock.GetUtcNow())).ConfigureAwait(false);
        return Redirect($"/items/{indicator}/{area}?saved=1#commentary");
    }

    private async Task<bool> LoadAsync(string indicator, string area)
    {
        var config = board.Configuration;
        Indicator = config.FindIndicator(indicator);
        Area = config.FindArea(area);
        if (Indicator is null || Area is null)
        {
            return false;
        }

        Alerts = await board.AlertsOfAsync(indicator, area).ConfigureAwait(false);
        var (period, _) = await board.ItemsAsync().ConfigureAwait(false);
        Period = period;
        if (board.Latest() is { } latest)
        {
            Period ??= latest.Period;
            Item = latest.Items.FirstOrDefault(i => i.Indicator.Id == indicator && i.Area.Id == area);
            Fact = latest.Table.Find(indicator, area, Period.Value);
            History = [.. Enumerable.Range(0, 13).Select(back => latest.Table.Find(indicator, area, Period.Value.AddMonths(-back))).OfType<Fact>()];
        }

        if (Period is { } p)
        {
            var store = await board.StoreAsync().ConfigureAwait(false);
            Commentary = [.. (await store.CommentaryAsync(p).ConfigureAwait(false)).Where(c => c.Indicator == indicator && c.Area == area)];
        }

        Saved = Request.Query.ContainsKey("saved") ? "Your commentary is saved; the digest shows it." : null;
        return true;
    }
}

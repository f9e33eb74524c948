using CspAlerts.Notify;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CspAlerts.Web.Pages;

/// <summary>The digest exactly as the chair would receive it now.</summary>
public sealed class DigestModel(Board board) : PageModel
{
    public OutgoingMessage? Message { get; private set; }

    public string? Why { get; private set; }

    public async Task OnGetAsync()
    {
        var (engine, templates, _) = board.Rules.Working;
        var store = await board.StoreAsync().ConfigureAwait(false);
        var state = await store.ReadAsync().ConfigureAwait(false);
        if (state.LastPeriod is not { } period)
        {
            Why = "Nothing has been run yet, so there is no digest to preview.";
            return;
        }

        var (_, message) = await PmgDigest.PrepareAsync(store, store, store, engine.Configuration, period, board.Options.ProtectiveMarking, templates).ConfigureAwait(false);
        Message = message;
        Why = message is null ? "No owner in the rules is the chair, so no digest is sent." : null;
    }
}

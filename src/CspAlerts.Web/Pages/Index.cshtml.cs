using CspAlerts.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CspAlerts.Web.Pages;

/// <summary>The exceptions open now, filtered by strategic group, lead, RAG, and new or continuing.</summary>
public sealed class IndexModel(Board board) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Group { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Lead { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Rag { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    public Period? Period { get; private set; }

    public IReadOnlyList<BoardItem> All { get; private set; } = [];

    public IReadOnlyList<BoardItem> Shown { get; private set; } = [];

    public Board Board => board;

    public async Task OnGetAsync()
    {
        (Period, All) = await board.ItemsAsync().ConfigureAwait(false);
        Shown = [.. All.Where(i =>
            (string.IsNullOrEmpty(Group) || i.Indicator.Group == Group)
            && (string.IsNullOrEmpty(Lead) || i.Indicator.Lead == Lead)
            && (string.IsNullOrEmpty(Rag) || Board.RagName(i.Rag, i.Monitor) == Rag)
            && (string.IsNullOrEmpty(State) || (State == "new") == i.IsNew))];
    }
}

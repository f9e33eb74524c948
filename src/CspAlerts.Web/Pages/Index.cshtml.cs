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

    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    /// <summary>
    /// The page asked for (query <c>p</c>), as given: a number past the last page, however long,
    /// shows the last; anything that is not a whole number shows the first.
    /// </summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public string? PageAsked { get; set; }

    /// <summary>Which page of <see cref="PageSize"/> items is shown, from 1.</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>Items a page: a national state has tens of thousands.</summary>
    public const int PageSize = 100;

    /// <summary>The items that pass the filters, on every page.</summary>
    public IReadOnlyList<BoardItem> Matching { get; private set; } = [];

    /// <summary>The areas with open items, by name, for the area filter.</summary>
    public IReadOnlyList<Model.Area> Areas { get; private set; } = [];

    /// <summary>"23,602 open items for October 2022, 101 to 200 shown", or "12 of 40 open items …" when filtered.</summary>
    public string Caption
    {
        get
        {
            var items = Matching.Count == All.Count ? $"{Count(All.Count)} open item(s)" : $"{Count(Matching.Count)} of {Count(All.Count)} open item(s)";
            var first = ((PageNumber - 1) * PageSize) + 1;
            return $"{items} for {Period?.ToDisplayString()}{(Pages > 1 ? $", {Count(first)} to {Count(first + Shown.Count - 1)} shown" : string.Empty)}";
        }
    }

    public static string Count(int n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    public int Pages => Math.Max(1, (Matching.Count + PageSize - 1) / PageSize);

    /// <summary>This page's address with the filters kept and <paramref name="page"/> instead.</summary>
    public string Link(int page) => Microsoft.AspNetCore.Http.QueryString.Create(new Dictionary<string, string?>
    {
        ["group"] = Group,
        ["lead"] = Lead,
        ["rag"] = Rag,
        ["state"] = State,
        ["area"] = Area,
        ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent() is var query ? "/" + query : "/";

    public Period? Period { get; private set; }

    public IReadOnlyList<BoardItem> All { get; private set; } = [];

    public IReadOnlyList<BoardItem> Shown { get; private set; } = [];

    public Board Board => board;

    public async Task OnGetAsync()
    {
        (Period, All) = await board.ItemsAsync().ConfigureAwait(false);
        Matching = [.. All.Where(i =>
            (string.IsNullOrEmpty(Group) || i.Indicator.Group == Group)
            && (string.IsNullOrEmpty(Lead) || i.Indicator.Lead == Lead)
            && (string.IsNullOrEmpty(Rag) || Board.RagName(i.Rag, i.Monitor) == Rag)
            && (string.IsNullOrEmpty(State) || (State == "new") == i.IsNew)
            && (string.IsNullOrEmpty(Area) || i.Area.Id == Area))];
        Areas = [.. All.Select(i => i.Area).DistinctBy(a => a.Id).OrderBy(a => a.Name, StringComparer.Ordinal)];
        PageNumber = Math.Clamp(Asked(PageAsked), 1, Pages);
        Shown = [.. Matching.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
    }

    private static int Asked(string? page)
    {
        var digits = page?.Trim();
        if (string.IsNullOrEmpty(digits) || !digits.All(char.IsAsciiDigit))
        {
            return 1;
        }

        return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;
    }
}

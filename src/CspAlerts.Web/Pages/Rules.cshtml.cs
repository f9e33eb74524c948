using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CspAlerts.Web.Pages;

/// <summary>The working rules and whether the rules folder validates.</summary>
public sealed class RulesModel(Board board) : PageModel
{
    public Board Board => board;

    public void OnGet()
    {
    }
}

using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CspAlerts.Web.Pages;

/// <summary>The inbox: datasets rejected with their errors, and what this node took lately.</summary>
public sealed class InboxModel(Board board) : PageModel
{
    public Board Board => board;

    public IReadOnlyList<(string Name, DateTime At, IReadOnlyList<string> Errors)> Rejected { get; private set; } = [];

    public void OnGet()
    {
        var folder = Path.Combine(board.Options.FullPath(board.Options.InboxPath), InboxJob.Rejected);
        Rejected = Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*.errors.txt")
                .Select(f => (Path.GetFileName(f)[..^".errors.txt".Length], System.IO.File.GetLastWriteTimeUtc(f), (IReadOnlyList<string>)System.IO.File.ReadAllLines(f)))
                .OrderByDescending(r => r.Item2)]
            : [];
    }
}


namespace CspAlerts.Web.Pages;

/// <summary>An item's trend chart as PNG, the same picture the lead email carries.</summary>
internal static class ItemChart
{
    public static IResult Render(string indicator, string area, Board board) => Draw(indicator, area, board, new Charts.TrendChartRenderer());

    /// <summary>The item's XmR (SPC) chart, as the <c>chart</c> command draws it.</summary>
    public static IResult RenderSpc(string indicator, string area, Board board) => Draw(indicator, area, board, new Charts.XmrChartRenderer());

    private static IResult Draw(string indicator, string area, Board board, Notify.IChartRenderer renderer)
    {
        var latest = board.Latest();
        var item = latest?.Items.FirstOrDefault(i => i.Indicator.Id == indicator && i.Area.Id == area);
        var png = item is null ? null : renderer.Render(item, latest!.Table);
        return png is null ? Results.NotFound() : Results.File(png, "image/png");
    }
}

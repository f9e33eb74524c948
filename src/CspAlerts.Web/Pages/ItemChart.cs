
namespace CspAlerts.Web.Pages;

/// <summary>An item's trend chart as PNG, the same picture the lead email carries.</summary>
internal static class ItemChart
{
    public static IResult Render(string indicator, string area, Board board)
    {
        var latest = board.Latest();
        var item = latest?.Items.FirstOrDefault(i => i.Indicator.Id == indicator && i.Area.Id == area);
        var png = item is null ? null : new Charts.TrendChartRenderer().Render(item, latest!.Table);
        return png is null ? Results.NotFound() : Results.File(png, "image/png");
    }
}

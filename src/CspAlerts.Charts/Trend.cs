using CspAlerts.Evaluation;
using CspAlerts.Measures;
using CspAlerts.Model;

namespace CspAlerts.Charts;

/// <summary>
/// The figures one chart draws, month by month over the window ending at the item's month. A month
/// with no figure is null.
/// </summary>
/// <param name="Monthly">The month's own value.</param>
/// <param name="Rolling">For counts, the rolling twelve-month total divided by 12; null throughout otherwise.</param>
/// <param name="London">For counts, London's rolling twelve-month total / 12 / 32 (an average borough's month); otherwise London's value.</param>
/// <param name="Spc">Mean and process limits at the item's month, when there is enough history.</param>
internal sealed record Trend(
    IReadOnlyList<Period> Months,
    IReadOnlyList<double?> Monthly,
    IReadOnlyList<double?> Rolling,
    IReadOnlyList<double?> London,
    SpcResult? Spc,
    IndicatorUnit Unit)
{
    public int MonthsWithValues => Monthly.Count(v => v is not null);

    public static Trend Collect(Item item, FactTable table, int months)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(table);
        var periods = Enumerable.Range(0, months).Select(i => item.Period.AddMonths(i - months + 1)).ToList();
        var isCount = item.Indicator.Unit == IndicatorUnit.Count;
        // London and its number of boroughs come from the configuration, not from the chart.
        var comparator = table.ComparatorOf(item.Area.Id);
        var isLondon = item.Area.IsAggregate;
        var monthly = new double?[months];
        var rolling = new double?[months];
        var london = new double?[months];
        for (var i = 0; i < months; i++)
        {
            var fact = table.Find(item.Indicator.Id, item.Area.Id, periods[i]);
            monthly[i] = Finite(fact?.MonthValue);
            if (isLondon)
            {
                rolling[i] = isCount ? Finite(fact?.Value / 12.0) : null;
            }
            else if (isCount)
            {
                rolling[i] = Finite(fact?.Value / 12.0);
                london[i] = comparator is { } c ? Finite(table.Find(item.Indicator.Id, c.Aggregate.Id, periods[i])?.Value / 12.0 / c.Members) : null;
            }
            else
            {
                london[i] = Finite(fact?.LondonValue ?? (comparator is { } c ? table.Find(item.Indicator.Id, c.Aggregate.Id, periods[i])?.MonthValue : null));
            }
        }

        var spc = table.Find(item.Indicator.Id, item.Area.Id, item.Period)?.Spc ?? item.Facts.Spc;
        if (spc is not null && !(double.IsFinite(spc.Mean) && double.IsFinite(spc.UpperLimit) && double.IsFinite(spc.LowerLimit)))
        {
            spc = null;
        }

        return new Trend(periods, monthly, rolling, london, spc, item.Indicator.Unit);
    }

    private static double? Finite(double? value) => value is double v && double.IsFinite(v) ? v : null;
}

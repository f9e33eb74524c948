using CspAlerts.Diagnostics;

namespace CspAlerts.Model;

/// <summary>
/// A target for an indicator in an area over one April–March financial year: either an annual
/// figure, or a cumulative monthly profile starting in April.
/// </summary>
/// <param name="FinancialYear">The year the financial year starts in: 2016 for 2016/17.</param>
public sealed record Target(
    string Indicator,
    string Area,
    int FinancialYear,
    double? Annual,
    IReadOnlyList<double>? Profile,
    SourceLocation Location)
{
    /// <summary>The year-to-date target for a month of this financial year, or null when none can be given.</summary>
    public double? YearToDateAt(Period period)
    {
        if (period.FinancialYear != FinancialYear)
        {
            return null;
        }

        var elapsed = period.FinancialMonth;
        if (Profile is not null)
        {
            return elapsed <= Profile.Count ? Profile[elapsed - 1] : null;
        }

        return Annual * elapsed / 12.0;
    }
}

using System.Globalization;
using CspAlerts.Measures;
using CspAlerts.Model;

namespace CspAlerts.Evaluation;

/// <summary>
/// Says out loud where the data cannot support a figure: a month with too little history behind it
/// for rolling totals and changes, or an area with no population for the year, so no rate.
/// </summary>
internal static class DataCoverage
{
    public static IEnumerable<RunWarning> HistoryWarnings(FactTable table, Period period, IReadOnlyList<Area> areas)
    {
        var months = period.Index - table.First.Index + 1;
        if (months < 24)
        {
            yield return new RunWarning(
                RunWarning.InsufficientHistory,
                $"insufficient history: the data starts in {table.First.ToDisplayString()}, so {period.ToDisplayString()} has {months} month(s) behind it; " +
                "rolling twelve-month totals need 12 months and changes on the previous year need 24, so those figures are empty and rules that read them cannot fire");
            yield break;
        }

        var t = table.Offset(period);
        var short_ = new Dictionary<Indicator, List<(Area Area, int Months)>>();
        foreach (var area in areas)
        {
            foreach (var s in table.SeriesOf(area.Id))
            {
                var needed = Fact.HistoryNeeded(s.Indicator.Unit);
                if (!double.IsNaN(s.Monthly[t]) && s.History[t] < needed)
                {
                    (short_.TryGetValue(s.Indicator, out var list) ? list : short_[s.Indicator] = []).Add((area, s.History[t]));
                }
            }
        }

        foreach (var (indicator, list) in short_)
        {
            var needed = Fact.HistoryNeeded(indicator.Unit);
            var fewest = list.Min(x => x.Months);
            var where = list.Count == 1 ? list[0].Area.Name : $"{list.Count} areas";
            yield return new RunWarning(
                RunWarning.InsufficientHistory,
                $"insufficient history: {indicator.Name} in {where} has {fewest} month(s) of data up to {period.ToDisplayString()}; " +
                $"its change on the previous year needs {needed}, so it is empty");
        }
    }

    /// <summary>The year ONS mid-year estimates were rebased on Census 2021: rates before and after it are on different bases.</summary>
    private const int CensusRebaseYear = 2021;

    /// <summary>
    /// Says where rates cross the Census 2021 rebasing of the ONS estimates: in 2021 a rate per 1,000
    /// is on the rebased estimates and the same month a year earlier on the old series, so the two
    /// do not compare. Later years compare with years on the same basis and are not warned about.
    /// </summary>
    public static IEnumerable<RunWarning> PopulationBasisWarnings(FactTable table, Period period, IReadOnlyList<Area> areas)
    {
        if (table.IsEmpty || period.Year != CensusRebaseYear || table.First > period.AddMonths(-12))
        {
            yield break;
        }

        var steps = areas
            .Where(a => table.SeriesOf(a.Id).Any(s => s.Indicator.Unit == IndicatorUnit.Count))
            .Select(a => (Area: a, Before: a.PopulationIn(CensusRebaseYear - 1), After: a.PopulationIn(CensusRebaseYear)))
            .Where(x => x.Before is > 0 && x.After is not null)
            .ToList();
        if (steps.Count == 0)
        {
            yield break;
        }

        var shown = string.Join("; ", steps.Take(3).Select(x =>
            $"{x.Area.Name} {x.Before!.Value.ToString("N0", CultureInfo.InvariantCulture)} in {CensusRebaseYear - 1}, {x.After!.Value.ToString("N0", CultureInfo.InvariantCulture)} in {CensusRebaseYear} " +
            $"({(100.0 * (x.After.Value - x.Before.Value) / x.Before.Value).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)}%)"));
        if (steps.Count > 3)
        {
            shown += $" and {steps.Count - 3} more areas";
        }

        yield return new RunWarning(
            RunWarning.PopulationBasis,
            $"population basis: rates per 1,000 for {period.ToDisplayString()} use ONS estimates rebased on Census 2021, and those a year earlier the series before it, " +
            $"so a rate now does not compare with one a year ago: it moves with the rebasing as well as with crime: {shown}");
    }

    public static IEnumerable<RunWarning> PopulationWarnings(CspConfiguration config, FactTable table, Period period, IReadOnlyList<Area> areas)
    {
        // The areas whose populations the run's rates and rate ranks read: those evaluated and their peers.
        var read = new List<Area>();
        foreach (var area in areas)
        {
            Add(area);
            foreach (var group in config.PeerGroups)
            {
                foreach (var peer in group.PeersOf(area.Id))
                {
                    if (config.FindArea(peer) is { } p)
                    {
                        Add(p);
                    }
                }
            }
        }

        var missing = read
            .Where(a => !a.IsAggregate && a.PopulationIn(period.Year) is null && table.SeriesOf(a.Id).Any(s => s.Indicator.Unit == IndicatorUnit.Count))
            .ToList();
        if (missing.Count > 0)
        {
            var names = missing.Count <= 6 ? string.Join(", ", missing.Select(a => a.Name)) : $"{missing.Count} areas, among them {string.Join(", ", missing.Take(3).Select(a => a.Name))}";
            yield return new RunWarning(
                RunWarning.MissingPopulation,
                $"missing population: no population for {period.Year} for {names}; their rates are empty and they are left out of rate ranks, " +
                "so a benchmark rank may be by change instead of by rate (its rank basis says which)");
        }

        void Add(Area a)
        {
            if (!read.Contains(a))
            {
                read.Add(a);
            }
        }
    }
}

using System.Globalization;
using CspAlerts.Ingest;
using CspAlerts.Model;

namespace CspAlerts.Evaluation;

/// <summary>
/// Says out loud what police.uk street-level files left out of every area's figures: rows with no
/// LSOA, rows in LSOAs of no configured area or of another force's areas, and months missing from
/// a force's series (missing, not zero: every measure whose window includes them is empty).
/// </summary>
internal static class StreetCoverage
{
    private const int Named = 5;

    public static IEnumerable<RunWarning> Warnings(IReadOnlyList<Dataset> datasets)
    {
        var outcomes = datasets.Count(d => d.Format == PoliceUkOtherFormat.Outcomes);
        var searches = datasets.Count(d => d.Format == PoliceUkOtherFormat.StopAndSearch);
        if (outcomes + searches > 0)
        {
            yield return new RunWarning(RunWarning.StreetRowsUncounted,
                $"police.uk: {N(outcomes)} outcomes and {N(searches)} stop-and-search file(s) passed over, not read: CspAlerts counts the street-level crime files");
        }

        // A force whose files stop before another's latest month is missing its last months too.
        var latest = datasets.SelectMany(d => d.StreetMonths).Select(m => m.Period).DefaultIfEmpty().Max();
        foreach (var force in datasets.SelectMany(d => d.StreetMonths).GroupBy(m => m.Force, StringComparer.Ordinal))
        {
            var months = force.GroupBy(m => m.Period).OrderBy(g => g.Key).ToList();
            var first = months[0].Key;
            var last = months[^1].Key;
            var rows = force.Sum(m => m.Rows);
            var span = $"{force.Key}, {first.ToDisplayString()} to {last.ToDisplayString()} ({N(rows)} rows)";

            var noLsoa = force.Sum(m => m.NoLsoa);
            if (noLsoa > 0)
            {
                var lastMonth = months[^1].Sum(m => m.NoLsoa);
                yield return new RunWarning(RunWarning.StreetRowsUncounted,
                    $"police.uk {span}: {N(noLsoa)} rows ({Pct(noLsoa, rows)}) have no location or LSOA and are counted in no area ({N(lastMonth)} in {last.ToDisplayString()})");
            }

            // A share without location that moves between the two years of a change moves every area's change with it.
            if (Share(months, last.AddMonths(-11), last) is { } recent && Share(months, last.AddMonths(-23), last.AddMonths(-12)) is { } before
                && Math.Abs(recent - before) >= ShareShift)
            {
                yield return new RunWarning(RunWarning.StreetRowsUncounted,
                    $"police.uk {force.Key}: the share of rows with no LSOA went from {before.ToString("0.0", CultureInfo.InvariantCulture)}% in the 12 months to {last.AddMonths(-12).ToDisplayString()} " +
                    $"to {recent.ToString("0.0", CultureInfo.InvariantCulture)}% in the 12 months to {last.ToDisplayString()}, so changes counted by area " +
                    (recent > before ? "understate" : "overstate") + $" the change in all the force's rows by about {Math.Abs(recent - before).ToString("0.0", CultureInfo.InvariantCulture)} percentage points");
            }

            var other = Totals(force.Select(m => m.OtherForces));
            if (other.Count > 0)
            {
                yield return new RunWarning(RunWarning.StreetRowsUncounted,
                    $"police.uk {span}: {N(other.Sum(o => o.Value))} rows lie in areas of other forces and are counted in none, as those areas' figures come from their own force's files: {List(other)}");
            }

            var outside = Totals(force.Select(m => m.OutsideAreas));
            if (outside.Count > 0)
            {
                yield return new RunWarning(RunWarning.StreetRowsUncounted,
                    $"police.uk {span}: {N(outside.Sum(o => o.Value))} rows lie in LSOAs outside every configured area and are counted in none: {List(outside)}");
            }

            var missing = new List<Period>();
            for (var p = first; p <= latest; p = p.AddMonths(1))
            {
                if (!months.Any(m => m.Key == p))
                {
                    missing.Add(p);
                }
            }

            if (missing.Count > 0)
            {
                yield return new RunWarning(RunWarning.MissingMonth,
                    $"missing month: the police.uk files of {force.Key} have no {string.Join(", ", missing.Select(p => p.ToDisplayString()))}" +
                    (missing[^1] == latest && last < latest ? $" (the data runs to {latest.ToDisplayString()})" : string.Empty) + "; " +
                    "a missing month is not zero, so every rolling total, change, year to date and rank whose window includes it is empty");
            }
        }
    }

    /// <summary>How far, in percentage points, the share of rows without an LSOA must move between two years to be said.</summary>
    private const double ShareShift = 1.0;

    /// <summary>The percentage of rows with no LSOA over the months from..to, or null when any of them is missing.</summary>
    private static double? Share(List<IGrouping<Period, StreetMonth>> months, Period from, Period to)
    {
        long rows = 0, none = 0;
        for (var p = from; p <= to; p = p.AddMonths(1))
        {
            if (months.Find(m => m.Key == p) is not { } month)
            {
                return null;
            }

            rows += month.Sum(m => m.Rows);
            none += month.Sum(m => m.NoLsoa);
        }

        return rows == 0 ? null : 100.0 * none / rows;
    }

    private static List<KeyValuePair<string, int>> Totals(IEnumerable<IReadOnlyDictionary<string, int>> counts)
    {
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var month in counts)
        {
            foreach (var (label, count) in month)
            {
                totals[label] = totals.GetValueOrDefault(label) + count;
            }
        }

        return [.. totals.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)];
    }

    private static string List(List<KeyValuePair<string, int>> totals)
    {
        var shown = string.Join(", ", totals.Take(Named).Select(t => $"{t.Key} {N(t.Value)}"));
        return totals.Count > Named ? $"{shown} and {totals.Count - Named} more" : shown;
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Pct(int part, int whole) => (100.0 * part / Math.Max(whole, 1)).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}

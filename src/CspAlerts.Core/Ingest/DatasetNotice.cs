using System.Globalization;
using CspAlerts.Model;

namespace CspAlerts.Ingest;

/// <summary>
/// Something a dataset does that is allowed but changes figures the run would otherwise compute,
/// so the person running it should hear of it: figures for an aggregate area such as London,
/// which replace the total computed from its members, or London and England values supplied
/// ready-made. Not an error: the load goes ahead. A host prints each as a warning.
/// </summary>
/// <param name="File">The file as errors name it.</param>
/// <param name="Line">The first line the notice is about.</param>
/// <param name="Message">One sentence naming the file, what it replaces, for which indicators and on how many rows.</param>
public sealed record DatasetNotice(string File, int Line, string Message)
{
    /// <summary><c>file:line: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>Finds what a loaded dataset should be noticed for; see <see cref="DatasetNotice"/>.</summary>
internal static class DatasetNotices
{
    private const int IndicatorsNamed = 5;

    public static IReadOnlyList<DatasetNotice> Of(Dataset dataset, CspConfiguration config)
    {
        // Each kind of notice gathers its indicators (in the order first met), its rows and its first line.
        var found = new Dictionary<(string Kind, string Area), (List<string> Indicators, int Rows, int FirstLine)>();
        foreach (var observation in dataset.Observations)
        {
            var indicator = config.FindIndicator(observation.Indicator);
            if (indicator is null)
            {
                continue;
            }

            if (config.FindArea(observation.Area) is { IsAggregate: true } aggregate)
            {
                Note(indicator.Unit == IndicatorUnit.Count ? "total" : "own", aggregate.Id, indicator.Id, observation.Source.Line);
            }

            if (observation.Supplied.LondonValue is not null)
            {
                Note("london_value", string.Empty, indicator.Id, observation.Source.Line);
            }

            if (observation.Supplied.EnglandValue is not null)
            {
                Note("england_value", string.Empty, indicator.Id, observation.Source.Line);
            }
        }

        return [.. found
            .OrderBy(f => f.Value.FirstLine)
            .Select(f => new DatasetNotice(dataset.File, f.Value.FirstLine, Message(f.Key.Kind, f.Key.Area, f.Value.Indicators, f.Value.Rows, f.Value.FirstLine)))];

        void Note(string kind, string area, string indicator, int line)
        {
            if (!found.TryGetValue((kind, area), out var notice))
            {
                notice = ([], 0, line);
            }

            if (!notice.Indicators.Contains(indicator, StringComparer.Ordinal))
            {
                notice.Indicators.Add(indicator);
            }

            found[(kind, area)] = (notice.Indicators, notice.Rows + 1, Math.Min(notice.FirstLine, line));
        }

        string Message(string kind, string areaId, List<string> indicators, int rows, int firstLine)
        {
            var which = Names(indicators);
            var where = rows == 1 ? $"1 row, at line {firstLine}" : $"{rows.ToString("N0", CultureInfo.InvariantCulture)} rows, from line {firstLine}";
            var area = config.FindArea(areaId);
            var members = area?.SumOf is { } group ? config.FindPeerGroup(group)?.Name ?? group : null;
            return kind switch
            {
                "total" =>
                    $"figures for {area!.Name} supplied here replace the {area.Name} total computed from the {members} " +
                    $"for every month of {which}, not only the months given ({where})",
                "own" =>
                    $"figures for {area!.Name} supplied here are {area.Name}'s figures for {which} in comparisons with {area.Name} ({where})",
                "london_value" =>
                    $"london_value supplied here is used as London's value for {which}, in place of any figure the London area has ({where})",
                _ =>
                    $"england_value supplied here is used as England's value for {which} ({where})",
            };
        }
    }

    /// <summary>"burglary", "burglary and robbery", "a, b, c, d, e and 3 more".</summary>
    private static string Names(List<string> indicators)
    {
        if (indicators.Count == 1)
        {
            return indicators[0];
        }

        if (indicators.Count <= IndicatorsNamed)
        {
            return string.Join(", ", indicators.Take(indicators.Count - 1)) + " and " + indicators[^1];
        }

        return string.Join(", ", indicators.Take(IndicatorsNamed)) + $" and {indicators.Count - IndicatorsNamed} more";
    }
}

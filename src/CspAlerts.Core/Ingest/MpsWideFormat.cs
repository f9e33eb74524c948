using CspAlerts.Model;

namespace CspAlerts.Ingest;

/// <summary>
/// MPS Borough Level Crime in its wide form: three label columns (major category, minor category,
/// borough), then one column of counts per month named <c>YYYYMM</c>. The MPS publishes only rows
/// with some non-zero month, so a missing row means zero.
/// </summary>
internal sealed class MpsWideFormat(CspConfiguration config, DatasetLimits limits) : IDatasetFormat
{
    public string Name => "mps-wide";

    /// <summary>The label headers the MPS has used over time, oldest first.</summary>
    private static readonly string[][] LabelHeaders =
    [
        ["MajorText", "MinorText", "LookUp_BoroughName"],
        ["MajorText", "MinorText", "BoroughName"],
        ["Group", "SubGroup", "BOCU"],
    ];

    private readonly MpsCategoryMap _old = new(config.Indicators, s => s.MpsOld);
    private readonly MpsCategoryMap _new = new(config.Indicators, s => s.MpsNew);

    public bool Recognises(IReadOnlyList<string> columns) =>
        columns.Count >= 3 && LabelHeaders.Any(h =>
            h.Select((name, i) => string.Equals(name, columns[i], StringComparison.OrdinalIgnoreCase)).All(match => match));

    public Dataset? Read(Table table)
    {
        var errors = table.Errors;
        var errorCount = errors.Count;
        var months = ReadMonths(table, errors);

        var areaIds = new List<string>();
        var areaIndexes = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstLines = new Dictionary<(string Major, string Minor, string Area), int>();
        var indicatorCache = new Dictionary<(string, string), int[]>();
        var sums = new Dictionary<(int Indicator, int Area), (long[] Counts, int FirstLine)>();
        var areas = new AreaLabels(config.AreaNames);

        // The classification is decided by the first category name: UPPER CASE is the new one. The
        // rows are read once, so the first row decides; a category without letters is no category.
        TableRow? deciding = null;
        var isNew = false;
        var map = _old;

        foreach (var row in table.Rows)
        {
            if (table.CheckWidth(row) is { } widthError)
            {
                errors.Add(widthError);
                continue;
            }

            var major = row[0];
            var minor = row[1];
            var label = row[2];
            if (!HasLetters(major))
            {
                errors.Add(table.Error(row, 1, major, major.Length == 0
                    ? "category is empty: expected an MPS major category such as Burglary"
                    : $"category '{Shown.Of(major)}' has no letters: expected an MPS major category such as Burglary"));
                continue;
            }

            if (deciding is null)
            {
                deciding = row;
                isNew = IsUpperCase(major);
                map = isNew ? _new : _old;
            }
            else if (IsUpperCase(major) != isNew)
            {
                errors.Add(table.Error(row, 1, major, isNew
                    ? $"category '{Shown.Of(major)}' is in the old Title Case classification but this file uses the new UPPER CASE one (line {deciding.Line})"
                    : $"category '{Shown.Of(major)}' is in the new UPPER CASE classification but this file uses the old Title Case one (line {deciding.Line})"));
                continue;
            }

            var category = (MpsCategoryMap.Normalise(major), MpsCategoryMap.Normalise(minor));
            var kind = areas.Resolve(label, out var areaId);
            if (kind == AreaLabelKind.Ignored)
            {
                areas.Skip(label);
                continue;
            }

            if (kind == AreaLabelKind.Unknown)
            {
                errors.Add(table.Error(row, 3, label, label.Length == 0 ? "area is empty" : $"unknown area '{Shown.Of(label)}'"));
            }
            else if (!firstLines.TryAdd((category.Item1, category.Item2, areaId!), row.Line))
            {
                var first = firstLines[(category.Item1, category.Item2, areaId!)];
                errors.Add(table.Error(row, null, null, $"duplicate row for {Item(major, minor, label)} (first at line {first})"));
                continue;
            }

            // Counts are checked on every row, used or not, so a damaged file is never half read.
            var targets = areaId is null ? [] : Targets(areaId);
            for (var m = 0; m < months.Length; m++)
            {
                if (months[m] is not { } period)
                {
                    continue;
                }

                var text = row[m + 3];
                if (!Count.TryParse(text, limits.MaxMonthlyCount, out var count))
                {
                    errors.Add(table.Error(row, m + 4, text, Count.Problem(text, $"{Item(major, minor, label)} at {period}", limits.MaxMonthlyCount)));
                    continue;
                }

                // A sum that has failed once is marked -1 and not added to again, so it is reported once.
                foreach (var (indicator, counts, firstLine) in targets)
                {
                    if (counts[m] >= 0 && !Count.TryAdd(ref counts[m], count, limits.MaxMonthlyCount) && Count.Add(ref counts[m], count, $"{Item(major, minor, label)} at {period}",
                        $"{map.Indicators[indicator].Id} in {areaId} at {period}", firstLine, limits.MaxMonthlyCount) is { } problem)
                    {
                        errors.Add(table.Error(row, m + 4, text, problem));
                        counts[m] = -1;
                    }
                }
            }

            (int Indicator, long[] Counts, int FirstLine)[] Targets(string area)
            {
                if (!areaIndexes.TryGetValue(area, out var a))
                {
                    a = areaIds.Count;
                    areaIds.Add(area);
                    areaIndexes.Add(area, a);
                }

                if (!indicatorCache.TryGetValue(category, out var indicators))
                {
                    indicators = map.IndicatorsFor(major, minor);
                    indicatorCache.Add(category, indicators);
                }

                var result = new (int, long[], int)[indicators.Length];
                for (var k = 0; k < indicators.Length; k++)
                {
                    if (!sums.TryGetValue((indicators[k], a), out var sum))
                    {
                        sum = (new long[months.Length], row.Line);
                        sums.Add((indicators[k], a), sum);
                    }

                    result[k] = (indicators[k], sum.Counts, sum.FirstLine);
                }

                return result;
            }
        }

        if (errors.Count > errorCount)
        {
            return null;
        }

        return new Dataset(table.File, Name, Fill(table.File, map, areaIds, months, sums), table.RowsRead, areas.Skipped);
    }

    /// <summary>A row's item as errors name it, e.g. "Burglary / Domestic Burglary in Barking and Dagenham".</summary>
    private static string Item(string major, string minor, string label) => $"{Shown.Of(major)} / {Shown.Of(minor)} in {Shown.Of(label)}";

    /// <summary>
    /// Every mapped indicator × every area in the file × every month, with zero where no row
    /// contributed. A filled zero points at the header line.
    /// </summary>
    private static List<Observation> Fill(
        string file,
        MpsCategoryMap map,
        List<string> areaIds,
        Period?[] months,
        Dictionary<(int Indicator, int Area), (long[] Counts, int FirstLine)> sums)
    {
        var observations = new List<Observation>(map.Indicators.Count * areaIds.Count * months.Length);
        var header = new SourceRef(file, 1);
        for (var i = 0; i < map.Indicators.Count; i++)
        {
            var indicator = map.Indicators[i].Id;
            for (var a = 0; a < areaIds.Count; a++)
            {
                var found = sums.TryGetValue((i, a), out var sum);
                var source = found ? new SourceRef(file, sum.FirstLine) : header;
                for (var m = 0; m < months.Length; m++)
                {
                    var value = found ? sum.Counts[m] : 0;
                    observations.Add(new Observation(indicator, areaIds[a], months[m]!.Value, value, SuppliedFigures.None, source));
                }
            }
        }

        return observations;
    }

    /// <summary>The month of each column after the three labels; null where the column name is not a month.</summary>
    private static Period?[] ReadMonths(Table table, FileErrors errors)
    {
        var months = new Period?[table.Columns.Count - 3];
        var seen = new Dictionary<Period, int>();
        for (var m = 0; m < months.Length; m++)
        {
            var column = m + 4;
            var name = table.Columns[m + 3];
            if (!Period.TryParseCompact(name, out var period))
            {
                errors.Add(table.Error(table.Header, column, name, $"invalid month column '{Shown.Of(name)}': expected YYYYMM"));
            }
            else if (!seen.TryAdd(period, column))
            {
                errors.Add(table.Error(table.Header, column, name, $"month column '{Shown.Of(name)}' appears twice (first in column {seen[period]})"));
            }
            else
            {
                months[m] = period;
            }
        }

        if (months.Length == 0)
        {
            errors.Add(table.Error(table.Header, null, null, "the header has no month columns: expected YYYYMM columns after the three label columns"));
        }

        return months;
    }

    private static bool HasLetters(string text) => text.Any(char.IsLetter);

    private static bool IsUpperCase(string text) => !text.Any(char.IsLower);
}

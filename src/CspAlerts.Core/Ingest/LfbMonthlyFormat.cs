using CspAlerts.Model;

namespace CspAlerts.Ingest;

/// <summary>
/// London Fire Brigade incidents by borough, callout type and month, one row per count. The month
/// comes from the Year and Month columns: the Date column is faulty in the published file
/// (it holds "01-YY" for every month of a year), so it is never read.
/// </summary>
internal sealed class LfbMonthlyFormat : IDatasetFormat
{
    public string Name => "lfb-monthly";

    private const string Borough = "Borough";
    private const string CalloutType = "Callout_type";
    private const string Date = "Date";
    private const string Incidents = "Number of reported incidents";
    private const string Year = "Year";
    private const string Month = "Month";

    private static readonly string[] Columns = [Borough, CalloutType, Date, Incidents, Year, Month];

    private readonly CspConfiguration _config;

    /// <summary>Indicator ids fed by each callout type, keyed by the type in upper case.</summary>
    private readonly Dictionary<string, string[]> _indicatorsByType;

    private readonly DatasetLimits _limits;

    public LfbMonthlyFormat(CspConfiguration config, DatasetLimits limits)
    {
        _config = config;
        _limits = limits;
        _indicatorsByType = config.Indicators
            .SelectMany(i => i.Sources.Lfb.Select(type => (Type: Normalise(type), i.Id)))
            .GroupBy(p => p.Type, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Id).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>True when the header has the two columns no other format has: Borough and Callout_type.</summary>
    public bool Recognises(IReadOnlyList<string> columns) =>
        columns.Contains(Borough, StringComparer.OrdinalIgnoreCase) && columns.Contains(CalloutType, StringComparer.OrdinalIgnoreCase);

    public Dataset? Read(Table table)
    {
        var errors = table.Errors;
        var errorCount = errors.Count;
        var column = ReadHeader(table, errors);
        if (column is null)
        {
            return null;
        }

        var firstLines = new Dictionary<(string Area, string Type, Period Period), int>();
        var sums = new Dictionary<(string Indicator, string Area, Period Period), (long Value, int FirstLine)>();
        var order = new List<(string Indicator, string Area, Period Period)>();
        var areas = new AreaLabels(_config.AreaNames);

        foreach (var row in table.Rows)
        {
            if (table.CheckWidth(row) is { } widthError)
            {
                errors.Add(widthError);
                continue;
            }

            var rowErrors = errors.Count;
            var label = row[column[Borough]];
            var kind = areas.Resolve(label, out var areaId);
            if (kind == AreaLabelKind.Ignored)
            {
                areas.Skip(label);
                continue;
            }

            if (kind == AreaLabelKind.Unknown)
            {
                Fail(Borough, label, label.Length == 0 ? "borough is empty" : $"unknown area '{Shown.Of(label)}'");
            }

            var type = row[column[CalloutType]];
            if (type.Length == 0)
            {
                Fail(CalloutType, type, "callout type is empty");
            }

            var year = row[column[Year]];
            var month = row[column[Month]];
            if (!Period.TryCreate(year, "01", out _))
            {
                Fail(Year, year, $"invalid year '{Shown.Of(year)}': expected YYYY");
            }

            if (!Period.TryCreate("2000", month, out _))
            {
                Fail(Month, month, $"invalid month '{Shown.Of(month)}': expected 1 to 12");
            }

            var validPeriod = Period.TryCreate(year, month, out var period);
            var incidents = row[column[Incidents]];
            var item = $"{Shown.Of(type)} in {Shown.Of(label)} at {(validPeriod ? period.ToString() : $"{Shown.Of(year)}-{Shown.Of(month)}")}";
            if (!Count.TryParse(incidents, _limits.MaxMonthlyCount, out var count))
            {
                Fail(Incidents, incidents, Count.Problem(incidents, item, _limits.MaxMonthlyCount));
            }

            if (errors.Count > rowErrors)
            {
                continue;
            }

            var typeKey = Normalise(type);
            if (!firstLines.TryAdd((areaId!, typeKey, period), row.Line))
            {
                errors.Add(table.Error(row, null, null,
                    $"duplicate row for {Shown.Of(type)} in {Shown.Of(label)} at {period} (first at line {firstLines[(areaId!, typeKey, period)]})"));
                continue;
            }

            // Several callout types may add up to one indicator; types no indicator takes are not used.
            foreach (var indicator in _indicatorsByType.GetValueOrDefault(typeKey, []))
            {
                var key = (indicator, areaId!, period);
                if (sums.TryGetValue(key, out var sum))
                {
                    // A sum that has failed once is marked -1 and not added to again, so it is reported once.
                    var total = sum.Value;
                    if (total >= 0 && !Count.TryAdd(ref total, count, _limits.MaxMonthlyCount) && Count.Add(ref total, count, item, $"{indicator} in {areaId} at {period}", sum.FirstLine, _limits.MaxMonthlyCount) is { } problem)
                    {
                        Fail(Incidents, incidents, problem);
                        total = -1;
                    }

                    sums[key] = (total, sum.FirstLine);
                }
                else
                {
                    sums.Add(key, (count, row.Line));
                    order.Add(key);
                }
            }

            void Fail(string name, string value, string reason) => errors.Add(table.Error(row, column[name] + 1, value, reason));
        }

        if (errors.Count > errorCount)
        {
            return null;
        }

        var observations = order
            .Select(k => new Observation(k.Indicator, k.Area, k.Period, sums[k].Value, SuppliedFigures.None, new SourceRef(table.File, sums[k].FirstLine)))
            .ToList();
        return new Dataset(table.File, Name, observations, table.RowsRead, areas.Skipped);
    }

    /// <summary>Maps each expected column to its 0-based index; null when one is missing.</summary>
    private static Dictionary<string, int>? ReadHeader(Table table, FileErrors errors)
    {
        var column = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var name = table.Columns[i];
            if (!Columns.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(table.Error(table.Header, i + 1, name, $"unknown column '{Shown.Of(name)}': expected {string.Join(", ", Columns)}"));
            }
            else if (!column.TryAdd(name, i))
            {
                errors.Add(table.Error(table.Header, i + 1, name, $"column '{Shown.Of(name)}' appears twice (first in column {column[name] + 1})"));
            }
        }

        var missing = Columns.Where(c => !column.ContainsKey(c)).ToList();
        foreach (var name in missing)
        {
            errors.Add(table.Error(table.Header, null, null, $"missing required column '{name}'"));
        }

        return missing.Count == 0 ? column : null;
    }

    private static string Normalise(string type) => type.Trim().ToUpperInvariant();
}

using System.Globalization;
using CspAlerts.Model;

namespace CspAlerts.Ingest;

/// <summary>
/// The canonical long format: one row per indicator × area × month, with the monthly value and any
/// figures a partner supplies ready-made. Column order is free and header names ignore case.
/// Numbers may carry thousands separators as Excel exports them (<c>"1,200"</c>, <c>"1,200.5"</c>).
/// </summary>
internal sealed class CanonicalFormat(CspConfiguration config, DatasetLimits limits) : IDatasetFormat
{
    public string Name => "canonical";

    private const string Indicator = "indicator";
    private const string Area = "area";
    private const string PeriodColumn = "period";
    private const string Value = "value";

    private static readonly string[] Required = [Indicator, Area, PeriodColumn, Value];

    // The measures a partner may supply ready-made, from the catalogue: scalars, then a rank and size per peer group.
    private string[] Optional => _optional ??=
    [
        .. config.Measures.All.Where(m => m.CanonicalColumn is not null && m.CanonicalColumn != Value && m.PeerGroup is null).Select(m => m.CanonicalColumn!),
        .. config.Measures.PeerGroups.SelectMany(g => new[] { MeasureCatalogue.ColumnOf(g, "rank"), MeasureCatalogue.ColumnOf(g, "size") }),
        "note",
    ];

    private string KnownColumns => string.Join(", ", Required.Concat(Optional.SkipLast(1))) + " or " + Optional[^1];

    private string[]? _optional;

    /// <summary>The rank and size columns of each peer group, named once rather than on every row.</summary>
    private (string Rank, string Size)[] RankColumns => _rankColumns ??=
        [.. config.Measures.PeerGroups.Select(g => (MeasureCatalogue.ColumnOf(g, "rank"), MeasureCatalogue.ColumnOf(g, "size")))];

    private (string Rank, string Size)[]? _rankColumns;

    /// <summary>True when the header names at least two of the required columns: enough to be sure it is meant as canonical.</summary>
    public bool Recognises(IReadOnlyList<string> columns) =>
        Required.Count(r => columns.Contains(r, StringComparer.OrdinalIgnoreCase)) >= 2;

    public Dataset? Read(Table table)
    {
        var errors = table.Errors;
        var errorCount = errors.Count;
        var columns = ReadHeader(table, errors);
        if (columns is null)
        {
            return null;
        }

        var observations = new List<Observation>();
        var firstLines = new Dictionary<(string, string, Period), int>();
        var areas = new AreaLabels(config.AreaNames);
        foreach (var row in table.Rows)
        {
            if (table.CheckWidth(row) is { } widthError)
            {
                errors.Add(widthError);
                continue;
            }

            var observation = ReadRow(table, row, columns, areas, errors);
            if (observation is null)
            {
                continue;
            }

            var key = (observation.Indicator, observation.Area, observation.Period);
            if (firstLines.TryGetValue(key, out var first))
            {
                errors.Add(table.Error(row, null, null,
                    $"duplicate row for {observation.Indicator} in {observation.Area} at {observation.Period} (first at line {first})"));
                continue;
            }

            firstLines.Add(key, row.Line);
            observations.Add(observation);
        }

        return errors.Count > errorCount ? null : new Dataset(table.File, Name, observations, table.RowsRead, areas.Skipped);
    }

    /// <summary>Maps column names to 0-based indexes; null when a required column is missing.</summary>
    private Dictionary<string, int>? ReadHeader(Table table, FileErrors errors)
    {
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var name = table.Columns[i];
            if (name.Length == 0)
            {
                errors.Add(table.Error(table.Header, i + 1, name, $"column {i + 1} has no name"));
            }
            else if (!Required.Contains(name, StringComparer.OrdinalIgnoreCase) && !Optional.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(table.Error(table.Header, i + 1, name, $"unknown column '{Shown.Of(name)}': expected {KnownColumns}"));
            }
            else if (!columns.TryAdd(name, i))
            {
                errors.Add(table.Error(table.Header, i + 1, name, $"column '{Shown.Of(name)}' appears twice (first in column {columns[name] + 1})"));
            }
        }

        var complete = true;
        foreach (var name in Required.Where(r => !columns.ContainsKey(r)))
        {
            errors.Add(table.Error(table.Header, null, null, $"missing required column '{name}'"));
            complete = false;
        }

        return complete ? columns : null;
    }

    private Observation? ReadRow(
        Table table, TableRow row, Dictionary<string, int> columns, AreaLabels areas, FileErrors errors)
    {
        var errorCount = errors.Count;
        string Cell(string name) => columns.TryGetValue(name, out var i) ? row[i] : string.Empty;
        int? Column(string name) => columns.TryGetValue(name, out var i) ? i + 1 : null;
        void Fail(string name, string? value, string reason) => errors.Add(table.Error(row, Column(name), value, reason));

        // An ignored label (e.g. "not geo-coded") skips the whole row, so it is looked at first.
        var areaLabel = Cell(Area);
        switch (areas.Resolve(areaLabel, out var areaId))
        {
            case AreaLabelKind.Ignored:
                areas.Skip(areaLabel);
                return null;
            case AreaLabelKind.Unknown:
                Fail(Area, areaLabel, areaLabel.Length == 0 ? "area is empty" : $"unknown area '{Shown.Of(areaLabel)}'");
                break;
        }

        // The catalogue's own id is kept, not the cell's text: a long file repeats a few ids many times.
        var indicatorText = Cell(Indicator);
        var known = indicatorText.Length == 0 ? null : config.FindIndicator(indicatorText);
        if (indicatorText.Length == 0)
        {
            Fail(Indicator, indicatorText, "indicator is empty");
        }
        else if (known is null)
        {
            Fail(Indicator, indicatorText, $"unknown indicator '{Shown.Of(indicatorText)}'");
        }

        var indicator = known?.Id ?? Shown.Of(indicatorText);

        var periodText = Cell(PeriodColumn);
        var validPeriod = Period.TryParse(periodText, out var period);
        if (!validPeriod)
        {
            Fail(PeriodColumn, periodText, periodText.Length == 0 ? "period is empty: expected YYYY-MM" : $"invalid period '{Shown.Of(periodText)}': expected YYYY-MM");
        }

        // Each figure in the indicator's unit is held to it (see Count.Check); a change may be anything.
        var value = ReadFigure(Value, monthly: true, whole: true);
        var supplied = new SuppliedFigures(
            Previous: ReadFigure("previous", monthly: false, whole: true),
            ChangePct: ReadNumber("change_pct"),
            Target: ReadFigure("target", monthly: false, whole: false),
            Ytd: ReadFigure("ytd", monthly: false, whole: true),
            YtdTarget: ReadFigure("ytd_target", monthly: false, whole: false),
            LondonValue: ReadFigure("london_value", monthly: false, whole: true),
            EnglandValue: ReadFigure("england_value", monthly: false, whole: true),
            Note: Cell("note") is { Length: > 0 } note ? note : null)
        {
            Ranks = SuppliedRanks(),
        };

        // Most rows supply nothing ready-made: they share one empty record.
        if (supplied.IsEmpty)
        {
            supplied = SuppliedFigures.None;
        }

        if (errors.Count > errorCount)
        {
            return null;
        }

        if (value is null && (supplied with { Note = null }).IsEmpty)
        {
            Fail(Value, string.Empty, $"value for {indicator} in {areaId} at {period} is empty and the row supplies no ready-made figure");
            return null;
        }

        return new Observation(indicator, areaId!, period, value, supplied, new SourceRef(table.File, row.Line));

        double? ReadFigure(string name, bool monthly, bool whole)
        {
            var figure = ReadNumber(name);
            if (figure is { } f && known is { } of && !Count.Fits(f, of.Unit, monthly, whole, limits.MaxMonthlyCount))
            {
                var item = $"{indicator} in {areaId ?? Shown.Of(areaLabel)} at {(validPeriod ? period : Shown.Of(periodText))}";
                Fail(name, Cell(name), Count.Check(name, f, of.Unit, item, monthly, whole, limits.MaxMonthlyCount)!);
            }

            return figure;
        }

        double? ReadNumber(string name)
        {
            var text = Cell(name);
            if (text.Length == 0)
            {
                return null;
            }

            if (Number.Ungroup(text) is not { } plain)
            {
                Fail(name, text, $"{name} '{Shown.Of(text)}' is not a number: {Number.CommaRule}");
                return null;
            }

            if (double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                return number;
            }

            Fail(name, text, $"{name} '{Shown.Of(text)}' is not a number");
            return null;
        }

        int? ReadRank(string name)
        {
            var text = Cell(name);
            if (text.Length == 0)
            {
                return null;
            }

            if (Number.Ungroup(text) is not { } plain)
            {
                Fail(name, text, $"{name} '{Shown.Of(text)}' is not a positive whole number: {Number.CommaRule}");
                return null;
            }

            if (int.TryParse(plain, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
            {
                return number;
            }

            Fail(name, text, $"{name} '{Shown.Of(text)}' is not a positive whole number");
            return null;
        }

        IReadOnlyDictionary<string, int> SuppliedRanks()
        {
            Dictionary<string, int>? ranks = null;
            foreach (var (rankColumn, sizeColumn) in RankColumns)
            {
                var rank = ReadRank(rankColumn);
                var size = ReadRank(sizeColumn);
                if (rank is { } r && size is { } s && r > s)
                {
                    Fail(rankColumn, Cell(rankColumn), $"{rankColumn} {r} is greater than {sizeColumn} {s}");
                }
                else if (rank is { } alone && size is null)
                {
                    // A rank means nothing without the number ranked: 13th of 15 is the bottom quartile, 13th of 32 is not.
                    Fail(rankColumn, Cell(rankColumn), $"{rankColumn} {alone} needs {sizeColumn}, the number of areas ranked");
                }

                if (rank is { } rr)
                {
                    (ranks ??= new(StringComparer.Ordinal))[rankColumn] = rr;
                }

                if (size is { } ss)
                {
                    (ranks ??= new(StringComparer.Ordinal))[sizeColumn] = ss;
                }
            }

            return ranks ?? SuppliedFigures.None.Ranks;
        }
    }
}

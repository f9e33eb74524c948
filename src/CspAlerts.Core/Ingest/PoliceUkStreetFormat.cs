using System.Text.RegularExpressions;
using CspAlerts.Model;

namespace CspAlerts.Ingest;

/// <summary>
/// police.uk street-level crime (data.police.uk): one row per crime or anti-social behaviour
/// incident, one file per force per month, named <c>YYYY-MM-force-street.csv</c>. Rows are counted
/// per area, month and crime type, each row reaching an area through its LSOA's district and CSP
/// (<see cref="LsoaGeography"/>). Every area of the file's force gets a figure for each month the
/// file holds, zero when no row fell in it; a month with no file stays missing. Rows with no
/// LSOA, in an LSOA of no configured area, or in an area of another force are counted in
/// <see cref="StreetMonth"/> and said, never silently dropped. Memory holds the counts, not the rows.
/// </summary>
internal sealed partial class PoliceUkStreetFormat : IDatasetFormat
{
    public string Name => "police-uk-street";

    private const string Month = "Month";
    private const string FallsWithin = "Falls within";
    private const string LsoaCode = "LSOA code";
    private const string LsoaName = "LSOA name";
    private const string CrimeType = "Crime type";

    private static readonly string[] Required = ["Crime ID", Month, FallsWithin, LsoaCode, LsoaName, CrimeType];

    /// <summary>More LSOAs than England and Wales have (34,753): past this, a file of made-up codes is resolved row by row, not remembered.</summary>
    private const int MaxPlacesRemembered = 50_000;

    /// <summary>How many LSOAs outside every area are named one by one in a month; the rest are counted together.</summary>
    private const int MaxOutsideNamed = 200;

    private const string OtherLsoas = "other LSOAs";

    private readonly CspConfiguration _config;
    private readonly LsoaGeography _geography;

    /// <summary>Indicator ids fed by each crime type, as police.uk writes the type.</summary>
    private readonly Dictionary<string, string[]> _indicatorsByType;

    /// <summary>Every indicator with a police.uk source: each gets a figure, zero included, for every area and month a file covers.</summary>
    private readonly string[] _indicators;

    /// <summary>The areas of each force, by <see cref="ForceKey"/>.</summary>
    private readonly Dictionary<string, Area[]> _areasByForce;

    public PoliceUkStreetFormat(CspConfiguration config, LsoaGeography geography)
    {
        _config = config;
        _geography = geography;
        _indicatorsByType = config.Indicators
            .SelectMany(i => i.Sources.PoliceUk.Select(type => (Type: type, i.Id)))
            .GroupBy(p => p.Type, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Id).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        _indicators = [.. config.Indicators.Where(i => i.Sources.PoliceUk.Count > 0).Select(i => i.Id)];
        _areasByForce = config.Areas
            .Where(a => a.Force is not null && !a.IsAggregate)
            .GroupBy(a => ForceKey(a.Force!), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>True when the header has the police.uk street columns, Crime ID and Crime type among them.</summary>
    public bool Recognises(IReadOnlyList<string> columns) =>
        Required.All(r => columns.Contains(r, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// A force's name reduced so that a file, its name and the ONS force areas agree: "Leicestershire
    /// Police", "leicestershire" and "Leicestershire"; "City of London Police" and "London, City of";
    /// "Devon &amp; Cornwall Police" and "devon-and-cornwall".
    /// </summary>
    public static string ForceKey(string force)
    {
        var name = force.Trim();
        if (name.IndexOf(',', StringComparison.Ordinal) is var comma and > 0)
        {
            name = name[(comma + 1)..] + " " + name[..comma]; // "London, City of" is "City of London"
        }

        name = NotInForceKey().Replace(name.ToLowerInvariant().Replace("&", " and ", StringComparison.Ordinal), " ");
        return string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public Dataset? Read(Table table)
    {
        var errors = table.Errors;
        var errorCount = errors.Count;
        var column = Columns(table);
        var named = MonthOfName(table.File);
        var counts = new Dictionary<(string Indicator, string Area, Period Period), int>();
        var months = new Dictionary<(string Force, Period Period), MonthTally>();
        var places = new Dictionary<string, string?>(StringComparer.Ordinal);
        var areas = new AreaLabels(_config.AreaNames);

        foreach (var row in table.Rows)
        {
            if (table.CheckWidth(row) is { } widthError)
            {
                errors.Add(widthError);
                continue;
            }

            var monthText = row[column[Month]];
            if (!Period.TryParse(monthText, out var period))
            {
                errors.Add(table.Error(row, column[Month] + 1, monthText, $"invalid month '{Shown.Of(monthText)}': expected YYYY-MM"));
                continue;
            }

            if (named is { } fileMonth && period != fileMonth)
            {
                errors.Add(table.Error(row, column[Month] + 1, monthText,
                    $"the row is for {period.ToDisplayString()} ({period}) but the file is named for {fileMonth.ToDisplayString()} ({fileMonth})"));
                continue;
            }

            var typeText = row[column[CrimeType]];
            if (PoliceUkCrimeTypes.Find(typeText) is not { } type)
            {
                errors.Add(table.Error(row, column[CrimeType] + 1, typeText,
                    $"unknown crime type '{Shown.Of(typeText)}': expected one of {string.Join(", ", PoliceUkCrimeTypes.All)}"));
                continue;
            }

            var force = row[column[FallsWithin]];
            if (force.Length == 0)
            {
                errors.Add(table.Error(row, column[FallsWithin] + 1, force, "'Falls within' is empty: expected the force, e.g. Leicestershire Police"));
                continue;
            }

            if (errors.Count > errorCount)
            {
                continue; // A file with errors is refused: only the errors are worth finding.
            }

            if (!months.TryGetValue((force, period), out var tally))
            {
                tally = new MonthTally(row.Line);
                months.Add((force, period), tally);
            }

            tally.Rows++;
            var lsoa = row[column[LsoaCode]];
            if (lsoa.Length == 0)
            {
                tally.NoLsoa++;
                continue;
            }

            if (!places.TryGetValue(lsoa, out var areaId))
            {
                areaId = AreaOf(lsoa, row[column[LsoaName]], areas);
                if (places.Count < MaxPlacesRemembered)
                {
                    places.Add(lsoa, areaId);
                }
            }

            var area = areaId is null ? null : _config.FindArea(areaId);
            if (area is null)
            {
                var label = row[column[LsoaName]] is { Length: > 0 } name ? $"{Shown.Of(name)} ({Shown.Of(lsoa)})" : Shown.Of(lsoa);
                if (tally.OutsideAreas.Count >= MaxOutsideNamed && !tally.OutsideAreas.ContainsKey(label))
                {
                    label = OtherLsoas;
                }

                tally.OutsideAreas[label] = tally.OutsideAreas.GetValueOrDefault(label) + 1;
                continue;
            }

            if (area.Force is { } areaForce && ForceKey(areaForce) != ForceKey(force))
            {
                tally.OtherForces[area.Name] = tally.OtherForces.GetValueOrDefault(area.Name) + 1;
                continue;
            }

            tally.Areas.Add(area.Id);
            foreach (var indicator in _indicatorsByType.GetValueOrDefault(type, []))
            {
                var key = (indicator, area.Id, period);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        if (errors.Count > errorCount)
        {
            return null;
        }

        // Every area of the force has a figure for each month the file holds, zero when no row fell in it.
        var observations = new List<Observation>();
        foreach (var ((force, period), tally) in months.OrderBy(m => m.Key.Period).ThenBy(m => m.Key.Force, StringComparer.Ordinal))
        {
            var covered = new List<string>(_areasByForce.GetValueOrDefault(ForceKey(force), []).Select(a => a.Id));
            covered.AddRange(tally.Areas.Where(a => !covered.Contains(a, StringComparer.Ordinal)).Order(StringComparer.Ordinal));
            foreach (var indicator in _indicators)
            {
                foreach (var area in covered)
                {
                    observations.Add(new Observation(indicator, area, period, counts.GetValueOrDefault((indicator, area, period)),
                        SuppliedFigures.None, new SourceRef(table.File, tally.FirstLine)));
                }
            }
        }

        return new Dataset(table.File, Name, observations, table.RowsRead, areas.Skipped)
        {
            StreetMonths = [.. months.OrderBy(m => m.Key.Period).ThenBy(m => m.Key.Force, StringComparer.Ordinal)
                .Select(m => new StreetMonth(m.Key.Force, m.Key.Period, m.Value.Rows, m.Value.NoLsoa, m.Value.OutsideAreas, m.Value.OtherForces))],
        };
    }

    /// <summary>The area an LSOA lies in: by its CSP's code, else its district's, else the district its name begins with ("Charnwood 012A").</summary>
    private string? AreaOf(string lsoa, string lsoaName, AreaLabels areas)
    {
        if (_geography.TryFind(lsoa, out var district, out var csp))
        {
            foreach (var code in (ReadOnlySpan<string>)[csp, district])
            {
                if (areas.Resolve(code, out var id) == AreaLabelKind.Area)
                {
                    return id;
                }
            }

            return null;
        }

        // Not a 2011 LSOA (a later one): its name still begins with its district's.
        var districtName = LsoaSuffix().Replace(lsoaName, string.Empty);
        return districtName.Length > 0 && districtName != lsoaName && areas.Resolve(districtName, out var byName) == AreaLabelKind.Area ? byName : null;
    }

    /// <summary>The month a file's name gives, as data.police.uk names them (2022-10-leicestershire-street.csv); null when it gives none.</summary>
    internal static Period? MonthOfName(string file)
    {
        var name = file[(file.LastIndexOfAny(['/', ':']) + 1)..];
        var match = StreetFileName().Match(name);
        return match.Success && Period.TryParse(match.Groups[1].Value, out var period) ? period : null;
    }

    private static Dictionary<string, int> Columns(Table table)
    {
        var column = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < table.Columns.Count; i++)
        {
            column.TryAdd(table.Columns[i], i);
        }

        return column;
    }

    [GeneratedRegex(@"^([0-9]{4}-[0-9]{2})-[A-Za-z0-9-]+-street\.csv(\.gz)?$", RegexOptions.IgnoreCase)]
    private static partial Regex StreetFileName();

    [GeneratedRegex(@" [0-9]{3}[A-Z]$")]
    private static partial Regex LsoaSuffix();

    [GeneratedRegex(@"\b(police|constabulary|service)\b|[^a-z0-9 ]")]
    private static partial Regex NotInForceKey();

    private sealed class MonthTally(int firstLine)
    {
        public int FirstLine { get; } = firstLine;

        public int Rows { get; set; }

        public int NoLsoa { get; set; }

        public HashSet<string> Areas { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> OutsideAreas { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> OtherForces { get; } = new(StringComparer.Ordinal);
    }
}

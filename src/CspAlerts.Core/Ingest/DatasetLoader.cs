using CspAlerts.Diagnostics;
using CspAlerts.Model;

namespace CspAlerts.Ingest;

/// <summary>
/// The one way datasets come in. Reads canonical CSV or .xlsx, MPS borough crime and LFB monthly
/// incident files, telling them apart by their header row. A load is atomic: it returns everything,
/// or throws <see cref="DatasetRejectedException"/> listing every error found. An instance holds
/// only lookups built from the configuration, so one may be shared between threads.
/// </summary>
public sealed class DatasetLoader
{
    private const int HeaderColumnsShown = 10;

    private readonly CanonicalFormat _canonical;
    private readonly MpsWideFormat _mps;
    private readonly LfbMonthlyFormat _lfb;

    public DatasetLoader(CspConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _canonical = new CanonicalFormat(config);
        _mps = new MpsWideFormat(config);
        _lfb = new LfbMonthlyFormat(config);
    }

    /// <summary>Loads one .csv or .xlsx file whole.</summary>
    /// <param name="path">The file; errors name it as given, with '/' separators.</param>
    /// <exception cref="DatasetRejectedException">The file is missing, unreadable or holds any error.</exception>
    public Dataset Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var errors = new List<DataError>();
        var dataset = LoadFile(path, errors);
        return dataset is null || errors.Count > 0 ? throw new DatasetRejectedException(errors) : dataset;
    }

    /// <summary>
    /// Loads files and directories (every .csv and .xlsx below a directory, in ordinal path order)
    /// and merges them. Nothing is returned unless every file loads and no two disagree.
    /// </summary>
    /// <exception cref="DatasetRejectedException">Any file has an error, or two files give different figures for one field.</exception>
    public ObservationSet LoadAll(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var errors = new List<DataError>();
        var datasets = new List<Dataset>();
        foreach (var file in Expand(paths, errors))
        {
            if (LoadFile(file, errors) is { } dataset)
            {
                datasets.Add(dataset);
            }
        }

        // Conflicts among the files that did load are reported too, so one run lists every error.
        var set = ObservationSet.Merge(datasets, errors);
        return errors.Count > 0 ? throw new DatasetRejectedException(errors) : set;
    }

    private static List<string> Expand(IEnumerable<string> paths, List<DataError> errors)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(path, nameof(paths));
            IEnumerable<string> found;
            if (Directory.Exists(path))
            {
                // Excel leaves "~$name.xlsx" lock files beside open workbooks; they are not datasets.
                found = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => TableFile.HasKnownExtension(f) && !Path.GetFileName(f).StartsWith("~$", StringComparison.Ordinal))
                    .Select(Display)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (!found.Any())
                {
                    errors.Add(new DataError(Display(path), 1, null, null, "the directory holds no .csv or .xlsx files"));
                }
            }
            else
            {
                found = [path];
            }

            // The same file named twice (say, alone and through its directory) is loaded once.
            files.AddRange(found.Where(f => seen.Add(Path.GetFullPath(f))));
        }

        return files;
    }

    private Dataset? LoadFile(string path, List<DataError> errors)
    {
        var file = Display(path);
        if (!File.Exists(path))
        {
            errors.Add(new DataError(file, 1, null, null, Directory.Exists(path)
                ? "is a directory, not a file: expected a .csv or .xlsx file"
                : "file not found"));
            return null;
        }

        if (!TableFile.HasKnownExtension(path))
        {
            errors.Add(new DataError(file, 1, null, null, $"unsupported file type '{Path.GetExtension(path)}': expected .csv or .xlsx"));
            return null;
        }

        var fileErrors = new List<DataError>();
        var table = TableFile.Read(path, file, fileErrors);
        var dataset = table is null ? null
            : MpsWideFormat.Recognises(table.Columns) ? _mps.Read(table, fileErrors)
            : LfbMonthlyFormat.Recognises(table.Columns) ? _lfb.Read(table, fileErrors)
            : CanonicalFormat.Recognises(table.Columns) ? _canonical.Read(table, fileErrors)
            : Unrecognised(table, fileErrors);

        // Readers report in the order they check; a reader of the file expects line order.
        errors.AddRange(fileErrors.OrderBy(e => e.Line).ThenBy(e => e.Column ?? 0));
        return fileErrors.Count > 0 ? null : dataset;
    }

    private static Dataset? Unrecognised(Table table, List<DataError> errors)
    {
        var shown = string.Join(", ", table.Columns.Take(HeaderColumnsShown).Select(c => $"'{c}'"));
        if (table.Columns.Count > HeaderColumnsShown)
        {
            shown += $" and {table.Columns.Count - HeaderColumnsShown} more";
        }

        errors.Add(table.Error(table.Header, null, null,
            $"unrecognised header: found columns {shown}; expected a canonical CSV (indicator, area, period, value, ...), " +
            "an MPS borough crime file (MajorText, MinorText, LookUp_BoroughName or BoroughName, or Group, SubGroup, BOCU, " +
            "then YYYYMM month columns) or an LFB monthly incidents file " +
            "(Borough, Callout_type, Date, Number of reported incidents, Year, Month)"));
        return null;
    }

    /// <summary>A path as errors show it: as given, with '/' separators on every platform.</summary>
    private static string Display(string path) => path.Replace('\\', '/');
}

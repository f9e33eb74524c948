using CspAlerts.Diagnostics;
using CspAlerts.Model;

namespace CspAlerts.Ingest;

/// <summary>
/// The one way datasets come in. Reads canonical CSV or .xlsx, MPS borough crime and LFB monthly
/// incident files, from files or streams (<see cref="DatasetSource"/>), telling them apart by their
/// header row. A load is atomic: it returns everything, or throws
/// <see cref="DatasetRejectedException"/> listing every error found. An instance holds only lookups
/// built from the configuration, so one may be shared between threads.
/// </summary>
public sealed class DatasetLoader
{
    private const int HeaderColumnsShown = 10;

    /// <summary>The formats, in the order they are asked: each header is claimed by the first that recognises it.</summary>
    private readonly IDatasetFormat[] _formats;
    private readonly string? _baseDirectory;

    /// <param name="baseDirectory">Where relative paths are read from; the process's working folder when null. Errors name paths as given.</param>
    public DatasetLoader(CspConfiguration config, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _baseDirectory = baseDirectory;
        _formats = [new MpsWideFormat(config), new LfbMonthlyFormat(config), new CanonicalFormat(config)];
    }

    /// <summary>Loads one .csv or .xlsx file whole.</summary>
    /// <param name="path">The file; errors name it as given, with '/' separators.</param>
    /// <exception cref="DatasetRejectedException">The file is missing, unreadable or holds any error.</exception>
    public Dataset Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Load(DatasetSource.FromFile(path, _baseDirectory));
    }

    /// <summary>Loads one dataset, from a file or a stream, whole.</summary>
    /// <exception cref="DatasetRejectedException">The source is missing, unreadable or holds any error; errors name it by <see cref="DatasetSource.Name"/>.</exception>
    public Dataset Load(DatasetSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var errors = new List<DataError>();
        var dataset = LoadSource(source, errors);
        return dataset is null || errors.Count > 0 ? throw new DatasetRejectedException(errors) : dataset;
    }

    /// <summary>
    /// Loads files and directories (every .csv and .xlsx below a directory, in ordinal path order)
    /// and merges them. Nothing is returned unless every file loads and no two disagree, or, under
    /// <see cref="RevisionPolicy.Newest"/>, every disagreement is a newer release revising an older one.
    /// </summary>
    /// <param name="revisions">What to do when two files give one figure differently; see <see cref="RevisionPolicy"/>.</param>
    /// <exception cref="DatasetRejectedException">Any file has an error, or two files give different figures for one field and the policy refuses it.</exception>
    public ObservationSet LoadAll(IEnumerable<string> paths, RevisionPolicy revisions = RevisionPolicy.Refuse)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var errors = new List<DataError>();
        var sources = Expand(paths, errors).Select(p => DatasetSource.FromFile(p, _baseDirectory));
        return LoadAll(sources, revisions, errors);
    }

    /// <summary>
    /// Loads datasets from files or streams, in the order given, and merges them. Nothing is
    /// returned unless every source loads and no two disagree, or, under
    /// <see cref="RevisionPolicy.Newest"/>, every disagreement is a newer release revising an older
    /// one. The order matters only to break a tie between two releases with the same latest month.
    /// </summary>
    /// <param name="revisions">What to do when two sources give one figure differently; see <see cref="RevisionPolicy"/>.</param>
    /// <exception cref="DatasetRejectedException">Any source has an error, or two give different figures for one field and the policy refuses it.</exception>
    public ObservationSet LoadAll(IEnumerable<DatasetSource> sources, RevisionPolicy revisions = RevisionPolicy.Refuse)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return LoadAll(sources, revisions, []);
    }

    private ObservationSet LoadAll(IEnumerable<DatasetSource> sources, RevisionPolicy revisions, List<DataError> errors)
    {
        var datasets = new List<Dataset>();
        foreach (var source in sources)
        {
            ArgumentNullException.ThrowIfNull(source, nameof(sources));
            if (LoadSource(source, errors) is { } dataset)
            {
                datasets.Add(dataset);
            }
        }

        // Conflicts among the sources that did load are reported too, so one run lists every error.
        var set = ObservationSet.Merge(datasets, revisions, errors);
        return errors.Count > 0 ? throw new DatasetRejectedException(errors) : set;
    }

    private List<string> Expand(IEnumerable<string> paths, List<DataError> errors)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(path, nameof(paths));
            IEnumerable<string> found;
            var resolved = Resolve(path);
            if (Directory.Exists(resolved))
            {
                // Excel leaves "~$name.xlsx" lock files beside open workbooks; they are not datasets.
                found = Directory.EnumerateFiles(resolved, "*", SearchOption.AllDirectories)
                    .Where(f => TableFile.HasKnownExtension(f) && !Path.GetFileName(f).StartsWith("~$", StringComparison.Ordinal))
                    .Select(f => Display(Path.Combine(path, Path.GetRelativePath(resolved, f))))
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
            files.AddRange(found.Where(f => seen.Add(Path.GetFullPath(Resolve(f)))));
        }

        return files;
    }

    private string Resolve(string path) => _baseDirectory is null ? path : Path.Combine(_baseDirectory, path);

    private Dataset? LoadSource(DatasetSource source, List<DataError> errors)
    {
        if (source.FilePath is { } path && !CheckFile(path, source.Name, errors))
        {
            return null;
        }

        var sourceErrors = new List<DataError>();
        var table = TableFile.Read(source, sourceErrors);
        var dataset = table is null ? null
            : _formats.FirstOrDefault(f => f.Recognises(table.Columns)) is { } format ? format.Read(table, sourceErrors)
            : Unrecognised(table, sourceErrors);

        // Readers report in the order they check; a reader of the file expects line order.
        errors.AddRange(sourceErrors.OrderBy(e => e.Line).ThenBy(e => e.Column ?? 0));
        return sourceErrors.Count > 0 ? null : dataset;
    }

    /// <summary>A file source must exist and be named .csv or .xlsx; a stream's name is only a name.</summary>
    private static bool CheckFile(string path, string file, List<DataError> errors)
    {
        if (!File.Exists(path))
        {
            errors.Add(new DataError(file, 1, null, null, Directory.Exists(path)
                ? "is a directory, not a file: expected a .csv or .xlsx file"
                : "file not found"));
            return false;
        }

        if (!TableFile.HasKnownExtension(path))
        {
            errors.Add(new DataError(file, 1, null, null, $"unsupported file type '{Path.GetExtension(path)}': expected .csv or .xlsx"));
            return false;
        }

        return true;
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

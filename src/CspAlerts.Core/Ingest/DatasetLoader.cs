using System.IO.Enumeration;
using CspAlerts.Diagnostics;
using CspAlerts.Model;

namespace CspAlerts.Ingest;

/// <summary>
/// The one way datasets come in. Reads canonical CSV or .xlsx, MPS borough crime and LFB monthly
/// incident files, from files or streams (<see cref="DatasetSource"/>), telling them apart by their
/// header row. A load is atomic: it returns everything, or throws
/// <see cref="DatasetRejectedException"/> listing every error found (the first
/// <see cref="DatasetLimits.MaxErrorsPerFile"/> of each file, then how many more). Every source is
/// held to <see cref="DatasetLimits"/> as it is read, a row at a time, so a hostile file is refused
/// with an error rather than exhausting memory or time, and no value it echoes reaches an error
/// raw. An instance holds only lookups built from the configuration, so one may be shared between threads.
/// </summary>
public sealed class DatasetLoader
{
    private const int HeaderColumnsShown = 10;

    /// <summary>The formats, in the order they are asked: each header is claimed by the first that recognises it.</summary>
    private readonly IDatasetFormat[] _formats;
    private readonly string? _baseDirectory;
    private readonly DatasetLimits _limits;
    private readonly CspConfiguration _config;

    /// <param name="baseDirectory">Where relative paths are read from; the process's working folder when null. Errors name paths as given.</param>
    /// <param name="limits">The limits every source is held to; <see cref="DatasetLimits.Default"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not valid; see <see cref="DatasetLimits.Validate"/>.</exception>
    public DatasetLoader(CspConfiguration config, string? baseDirectory = null, DatasetLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _limits = limits ?? DatasetLimits.Default;
        _limits.Validate();
        _config = config;
        _baseDirectory = baseDirectory;
        _formats = [new MpsWideFormat(config, _limits), new LfbMonthlyFormat(config, _limits), new PoliceUkStreetFormat(config, LsoaGeography.EnglandAndWales), new PoliceUkOtherFormat(), new CanonicalFormat(config, _limits)];
    }

    /// <summary>The limits every source is held to.</summary>
    public DatasetLimits Limits => _limits;

    /// <summary>
    /// Files read before and unchanged since are taken from here instead of being read again; a
    /// load of several files keeps in it only the files of that load. None when null.
    /// </summary>
    public DatasetCache? Cache { get; init; }

    /// <summary>Loads one .csv or .xlsx file whole.</summary>
    /// <param name="path">The file; errors name it as given, with '/' separators.</param>
    /// <exception cref="DatasetRejectedException">The file is missing, unreadable or holds any error.</exception>
    public Dataset Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (ZipArchives.IsZip(path))
        {
            throw new DatasetRejectedException([new DataError(Shown.Escaped(Display(path)), 1, null, null,
                "is a .zip archive, which holds several files: load it with LoadAll (the command line's --data), which reads each .csv in it")]);
        }

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
        var sources = Expand(paths, errors).SelectMany(p => ZipArchives.IsZip(p)
            ? ZipArchives.CsvEntries(p, Resolve(p), _limits, errors)
            : [DatasetSource.FromFile(p, _baseDirectory)]).ToList();
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
        var cached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            ArgumentNullException.ThrowIfNull(source, nameof(sources));
            if (CacheKey(source) is { } key)
            {
                cached.Add(key);
            }

            if (LoadSource(source, errors) is { } dataset)
            {
                datasets.Add(dataset);
            }
        }

        Cache?.KeepOnly(cached);

        // Conflicts among the sources that did load are reported too, so one run lists every error.
        var set = ObservationSet.Merge(datasets, revisions, errors, _limits.MaxErrorsPerFile);
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
                found = FilesBelow(resolved)
                    .Where(f => TableFile.HasKnownExtension(f) && !Path.GetFileName(f).StartsWith("~$", StringComparison.Ordinal))
                    .Select(f => Display(Path.Combine(path, Path.GetRelativePath(resolved, f))))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (!found.Any())
                {
                    errors.Add(new DataError(Shown.Escaped(Display(path)), 1, null, null, "the directory holds no .csv, .csv.gz, .zip or .xlsx files"));
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

    /// <summary>
    /// Every file below a folder. A link to a file is listed (and followed only to a regular file
    /// when loaded); a link to a folder is not gone into, so a link back up the tree cannot list
    /// the same files over and over.
    /// </summary>
    private static FileSystemEnumerable<string> FilesBelow(string folder) =>
        new(folder, (ref entry) => entry.ToFullPath(), new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false })
        {
            ShouldIncludePredicate = (ref entry) => !entry.IsDirectory,
            ShouldRecursePredicate = (ref entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };

    private string Resolve(string path) => _baseDirectory is null ? path : Path.Combine(_baseDirectory, path);

    /// <summary>A file's key in the cache: its name as given (what the dataset shows) and the path read; null for a stream or without a cache.</summary>
    private string? CacheKey(DatasetSource source) =>
        Cache is null || source.FilePath is not { } path ? null : source.Name + "\n" + Path.GetFullPath(path);

    private Dataset? LoadSource(DatasetSource source, List<DataError> errors)
    {
        if (CacheKey(source) is not { } key)
        {
            return ReadSource(source, errors);
        }

        if (Cache!.Find(key, source.FilePath!, _config, _limits, out var stamp) is { } held)
        {
            return held;
        }

        var errorsBefore = errors.Count;
        var dataset = ReadSource(source, errors);
        if (dataset is not null && errors.Count == errorsBefore)
        {
            Cache.Keep(key, _config, _limits, stamp, dataset);
        }

        return dataset;
    }

    private Dataset? ReadSource(DatasetSource source, List<DataError> errors)
    {
        // The name is shown escaped: a file or an upload may be named with control characters.
        var file = Shown.Escaped(source.Name);
        var sourceErrors = new FileErrors(file, _limits.MaxErrorsPerFile);
        Dataset? dataset = null;
        if (source.FilePath is not { } path || CheckFile(path, file, sourceErrors, _limits))
        {
            using var table = TableFile.Open(source, file, sourceErrors, _limits);
            dataset = table is null ? null
                : _formats.FirstOrDefault(f => f.Recognises(table.Columns)) is { } format ? format.Read(table)
                : Unrecognised(table);
        }

        // Readers report in the order they check; a reader of the file expects line order.
        errors.AddRange(sourceErrors.InLineOrder());
        return sourceErrors.Count > 0 || dataset is null ? null : dataset with { Notices = [.. dataset.Notices, .. DatasetNotices.Of(dataset, _config)] };
    }

    /// <summary>
    /// A file source must exist, be a regular file (a link is followed to one) within the size
    /// limit, and be named .csv or .xlsx; a stream's name is only a name. A pipe or a device is
    /// never opened: opening a pipe waits for a writer, and a device may never end.
    /// </summary>
    private static bool CheckFile(string path, string file, FileErrors errors, DatasetLimits limits)
    {
        var kind = FileKind.Of(path, out var size);
        if (kind == FileKindName.Missing || (kind == FileKindName.Unknown && !File.Exists(path)))
        {
            errors.Add(new DataError(file, 1, null, null, Directory.Exists(path)
                ? "is a directory, not a file: expected a .csv or .xlsx file"
                : "file not found"));
            return false;
        }

        if (kind == FileKindName.Directory)
        {
            errors.Add(new DataError(file, 1, null, null, "is a directory, not a file: expected a .csv or .xlsx file"));
            return false;
        }

        if (kind is not (FileKindName.Regular or FileKindName.Unknown))
        {
            var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true) is { } link
                ? $"is a link to {Shown.Escaped(link.FullName.Replace('\\', '/'))}, {FileKind.Describe(kind)}"
                : $"is {FileKind.Describe(kind)}";
            errors.Add(new DataError(file, 1, null, null, $"{target}, not a regular file: expected a .csv or .xlsx file"));
            return false;
        }

        if (!TableFile.HasKnownExtension(path))
        {
            errors.Add(new DataError(file, 1, null, null, $"unsupported file type '{Shown.Of(Path.GetExtension(path))}': expected .csv, .csv.gz, .zip or .xlsx"));
            return false;
        }

        if (kind == FileKindName.Unknown)
        {
            // Where the kind cannot be asked, a file of length 0 is not opened: it is empty, or it is a pipe or a device.
            size = new FileInfo(path).Length;
            if (size == 0)
            {
                errors.Add(new DataError(file, 1, null, null, "the file is empty: expected a header row"));
                return false;
            }
        }

        if (size > limits.MaxFileBytes)
        {
            errors.Add(new DataError(file, 1, null, null, LimitedStream.TooLarge(size, limits.MaxFileBytes)));
            return false;
        }

        return true;
    }

    private static Dataset? Unrecognised(Table table)
    {
        var errors = table.Errors;
        var shown = string.Join(", ", table.Columns.Take(HeaderColumnsShown).Select(c => $"'{Shown.Of(c)}'"));
        if (table.Columns.Count > HeaderColumnsShown)
        {
            shown += $" and {table.Columns.Count - HeaderColumnsShown} more";
        }

        errors.Add(table.Error(table.Header, null, null,
            $"unrecognised header: found columns {shown}; expected a canonical CSV (indicator, area, period, value, ...), " +
            "an MPS borough crime file (MajorText, MinorText, LookUp_BoroughName or BoroughName, or Group, SubGroup, BOCU, " +
            "then YYYYMM month columns), an LFB monthly incidents file " +
            "(Borough, Callout_type, Date, Number of reported incidents, Year, Month) or a police.uk street-level file " +
            "(Crime ID, Month, Reported by, Falls within, ..., LSOA code, LSOA name, Crime type, ...)"));
        return null;
    }

    /// <summary>A path as errors show it: as given, with '/' separators on every platform.</summary>
    private static string Display(string path) => path.Replace('\\', '/');
}

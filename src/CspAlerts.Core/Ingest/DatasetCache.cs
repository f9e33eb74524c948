using CspAlerts.Model;

namespace CspAlerts.Ingest;

/// <summary>
/// Datasets already read from files, for a host that reads the same files again and again: the
/// service reads every earlier release with each new one, because a newer release's figures win.
/// A file is read again when its size or its last write time has changed, or when the
/// configuration it was read under is not the one loading it now. Only files that loaded without
/// an error are kept, and a load through the cache keeps only the files it was given, so the cache
/// holds no more than the last set of files loaded. Safe to share between threads.
/// </summary>
public sealed class DatasetCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private CspConfiguration? _config;
    private DatasetLimits? _limits;
    private long _hits;
    private long _reads;

    /// <summary>How many files are held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>How many loads were answered from the cache since it was made, and how many read their file.</summary>
    public (long Hits, long Reads) Counts
    {
        get
        {
            lock (_gate)
            {
                return (_hits, _reads);
            }
        }
    }

    /// <summary>
    /// The dataset read earlier from the file at <paramref name="path"/>, named <paramref name="key"/>,
    /// under this configuration and these limits, if the file is as it was then.
    /// </summary>
    internal Dataset? Find(string key, string path, CspConfiguration config, DatasetLimits limits, out FileStamp stamp)
    {
        stamp = FileStamp.Of(path);
        lock (_gate)
        {
            if (!ReferenceEquals(_config, config) || !Equals(_limits, limits))
            {
                _entries.Clear();
                _config = config;
                _limits = limits;
            }

            if (stamp.Exists && _entries.TryGetValue(key, out var entry) && entry.Stamp == stamp)
            {
                _hits++;
                return entry.Dataset;
            }

            _reads++;
            return null;
        }
    }

    /// <summary>Keeps a dataset read whole and without error, with the file's state read before it was opened.</summary>
    internal void Keep(string key, CspConfiguration config, DatasetLimits limits, FileStamp stamp, Dataset dataset)
    {
        lock (_gate)
        {
            if (stamp.Exists && ReferenceEquals(_config, config) && Equals(_limits, limits))
            {
                _entries[key] = new Entry(stamp, dataset);
            }
        }
    }

    /// <summary>Lets go of every file but those of the last load.</summary>
    internal void KeepOnly(IReadOnlySet<string> keys)
    {
        lock (_gate)
        {
            foreach (var key in _entries.Keys.Where(k => !keys.Contains(k)).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

    private sealed record Entry(FileStamp Stamp, Dataset Dataset);
}

/// <summary>What tells a file apart from its earlier self: its size and last write time.</summary>
internal readonly record struct FileStamp(bool Exists, long Length, DateTime LastWriteUtc)
{
    public static FileStamp Of(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(true, info.Length, info.LastWriteTimeUtc) : default;
    }
}

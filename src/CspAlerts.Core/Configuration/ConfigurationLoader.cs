using System.Text;
using CspAlerts.Configuration.Reading;
using CspAlerts.Diagnostics;
using CspAlerts.Model;

namespace CspAlerts.Configuration;

/// <summary>
/// The one way in for the configuration under <c>rules/</c>: reads every YAML file (from a folder, or
/// as text), checks its structure against the embedded <c>rules.schema.json</c> and then its meaning,
/// and either returns the whole configuration or rejects it with every error found, all in one run.
/// A schema error leaves out only the item it is in, so the other items are still checked. Every
/// file is held to <see cref="ConfigurationLimits"/>, so that no file, however written, can take
/// unbounded memory or time, or crash the loader.
/// </summary>
public static class ConfigurationLoader
{
    /// <summary>The top-level keys that say what a file holds; <c>ignoredLabels</c> may sit beside <c>areas</c>.</summary>
    internal static readonly string[] Kinds = ["areas", "peerGroups", "indicators", "owners", "targets", "schedule", "partnership", "rules", "tests"];

    /// <summary>The sentence that tells what a file may hold, used wherever a file's kind is not clear.</summary>
    internal const string KnownKinds =
        "a file holds one of areas (with ignoredLabels), peerGroups, indicators, owners, targets, schedule, partnership, rules or tests";

    /// <summary>
    /// Loads every <c>*.yaml</c> and <c>*.yml</c> file under the folder (recursively, in path order;
    /// hidden files and folders are skipped), checks structure and then meaning, and returns the
    /// configuration. Files holding <c>tests:</c> are checked for structure only; rule tests read them.
    /// Only regular files inside the folder are read: a symbolic link that leads outside it, a named
    /// pipe or a device is an error, and so is a file, or the folder, over the <paramref name="limits"/>.
    /// </summary>
    /// <param name="rulesDirectory">The rules folder; error locations are this path joined with the file's relative path.</param>
    /// <param name="limits">The limits to hold the files to; <see cref="ConfigurationLimits.Default"/> when null.</param>
    /// <exception cref="ConfigurationRejectedException">The configuration is invalid; it carries every error, in file order.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException">The limits disagree with each other.</exception>
    public static CspConfiguration Load(string rulesDirectory, ConfigurationLimits? limits = null) => Accepted(Read(rulesDirectory, null, limits));

    /// <summary>
    /// Loads the configuration from the text of its files, in the order given, checking structure and
    /// then meaning as for a folder. Each source is read as YAML whatever its name.
    /// </summary>
    /// <param name="sources">The files; each one's <see cref="ConfigurationSource.Name"/> is what errors show.</param>
    /// <param name="limits">The limits to hold the files to, their sizes counted in UTF-8; <see cref="ConfigurationLimits.Default"/> when null.</param>
    /// <exception cref="ConfigurationRejectedException">The configuration is invalid; it carries every error, in file order.</exception>
    /// <exception cref="ArgumentException">The limits disagree with each other.</exception>
    public static CspConfiguration Load(IEnumerable<ConfigurationSource> sources, ConfigurationLimits? limits = null) => Accepted(Read(sources, limits));

    /// <summary>
    /// Reads the folder as <see cref="Load(string, ConfigurationLimits?)"/> does, but returns what it
    /// found instead of throwing, so that later checks (rule compilation) can add their errors to the
    /// same list.
    /// </summary>
    /// <param name="rulesDirectory">The rules folder; errors name files under the path as given.</param>
    /// <param name="baseDirectory">The folder a relative <paramref name="rulesDirectory"/> is taken from; the working directory when null.</param>
    /// <param name="limits">The limits to hold the files to; <see cref="ConfigurationLimits.Default"/> when null.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException">The limits disagree with each other.</exception>
    public static ConfigurationReadResult Read(string rulesDirectory, string? baseDirectory = null, ConfigurationLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(rulesDirectory);
        limits = Checked(limits);
        var folder = baseDirectory is null ? rulesDirectory : Path.Combine(baseDirectory, rulesDirectory);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The rules folder '{rulesDirectory}' does not exist.");
        }

        var (sources, unreadable) = RulesFolder.Read(folder, rulesDirectory, limits);
        return Read(sources, rulesDirectory.Replace(Path.DirectorySeparatorChar, '/'), unreadable, limits);
    }

    /// <summary>
    /// Reads the configuration from the text of its files as <see cref="Load(IEnumerable{ConfigurationSource}, ConfigurationLimits?)"/>
    /// does, but returns what it found instead of throwing: the configuration built from every item
    /// whose structure is valid (lists may be partial), and every error, in file order.
    /// </summary>
    /// <param name="limits">The limits to hold the files to, their sizes counted in UTF-8; <see cref="ConfigurationLimits.Default"/> when null.</param>
    /// <exception cref="ArgumentException">The limits disagree with each other.</exception>
    public static ConfigurationReadResult Read(IEnumerable<ConfigurationSource> sources, ConfigurationLimits? limits = null)
    {
        var list = Checked(sources);
        limits = Checked(limits);
        var folder = CommonFolder(list);
        var refused = new List<ConfigError>();
        return Read(Within(list, folder, limits, refused), folder, refused, limits);
    }

    /// <param name="unreadable">Errors for files that could not be read, or were refused; each might have held any kind.</param>
    private static ConfigurationReadResult Read(IReadOnlyList<ConfigurationSource> sources, string folder, List<ConfigError> unreadable, ConfigurationLimits limits)
    {
        var errors = new List<ConfigError>(unreadable);

        // The kinds a file that could not be read may have held: checking references against those
        // kinds would only report the same fault again as "unknown" ids.
        var unread = new HashSet<string>(unreadable.Count > 0 ? Kinds : [], StringComparer.Ordinal);
        var files = new List<ConfigFile>();
        foreach (var source in sources)
        {
            var document = YamlDocumentReader.Read(source.Text, source.Name, errors, limits);
            if (document is null)
            {
                unread.UnionWith(FileKind.Guess(source.Text));
                continue;
            }

            if (FileKind.Recognise(document, errors, out var mayHold) is not { } kind)
            {
                unread.UnionWith(mayHold);
                continue;
            }

            // A schema error, or a value past a limit, leaves out only the item it is in; the file's other items are read.
            var faults = SchemaValidator.Check(document);
            faults.AddRange(ValueLimits.Check(document, kind, limits, faults));
            errors.AddRange(faults.Select(f => f.Error));
            files.Add(new ConfigFile(kind, document, faults.Select(f => f.Token)));
        }

        var configuration = new ConfigurationReader(new ReadContext(folder, files, unread, errors)).Read();
        return new ConfigurationReadResult(configuration, ConfigurationRejectedException.InFileOrder(errors));
    }

    /// <summary>
    /// The sources within the limits of files and bytes, in order; an error for each one refused. As
    /// on disk: with too many files none is read, and the file that takes the total past its limit
    /// is refused with every file after it.
    /// </summary>
    private static List<ConfigurationSource> Within(List<ConfigurationSource> sources, string folder, ConfigurationLimits limits, List<ConfigError> refused)
    {
        if (sources.Count > limits.MaxFiles)
        {
            refused.Add(new ConfigError(new SourceLocation(folder, 1, 1), RulesFolder.TooManyFiles(limits)));
            return [];
        }

        var within = new List<ConfigurationSource>();
        long total = 0;
        foreach (var source in sources)
        {
            long size = Encoding.UTF8.GetByteCount(source.Text);
            if (size > limits.MaxFileBytes)
            {
                refused.Add(new ConfigError(new SourceLocation(source.Name, 1, 1), RulesFolder.TooLarge(size, limits)));
                continue;
            }

            total += size;
            if (total > limits.MaxFolderBytes)
            {
                refused.Add(new ConfigError(new SourceLocation(source.Name, 1, 1), RulesFolder.TooMuch(total, limits)));
                break;
            }

            within.Add(source);
        }

        return within;
    }

    private static CspConfiguration Accepted(ConfigurationReadResult result) =>
        result.Errors.Count > 0 ? throw new ConfigurationRejectedException(result.Errors) : result.Configuration;

    private static ConfigurationLimits Checked(ConfigurationLimits? limits)
    {
        limits ??= ConfigurationLimits.Default;
        limits.Validate();
        return limits;
    }

    private static List<ConfigurationSource> Checked(IEnumerable<ConfigurationSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var list = sources.ToList();
        foreach (var source in list)
        {
            if (source is null || string.IsNullOrEmpty(source.Name) || source.Text is null)
            {
                throw new ArgumentException("Every configuration source needs a name and a text.", nameof(sources));
            }
        }

        return list;
    }

    /// <summary>
    /// Where errors that belong to no one file are shown for text sources: the folder their names
    /// share (<c>rules</c> for <c>rules/areas.yaml</c> and <c>rules/rules.yaml</c>), or <c>rules</c>.
    /// </summary>
    private static string CommonFolder(IReadOnlyList<ConfigurationSource> sources)
    {
        string[]? common = null;
        foreach (var source in sources)
        {
            var folders = source.Name.Split('/')[..^1];
            common = common is null ? folders : common.Zip(folders).TakeWhile(p => p.First == p.Second).Select(p => p.First).ToArray();
        }

        return common is { Length: > 0 } && string.Join('/', common) is { Length: > 0 } folder ? folder : "rules";
    }
}

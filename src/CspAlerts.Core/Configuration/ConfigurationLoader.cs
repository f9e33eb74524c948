using CspAlerts.Configuration.Reading;
using CspAlerts.Diagnostics;
using CspAlerts.Model;

namespace CspAlerts.Configuration;

/// <summary>
/// The one way in for the configuration under <c>rules/</c>: reads every YAML file (from a folder, or
/// as text), checks its structure against the embedded <c>rules.schema.json</c> and then its meaning,
/// and either returns the whole configuration or rejects it with every error found, all in one run.
/// A schema error leaves out only the item it is in, so the other items are still checked.
/// </summary>
public static class ConfigurationLoader
{
    /// <summary>The top-level keys that say what a file holds; <c>ignoredLabels</c> may sit beside <c>areas</c>.</summary>
    internal static readonly string[] Kinds = ["areas", "peerGroups", "indicators", "owners", "targets", "schedule", "rules", "tests"];

    /// <summary>The sentence that tells what a file may hold, used wherever a file's kind is not clear.</summary>
    internal const string KnownKinds =
        "a file holds one of areas (with ignoredLabels), peerGroups, indicators, owners, targets, schedule, rules or tests";

    /// <summary>
    /// Loads every <c>*.yaml</c> and <c>*.yml</c> file under the folder (recursively, in path order;
    /// hidden files and folders are skipped), checks structure and then meaning, and returns the
    /// configuration. Files holding <c>tests:</c> are checked for structure only; rule tests read them.
    /// </summary>
    /// <param name="rulesDirectory">The rules folder; error locations are this path joined with the file's relative path.</param>
    /// <exception cref="ConfigurationRejectedException">The configuration is invalid; it carries every error, in file order.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static CspConfiguration Load(string rulesDirectory) => Accepted(Read(rulesDirectory));

    /// <summary>
    /// Loads the configuration from the text of its files, in the order given, checking structure and
    /// then meaning as for a folder. Each source is read as YAML whatever its name.
    /// </summary>
    /// <param name="sources">The files; each one's <see cref="ConfigurationSource.Name"/> is what errors show.</param>
    /// <exception cref="ConfigurationRejectedException">The configuration is invalid; it carries every error, in file order.</exception>
    public static CspConfiguration Load(IEnumerable<ConfigurationSource> sources) => Accepted(Read(sources));

    /// <summary>
    /// Reads the folder as <see cref="Load(string)"/> does, but returns what it found instead of
    /// throwing, so that later checks (rule compilation) can add their errors to the same list.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static ConfigurationReadResult Read(string rulesDirectory) => Read(rulesDirectory, null);

    /// <summary>Reads the folder, a relative path taken from <paramref name="baseDirectory"/>; errors name files under the path as given.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static ConfigurationReadResult Read(string rulesDirectory, string? baseDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(rulesDirectory);
        var folder = baseDirectory is null ? rulesDirectory : Path.Combine(baseDirectory, rulesDirectory);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The rules folder '{rulesDirectory}' does not exist.");
        }

        var unreadable = new List<ConfigError>();
        var sources = new List<ConfigurationSource>();
        foreach (var relative in FindFiles(folder))
        {
            var display = Path.Combine(rulesDirectory, relative).Replace(Path.DirectorySeparatorChar, '/');
            try
            {
                sources.Add(new ConfigurationSource(display, File.ReadAllText(Path.Combine(folder, relative))));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // One unreadable file is one error among the rest, not a crash that hides them.
                unreadable.Add(new ConfigError(new SourceLocation(display, 1, 1), $"cannot read the file: {ex.Message}"));
            }
        }

        return Read(sources, rulesDirectory.Replace(Path.DirectorySeparatorChar, '/'), unreadable);
    }

    /// <summary>
    /// Reads the configuration from the text of its files as <see cref="Load(IEnumerable{ConfigurationSource})"/>
    /// does, but returns what it found instead of throwing: the configuration built from every item
    /// whose structure is valid (lists may be partial), and every error, in file order.
    /// </summary>
    public static ConfigurationReadResult Read(IEnumerable<ConfigurationSource> sources)
    {
        var list = Checked(sources);
        return Read(list, CommonFolder(list), []);
    }

    /// <param name="unreadable">Errors for files that could not be read from disk; each might have held any kind.</param>
    private static ConfigurationReadResult Read(IReadOnlyList<ConfigurationSource> sources, string folder, List<ConfigError> unreadable)
    {
        var errors = new List<ConfigError>(unreadable);

        // The kinds a file that could not be read may have held: checking references against those
        // kinds would only report the same fault again as "unknown" ids.
        var unread = new HashSet<string>(unreadable.Count > 0 ? Kinds : [], StringComparer.Ordinal);
        var files = new List<ConfigFile>();
        foreach (var source in sources)
        {
            var document = YamlDocumentReader.Read(source.Text, source.Name, errors);
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

            // A schema error leaves out only the item it is in; the file's other items are read.
            var faults = SchemaValidator.Check(document);
            errors.AddRange(faults.Select(f => f.Error));
            files.Add(new ConfigFile(kind, document, faults.Select(f => f.Token)));
        }

        var configuration = new ConfigurationReader(new ReadContext(folder, files, unread, errors)).Read();
        return new ConfigurationReadResult(configuration, ConfigurationRejectedException.InFileOrder(errors));
    }

    private static CspConfiguration Accepted(ConfigurationReadResult result) =>
        result.Errors.Count > 0 ? throw new ConfigurationRejectedException(result.Errors) : result.Configuration;

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

    private static IEnumerable<string> FindFiles(string directory)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            MatchCasing = MatchCasing.CaseInsensitive,
        };

        return Directory.EnumerateFiles(directory, "*", options)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(directory, f))
            .Where(r => !r.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .OrderBy(r => r.Replace(Path.DirectorySeparatorChar, '/'), StringComparer.Ordinal);
    }
}

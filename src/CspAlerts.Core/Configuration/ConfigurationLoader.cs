using CspAlerts.Configuration.Reading;
using CspAlerts.Diagnostics;
using CspAlerts.Model;
using Newtonsoft.Json.Linq;

namespace CspAlerts.Configuration;

/// <summary>
/// The one way in for the configuration under <c>rules/</c>: reads every YAML file, checks its
/// structure against the embedded <c>rules.schema.json</c> and then its meaning, and either returns
/// the whole configuration or rejects it with every error found.
/// </summary>
public static class ConfigurationLoader
{
    /// <summary>The top-level keys that say what a file holds; <c>ignoredLabels</c> may sit beside <c>areas</c>.</summary>
    internal static readonly string[] Kinds = ["areas", "peerGroups", "indicators", "owners", "targets", "schedule", "rules", "tests"];

    /// <summary>The sentence that tells what a file may hold, used wherever a file's kind is not clear.</summary>
    internal const string KnownKinds =
        "a file holds one of areas (with ignoredLabels), peerGroups, indicators, owners, targets, schedule, rules or tests";

    private const string IgnoredLabels = "ignoredLabels";

    /// <summary>
    /// Loads every <c>*.yaml</c> and <c>*.yml</c> file under the folder (recursively, in path order;
    /// hidden files and folders are skipped), checks structure and then meaning, and returns the
    /// configuration. Files holding <c>tests:</c> are checked for structure only; rule tests read them.
    /// </summary>
    /// <param name="rulesDirectory">The rules folder; error locations are this path joined with the file's relative path.</param>
    /// <exception cref="ConfigurationRejectedException">The configuration is invalid; it carries every error, in file order.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static CspConfiguration Load(string rulesDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(rulesDirectory);
        if (!Directory.Exists(rulesDirectory))
        {
            throw new DirectoryNotFoundException($"The rules folder '{rulesDirectory}' does not exist.");
        }

        var errors = new List<ConfigError>();
        var sources = new List<ConfigurationSource>();
        foreach (var relative in FindFiles(rulesDirectory))
        {
            var display = Path.Combine(rulesDirectory, relative).Replace(Path.DirectorySeparatorChar, '/');
            try
            {
                sources.Add(new ConfigurationSource(display, File.ReadAllText(Path.Combine(rulesDirectory, relative))));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // One unreadable file is one error among the rest, not a crash that hides them.
                errors.Add(new ConfigError(new SourceLocation(display, 1, 1), $"cannot read the file: {ex.Message}"));
            }
        }

        return Load(sources, rulesDirectory.Replace(Path.DirectorySeparatorChar, '/'), errors);
    }

    /// <summary>
    /// Loads the configuration from the text of its files, in the order given, checking structure and
    /// then meaning as for a folder. Each source is read as YAML whatever its name.
    /// </summary>
    /// <param name="sources">The files; each one's <see cref="ConfigurationSource.Name"/> is what errors show.</param>
    /// <exception cref="ConfigurationRejectedException">The configuration is invalid; it carries every error, in file order.</exception>
    public static CspConfiguration Load(IEnumerable<ConfigurationSource> sources)
    {
        var list = Checked(sources);
        return Load(list, CommonFolder(list), []);
    }

    private static CspConfiguration Load(IReadOnlyList<ConfigurationSource> sources, string folder, List<ConfigError> errors)
    {
        // A file that could not be read is unrecognised: it might have held any kind.
        var anyUnrecognised = errors.Count > 0;
        var files = new List<ConfigFile>();
        var failedKinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var document = YamlDocumentReader.Read(source.Text, source.Name, errors);
            var kind = document is null ? null : Recognise(document, errors);
            if (document is null || kind is null)
            {
                anyUnrecognised = true;
                continue;
            }

            var schemaErrors = SchemaValidator.Validate(document);
            if (schemaErrors.Count > 0)
            {
                errors.AddRange(schemaErrors);
                failedKinds.Add(kind);
                continue;
            }

            files.Add(new ConfigFile(kind, document));
        }

        // A kind whose file could not be read, or failed its schema, is incomplete: checking references
        // against it would only report the same fault again as "unknown" ids.
        var complete = Kinds.Where(k => !anyUnrecognised && !failedKinds.Contains(k)).ToHashSet(StringComparer.Ordinal);
        var configuration = new ConfigurationReader(folder, files, complete, errors).Read();
        if (errors.Count > 0)
        {
            throw new ConfigurationRejectedException(errors);
        }

        return configuration;
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

    /// <summary>Says which kind a file holds from its top-level keys, or adds an error and returns null.</summary>
    private static string? Recognise(ConfigDocument document, List<ConfigError> errors)
    {
        if (document.Root is not JObject root)
        {
            errors.Add(new ConfigError(
                document.At(document.Root),
                $"the top level must be a mapping, not {document.Describe(document.Root)}; {KnownKinds}"));
            return null;
        }

        var properties = root.Properties().ToList();
        var kinds = properties.Where(p => Kinds.Contains(p.Name, StringComparer.Ordinal)).ToList();
        var before = errors.Count;
        if (kinds.Count == 0)
        {
            var labels = properties.FirstOrDefault(p => p.Name == IgnoredLabels);
            var others = properties.Where(p => p.Name != IgnoredLabels).ToList();
            if (others.Count > 0)
            {
                errors.Add(new ConfigError(
                    document.At(others[0]),
                    $"no known top-level key: found {string.Join(", ", others.Select(p => $"'{p.Name}'"))}; {KnownKinds}"));
            }

            if (labels is not null)
            {
                errors.Add(new ConfigError(document.At(labels), $"'{IgnoredLabels}' belongs in the file that holds 'areas'"));
            }

            return null;
        }

        var kind = kinds[0].Name;
        foreach (var other in kinds.Skip(1))
        {
            errors.Add(new ConfigError(document.At(other), $"'{other.Name}' cannot share a file with '{kind}'; a file holds one kind"));
        }

        foreach (var property in properties.Where(p => !Kinds.Contains(p.Name, StringComparer.Ordinal)))
        {
            if (property.Name != IgnoredLabels)
            {
                errors.Add(new ConfigError(document.At(property), $"unknown top-level key '{property.Name}'; {KnownKinds}"));
            }
            else if (kind != "areas")
            {
                errors.Add(new ConfigError(document.At(property), $"'{IgnoredLabels}' belongs in the file that holds 'areas'"));
            }
        }

        return errors.Count == before ? kind : null;
    }
}

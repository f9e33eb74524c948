using CspAlerts.Diagnostics;
using CspAlerts.Model;
using Newtonsoft.Json.Linq;

namespace CspAlerts.Configuration.Reading;

/// <summary>
/// What the readers of each kind share: the files whose kind is known, the errors found so far, and
/// the records read so far, by kind, for the references of the kinds read after them.
/// </summary>
internal sealed class ReadContext
{
    private readonly IReadOnlyList<ConfigFile> _files;
    private readonly List<ConfigError> _errors;

    /// <param name="folder">Where an error that belongs to no one file is shown.</param>
    /// <param name="files">The files whose kind is known, in path order.</param>
    /// <param name="unreadKinds">The kinds a file that could not be read at all may have held.</param>
    /// <param name="errors">The errors found so far; readers add theirs.</param>
    public ReadContext(string folder, IReadOnlyList<ConfigFile> files, IReadOnlySet<string> unreadKinds, List<ConfigError> errors)
    {
        Folder = folder;
        _files = files;
        _errors = errors;
        Areas = CatalogueOf<Area>("areas", unreadKinds);
        PeerGroups = CatalogueOf<PeerGroup>("peerGroups", unreadKinds);
        Owners = CatalogueOf<Owner>("owners", unreadKinds);
        Indicators = CatalogueOf<Indicator>("indicators", unreadKinds);
    }

    /// <summary>Where an error that belongs to no one file is shown, such as there being no owners at all.</summary>
    public string Folder { get; }

    public Catalogue<Area> Areas { get; }

    public Catalogue<PeerGroup> PeerGroups { get; }

    public Catalogue<Owner> Owners { get; }

    public Catalogue<Indicator> Indicators { get; }

    public void Error(SourceLocation location, string message) => _errors.Add(new ConfigError(location, message));

    /// <summary>What is allowed but worth an analyst's attention, such as an indicator that falls back to the default lead.</summary>
    public List<ConfigError> Warnings { get; } = [];

    public void Warn(SourceLocation location, string message) => Warnings.Add(new ConfigError(location, message));

    /// <summary>The files that hold a kind, in path order.</summary>
    public IEnumerable<ConfigFile> FilesOf(string kind) => _files.Where(f => f.Kind == kind);

    /// <summary>The items of a kind across all files whose structure is valid, in file order.</summary>
    public IEnumerable<ConfigItem> ItemsOf(string kind) =>
        from file in FilesOf(kind)
        from obj in file.ValidEntries(kind).Cast<JObject>()
        select new ConfigItem(file.Document, obj);

    /// <summary>
    /// The valid items of a kind across all files, in file order, keeping the first of each id and
    /// reporting the rest. Items the schema left out count too: a second 'x' is a duplicate even when
    /// the first 'x' has a fault of its own.
    /// </summary>
    public List<ConfigItem> Unique(string kind)
    {
        var noun = ConfigDocument.ItemNouns[kind];
        var first = new Dictionary<string, ConfigItem>(StringComparer.Ordinal);
        var items = new List<ConfigItem>();
        foreach (var (item, valid) in WithIds(kind))
        {
            if (first.TryGetValue(item.Id, out var earlier))
            {
                Error(item.ValueAt("id"), $"duplicate {noun} id '{Echo.Of(item.Id)}' (first defined at {earlier.ValueAt("id")})");
                continue;
            }

            first.Add(item.Id, item);
            if (valid)
            {
                items.Add(item);
            }
        }

        return items;
    }

    /// <summary>The items of a kind that have an id, whether or not the schema left them out, in file order, repeats included.</summary>
    public IEnumerable<(ConfigItem Item, bool Valid)> WithIds(string kind)
    {
        foreach (var file in FilesOf(kind))
        {
            var failed = new HashSet<JToken>(file.FailedEntries(kind), ReferenceEqualityComparer.Instance);
            foreach (var obj in file.Entries(kind).OfType<JObject>())
            {
                if (obj["id"] is JValue { Type: JTokenType.String })
                {
                    yield return (new ConfigItem(file.Document, obj), !failed.Contains(obj));
                }
            }
        }
    }

    private Catalogue<T> CatalogueOf<T>(string kind, IReadOnlySet<string> unreadKinds)
        where T : class
    {
        var files = FilesOf(kind).ToList();
        var skipped = files.SelectMany(f => f.FailedEntries(kind)).ToList();
        var unread = unreadKinds.Contains(kind)
            || files.Any(f => f.Section(kind) is not JArray)
            || skipped.Any(e => e is not JObject obj || obj["id"] is not JValue { Type: JTokenType.String });
        return new Catalogue<T>(unread, skipped.OfType<JObject>().ToList());
    }
}

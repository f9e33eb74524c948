using CspAlerts.Diagnostics;
using CspAlerts.Model;
using Newtonsoft.Json.Linq;

namespace CspAlerts.Configuration.Reading;

/// <summary>
/// What the readers of each kind share: the files whose structure is valid, the errors found so far,
/// and the records read so far, by kind, for the references of the kinds read after them.
/// </summary>
internal sealed class ReadContext(
    string folder,
    IReadOnlyList<ConfigFile> files,
    IReadOnlySet<string> completeKinds,
    List<ConfigError> errors)
{
    /// <summary>Where an error that belongs to no one file is shown, such as there being no owners at all.</summary>
    public string Folder { get; } = folder;

    public Catalogue<Area> Areas { get; } = new(completeKinds.Contains("areas"));

    public Catalogue<PeerGroup> PeerGroups { get; } = new(completeKinds.Contains("peerGroups"));

    public Catalogue<Owner> Owners { get; } = new(completeKinds.Contains("owners"));

    public Catalogue<Indicator> Indicators { get; } = new(completeKinds.Contains("indicators"));

    public void Error(SourceLocation location, string message) => errors.Add(new ConfigError(location, message));

    /// <summary>The files that hold a kind, in path order.</summary>
    public IEnumerable<ConfigFile> FilesOf(string kind) => files.Where(f => f.Kind == kind);

    /// <summary>The items of a kind across all files, in file order.</summary>
    public IEnumerable<ConfigItem> ItemsOf(string kind) =>
        from file in FilesOf(kind)
        from obj in ((JArray)file.Document.Root[kind]!).Cast<JObject>()
        select new ConfigItem(file.Document, obj);

    /// <summary>The items of a kind across all files, in file order, keeping the first of each id and reporting the rest.</summary>
    public List<ConfigItem> Unique(string kind)
    {
        var noun = ConfigDocument.ItemNouns[kind];
        var first = new Dictionary<string, ConfigItem>(StringComparer.Ordinal);
        var items = new List<ConfigItem>();
        foreach (var item in ItemsOf(kind))
        {
            if (first.TryGetValue(item.Id, out var earlier))
            {
                Error(item.ValueAt("id"), $"duplicate {noun} id '{item.Id}' (first defined at {earlier.ValueAt("id")})");
                continue;
            }

            first.Add(item.Id, item);
            items.Add(item);
        }

        return items;
    }
}

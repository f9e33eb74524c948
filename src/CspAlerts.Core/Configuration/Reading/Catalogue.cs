using System.Diagnostics.CodeAnalysis;
using Newtonsoft.Json.Linq;

namespace CspAlerts.Configuration.Reading;

/// <summary>
/// The records of one kind read so far, by id, in file order, and what was not read: items the schema
/// left out, and whether some file that could hold the kind could not be read at all. A reference is
/// only reported as unknown when it certainly is, or the report would repeat a fault already given.
/// </summary>
internal sealed class Catalogue<T>
    where T : class
{
    private readonly Dictionary<string, T> _records = new(StringComparer.Ordinal);
    private readonly HashSet<string> _skippedIds;

    /// <param name="unread">True when a file that could hold this kind could not be read, or an item left out has no id.</param>
    /// <param name="skipped">The items of this kind the schema left out.</param>
    public Catalogue(bool unread, IReadOnlyList<JObject> skipped)
    {
        IsComplete = !unread;
        Skipped = skipped;
        _skippedIds = skipped.Select(o => o["id"]).OfType<JValue>().Where(v => v.Type == JTokenType.String)
            .Select(v => (string)v!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The records in the order they were read.</summary>
    public IEnumerable<T> All => _records.Values;

    /// <summary>True when every item of the kind is either read or left out with its id known.</summary>
    public bool IsComplete { get; }

    /// <summary>True when every item of the kind was read, none left out.</summary>
    public bool IsWhole => IsComplete && Skipped.Count == 0;

    /// <summary>The items of this kind the schema left out, as written.</summary>
    public IReadOnlyList<JObject> Skipped { get; }

    public void Add(string id, T record) => _records.Add(id, record);

    public bool TryGet(string id, [MaybeNullWhen(false)] out T record) => _records.TryGetValue(id, out record);

    /// <summary>False only when the id is certainly not defined, so calling it unknown reports a fault of its own.</summary>
    public bool MayHold(string id) => !IsComplete || _records.ContainsKey(id) || _skippedIds.Contains(id);
}

namespace CspAlerts.Configuration.Reading;

/// <summary>
/// The records of one kind read so far, by id, in file order, and whether they are all there is:
/// a reference to an id that is not here is only unknown when the kind was read in full.
/// </summary>
internal sealed class Catalogue<T>(bool complete)
    where T : class
{
    private readonly Dictionary<string, T> _records = new(StringComparer.Ordinal);

    /// <summary>The records in the order they were read.</summary>
    public IEnumerable<T> All => _records.Values;

    /// <summary>True when every file that could hold this kind was read, so an id not here is unknown.</summary>
    public bool IsComplete => complete;

    public void Add(string id, T record) => _records.Add(id, record);

    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T record) =>
        _records.TryGetValue(id, out record);

    public bool Contains(string id) => _records.ContainsKey(id);

    /// <summary>False only when the id is certainly not defined, so calling it unknown reports a fault of its own.</summary>
    public bool MayHold(string id) => !complete || _records.ContainsKey(id);
}

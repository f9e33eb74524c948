using Newtonsoft.Json.Linq;

namespace CspAlerts.Configuration.Reading;

/// <summary>
/// A file whose kind is known, and the parts of it that failed the schema: a list entry (one area,
/// one rule, one ignored label), or a whole top-level value (a kind that is not a list, the schedule).
/// Readers read the rest; what failed was reported by the schema and is left out.
/// </summary>
internal sealed class ConfigFile
{
    private readonly HashSet<JToken> _failed;

    public ConfigFile(string kind, ConfigDocument document, IEnumerable<JToken> faults)
    {
        Kind = kind;
        Document = document;
        _failed = new HashSet<JToken>(faults.Select(FailedPart), ReferenceEqualityComparer.Instance);
    }

    public string Kind { get; }

    public ConfigDocument Document { get; }

    /// <summary>The value under a top-level key, or null when it is missing or failed the schema as a whole.</summary>
    public JToken? Section(string key) =>
        Document.Root[key] is { } value && !_failed.Contains(value) && !_failed.Contains(Document.Root) ? value : null;

    /// <summary>The entries of a top-level list whose structure is valid, in order; none when the list itself is not.</summary>
    public IEnumerable<JToken> ValidEntries(string key) => Entries(key).Where(e => !_failed.Contains(e));

    /// <summary>The entries of a top-level list that failed the schema, in order.</summary>
    public IEnumerable<JToken> FailedEntries(string key) => Entries(key).Where(_failed.Contains);

    /// <summary>The entries of a top-level list, valid or not; none when the list itself is not valid.</summary>
    public IEnumerable<JToken> Entries(string key) => Section(key) as JArray ?? [];

    /// <summary>The part a schema error leaves out: the list entry it lies in, else the top-level value, else the whole file.</summary>
    private JToken FailedPart(JToken token)
    {
        for (JToken? t = token; t is not null; t = t.Parent)
        {
            if (t.Parent is JArray { Parent: JProperty { Parent: var top } } && ReferenceEquals(top, Document.Root))
            {
                return t;
            }

            if (t.Parent is JProperty { Parent: var owner } && ReferenceEquals(owner, Document.Root))
            {
                return t;
            }
        }

        return Document.Root;
    }
}

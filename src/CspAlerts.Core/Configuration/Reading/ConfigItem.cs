using CspAlerts.Diagnostics;
using Newtonsoft.Json.Linq;

namespace CspAlerts.Configuration.Reading;

/// <summary>A list item whose structure is valid (an area, a rule, ...), with the document it came from.</summary>
internal sealed record ConfigItem(ConfigDocument Doc, JObject Obj)
{
    /// <summary>The item's id; empty for items without one (targets).</summary>
    public string Id => Obj["id"] is JValue { Type: JTokenType.String } id ? (string)id! : string.Empty;

    /// <summary>How errors name the item: <c>rule 'ytd-off-target'</c>, <c>target for 'x' in 'y'</c>.</summary>
    public string Label => Doc.Label(Obj);

    /// <summary>Where the item is defined: its <c>id</c> key, or the start of the list item.</summary>
    public SourceLocation Location => Doc.KeyAt(Obj, "id");

    public SourceLocation At(JToken token) => Doc.At(token);

    public SourceLocation ValueAt(string key) => Doc.ValueAt(Obj, key);

    public string String(string key) => (string)Obj[key]!;

    public string? OptionalString(string key) => (string?)Obj[key];

    public List<string> Strings(string key) => Obj[key] is JArray list ? Texts(list) : [];

    /// <summary>The entries of a list the schema holds to strings.</summary>
    public static List<string> Texts(JArray list) => list.Select(t => (string)t!).ToList();
}

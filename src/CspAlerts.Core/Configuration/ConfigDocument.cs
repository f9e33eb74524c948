using CspAlerts.Diagnostics;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CspAlerts.Configuration;

/// <summary>
/// One configuration file as JSON (what the schema checks and the records are read from), with the
/// YAML node every JSON token came from, so that every error can point at a line and column.
/// </summary>
internal sealed class ConfigDocument
{
    private readonly Dictionary<JToken, YamlNode> _nodes;
    private readonly string[] _lines;

    public ConfigDocument(string file, JToken root, Dictionary<JToken, YamlNode> nodes, string[] lines)
    {
        File = file;
        Root = root;
        _nodes = nodes;
        _lines = lines;
    }

    /// <summary>The path shown in errors, e.g. <c>rules/areas.yaml</c>.</summary>
    public string File { get; }

    public JToken Root { get; }

    /// <summary>
    /// The start of the YAML node a token came from; for a property, its key. An empty value has no
    /// text of its own, so it is placed at its key.
    /// </summary>
    public SourceLocation At(JToken token)
    {
        if (token is { Type: JTokenType.Null, Parent: JProperty key }
            && _nodes.TryGetValue(token, out var empty) && empty is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" })
        {
            token = key;
        }

        for (JToken? t = token; t is not null; t = t.Parent)
        {
            if (_nodes.TryGetValue(t, out var node))
            {
                return At(node.Start);
            }
        }

        return new SourceLocation(File, 1, 1);
    }

    /// <summary>The location of a key of a mapping, or of the mapping itself when the key is not there.</summary>
    public SourceLocation KeyAt(JObject item, string key) =>
        item.Property(key, StringComparison.Ordinal) is { } property ? At(property) : At(item);

    /// <summary>The location of the value of a key of a mapping, or of the mapping itself when the key is not there.</summary>
    public SourceLocation ValueAt(JObject item, string key) =>
        item.Property(key, StringComparison.Ordinal) is { } property ? At(property.Value) : At(item);

    /// <summary>
    /// Where the text of a scalar value starts: after the opening quote of a quoted scalar, and on
    /// the first line of content of a block scalar. Expression errors add their offset to it.
    /// </summary>
    public SourceLocation TextAt(JToken token)
    {
        if (!_nodes.TryGetValue(token, out var node) || node is not YamlScalarNode scalar)
        {
            return At(token);
        }

        switch (scalar.Style)
        {
            case ScalarStyle.SingleQuoted:
            case ScalarStyle.DoubleQuoted:
                return new SourceLocation(File, (int)scalar.Start.Line, (int)scalar.Start.Column + 1);
            case ScalarStyle.Literal:
            case ScalarStyle.Folded:
                // The indicator (| or >) sits on the key's line; the text starts on the next line with content.
                for (var line = (int)scalar.Start.Line + 1; line <= _lines.Length; line++)
                {
                    var text = _lines[line - 1];
                    if (text.Trim().Length > 0)
                    {
                        return new SourceLocation(File, line, text.Length - text.TrimStart().Length + 1);
                    }
                }

                return At(token);
            default:
                return At(token);
        }
    }

    /// <summary>How a value reads in an error: <c>'text'</c> for a string, bare for a number or true/false; cut short and escaped by <see cref="Echo"/>.</summary>
    public string Describe(JToken token)
    {
        _nodes.TryGetValue(token, out var node);
        return (token, node) switch
        {
            (_, YamlMappingNode) or (JObject, _) => "a mapping",
            (_, YamlSequenceNode) or (JArray, _) => "a list",
            ({ Type: JTokenType.Null }, _) => "empty",
            ({ Type: JTokenType.String }, YamlScalarNode s) => $"'{Echo.Of(s.Value)}'",
            (_, YamlScalarNode s) => Echo.Of(s.Value),
            _ => $"'{Echo.Of(token.ToString())}'",
        };
    }

    /// <summary>True when a value was written as a plain YAML scalar that reads as a number or true/false.</summary>
    public bool IsTypedPlainScalar(JToken token) =>
        token.Type is JTokenType.Integer or JTokenType.Float or JTokenType.Boolean
        && _nodes.TryGetValue(token, out var node) && node is YamlScalarNode { Style: ScalarStyle.Plain };

    /// <summary>The kinds a file can hold, by top-level key, and the noun an item of each is called by in errors.</summary>
    public static IReadOnlyDictionary<string, string> ItemNouns { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["areas"] = "area",
        ["peerGroups"] = "peer group",
        ["indicators"] = "indicator",
        ["owners"] = "owner",
        ["targets"] = "target",
        ["rules"] = "rule",
        ["tests"] = "test",
    };

    /// <summary>
    /// The list item (an area, a rule, ...) or the schedule a token belongs to, or null for a token
    /// outside any item, such as a top-level key.
    /// </summary>
    public JObject? ItemOf(JToken token)
    {
        for (JToken? t = token; t is not null; t = t.Parent)
        {
            if (t is JObject obj && (IsListItem(obj) || IsSchedule(obj)))
            {
                return obj;
            }
        }

        return null;
    }

    /// <summary>
    /// How errors name an item: <c>rule 'ytd-off-target'</c>, <c>target for 'x' in 'y'</c>,
    /// <c>schedule</c>, <c>partnership</c>, or <c>rule #3</c> without an id. Ids are echoed by <see cref="Echo"/>, as an
    /// item with a faulty id is named by it too.
    /// </summary>
    public string Label(JObject item)
    {
        if (IsSchedule(item))
        {
            return ((JProperty)item.Parent!).Name;
        }

        var list = (JArray)item.Parent!;
        var kind = ((JProperty)list.Parent!).Name;
        var noun = ItemNouns.GetValueOrDefault(kind, kind);
        if (kind == "targets")
        {
            return item["indicator"] is JValue { Type: JTokenType.String } indicator && item["area"] is JValue { Type: JTokenType.String } area
                ? $"target for '{Echo.Of((string?)indicator)}' in '{Echo.Of((string?)area)}'"
                : $"target #{list.IndexOf(item) + 1}";
        }

        return item["id"] is JValue { Type: JTokenType.String } id ? $"{noun} '{Echo.Of((string?)id)}'" : $"{noun} #{list.IndexOf(item) + 1}";
    }

    private bool IsListItem(JObject obj) =>
        obj.Parent is JArray { Parent: JProperty { Parent: var top } } && ReferenceEquals(top, Root);

    /// <summary>A kind that is one mapping rather than a list: the schedule or the partnership.</summary>
    private bool IsSchedule(JObject obj) =>
        obj.Parent is JProperty { Name: "schedule" or "partnership", Parent: var top } && ReferenceEquals(top, Root);

    private SourceLocation At(Mark mark) => new(File, (int)mark.Line, (int)mark.Column);
}

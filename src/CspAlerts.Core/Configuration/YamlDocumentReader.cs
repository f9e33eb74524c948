using System.Globalization;
using System.Text.RegularExpressions;
using CspAlerts.Diagnostics;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CspAlerts.Configuration;

/// <summary>
/// Reads one YAML file into a <see cref="ConfigDocument"/>: JSON for the schema, with the YAML
/// position of every token. Plain scalars that read as numbers or true/false become JSON numbers
/// and booleans (YAML 1.2 core schema); quoted scalars stay strings, so <c>when: "true"</c> is text.
/// Aliases are refused and nesting is limited while the YAML is parsed, before any node is built,
/// so that neither an alias that repeats a value without bound nor deep nesting can exhaust memory
/// or the stack.
/// </summary>
internal static partial class YamlDocumentReader
{
    private const string StringTag = "tag:yaml.org,2002:str";

    /// <summary>Reads a file, adding an error and returning null when it is not YAML that can become JSON.</summary>
    public static ConfigDocument? Read(string text, string file, List<ConfigError> errors, ConfigurationLimits? limits = null)
    {
        var lines = text.Split('\n');
        var stream = new YamlStream();
        var parser = new LimitedParser(new Parser(new StringReader(text)), (limits ?? ConfigurationLimits.Default).MaxDepth);
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            errors.Add(parser.Fault is { } fault ? new ConfigError(new SourceLocation(file, fault.Line, fault.Column), fault.Message) : Translate(e, file, lines));
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner gives up on some damaged text without a YamlException: still one error, where it stopped.
            var at = parser.Current?.Start;
            errors.Add(new ConfigError(
                new SourceLocation(file, at is { } p ? (int)p.Line : 1, at is { } q ? (int)q.Column : 1),
                $"invalid YAML near here: {Echo.Of(e.Message.TrimEnd('.'), 160)}"));
            return null;
        }

        var documents = stream.Documents.Where(d => !IsEmpty(d.RootNode)).ToList();
        if (documents.Count == 0)
        {
            errors.Add(new ConfigError(new SourceLocation(file, 1, 1), $"the file is empty; {ConfigurationLoader.KnownKinds}"));
            return null;
        }

        if (documents.Count > 1)
        {
            var second = documents[1].RootNode.Start;
            errors.Add(new ConfigError(
                new SourceLocation(file, (int)second.Line, (int)second.Column),
                "a file holds one YAML document, but a second one starts here"));
            return null;
        }

        var nodes = new Dictionary<JToken, YamlNode>(ReferenceEqualityComparer.Instance);
        var converter = new Converter(file, nodes, errors);
        var root = converter.Convert(documents[0].RootNode);
        return converter.Failed ? null : new ConfigDocument(file, root, nodes, lines);
    }

    private static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" } s && s.Tag.IsEmpty;

    private static ConfigError Translate(YamlException e, string file, string[] lines)
    {
        var line = (int)e.Start.Line;
        var column = (int)e.Start.Column;
        var what = e.Message.Trim().TrimEnd('.');

        if (what.StartsWith("Duplicate key ", StringComparison.Ordinal))
        {
            return new ConfigError(new SourceLocation(file, line, column), $"duplicate key '{Echo.Of(what["Duplicate key ".Length..])}'");
        }

        if (what.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            // YamlDotNet reports the start of the enclosing block; point at the tab itself.
            for (var i = Math.Max(line, 1); i <= lines.Length; i++)
            {
                var indent = lines[i - 1].Length - lines[i - 1].TrimStart(' ', '\t').Length;
                var tab = lines[i - 1].IndexOf('\t', StringComparison.Ordinal);
                if (tab >= 0 && tab < indent)
                {
                    return new ConfigError(new SourceLocation(file, i, tab + 1), "invalid YAML: a tab cannot indent YAML; use spaces");
                }
            }
        }

        if (what.Contains("quoted scalar", StringComparison.Ordinal))
        {
            return new ConfigError(
                new SourceLocation(file, Math.Max(line, 1), Math.Max(column, 1)),
                "invalid YAML: the quoted text that starts here is not closed, or a line of it is not indented");
        }

        if (UnquotedBrace(lines, line) is { } brace)
        {
            return new ConfigError(
                new SourceLocation(file, brace, lines[brace - 1].IndexOf('{', StringComparison.Ordinal) + 1),
                "invalid YAML: a value that starts with '{' is read as a mapping; quote it, e.g. message: \"{indicatorName} is ...\"");
        }

        if (what.Length > 0)
        {
            // YamlDotNet's own words, which may quote the text at fault: kept short and on one line.
            what = Echo.Of(char.ToLowerInvariant(what[0]) + what[1..], 2 * Echo.DefaultMax);
        }

        return new ConfigError(new SourceLocation(file, Math.Max(line, 1), Math.Max(column, 1)), $"invalid YAML: {what}");
    }

    /// <summary>The line, at or just before the error, whose value is an unquoted text starting with '{' (<c>message: {indicatorName} is up</c>), or null.</summary>
    private static int? UnquotedBrace(string[] lines, int line)
    {
        for (var i = Math.Min(line, lines.Length); i >= Math.Max(1, line - 2); i--)
        {
            if (BraceValue().IsMatch(lines[i - 1]))
            {
                return i;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*(-\s+)?[A-Za-z]+:\s+\{[^}]*\}\s*[^\s#,}]", RegexOptions.CultureInvariant)]
    private static partial Regex BraceValue();

    [GeneratedRegex(@"\A[-+]?[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"\A[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    /// <summary>The JSON for a scalar: typed when plain and untagged (or tagged as such), else a string.</summary>
    private static JValue Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag == StringTag || (tag is null && scalar.Style != ScalarStyle.Plain))
        {
            return new JValue(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return JValue.CreateNull();
            case "true" or "True" or "TRUE":
                return new JValue(true);
            case "false" or "False" or "FALSE":
                return new JValue(false);
        }

        if (IntegerPattern().IsMatch(text))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return new JValue(integer);
            }

            // A whole number past Int64 stays whole, at the end of the range past every limit, so that
            // the error says it is too large (or small), not that it is not whole. Errors quote the
            // YAML text, never this value; and, as no limit allows it, no reader converts it.
            return text.StartsWith('-') ? new JValue(long.MinValue) : new JValue(ulong.MaxValue);
        }

        if (FloatPattern().IsMatch(text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number))
        {
            return new JValue(number);
        }

        return new JValue(text);
    }

    private sealed class Converter(string file, Dictionary<JToken, YamlNode> nodes, List<ConfigError> errors)
    {
        public bool Failed { get; private set; }

        /// <summary>The JSON for a node; its nesting is bounded, as <see cref="LimitedParser"/> refused deeper YAML.</summary>
        public JToken Convert(YamlNode node)
        {
            switch (node)
            {
                case YamlMappingNode mapping:
                    var obj = new JObject();
                    foreach (var (keyNode, valueNode) in mapping.Children)
                    {
                        if (keyNode is not YamlScalarNode { Value: { } key })
                        {
                            Fail(keyNode, "a key must be plain text, not a list or mapping");
                            continue;
                        }

                        if (obj.ContainsKey(key))
                        {
                            Fail(keyNode, $"duplicate key '{Echo.Of(key)}'");
                            continue;
                        }

                        var property = new JProperty(key, Convert(valueNode));
                        obj.Add(property);
                        Remember(property, keyNode);
                    }

                    return Remember(obj, node);
                case YamlSequenceNode sequence:
                    var array = new JArray();
                    foreach (var item in sequence.Children)
                    {
                        array.Add(Convert(item));
                    }

                    return Remember(array, node);
                case YamlScalarNode scalar:
                    return Remember(Scalar(scalar), node);
                default:
                    Fail(node, "this YAML node is not supported");
                    return Remember(JValue.CreateNull(), node);
            }
        }

        private JToken Remember(JToken token, YamlNode node)
        {
            // Every token here is new and parentless, so JArray.Add and new JProperty store it as it is, not a copy.
            nodes[token] = node;
            return token;
        }

        private void Fail(YamlNode node, string message)
        {
            Failed = true;
            errors.Add(new ConfigError(new SourceLocation(file, (int)node.Start.Line, (int)node.Start.Column), message));
        }
    }
}

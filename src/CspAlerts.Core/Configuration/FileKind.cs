using System.Text.RegularExpressions;
using CspAlerts.Diagnostics;
using Newtonsoft.Json.Linq;

namespace CspAlerts.Configuration;

/// <summary>
/// Says which kind of configuration a file holds, from its top-level key; and, for a file that cannot
/// be read, which kinds it may have held, so that only checks against those kinds are held back.
/// </summary>
internal static partial class FileKind
{
    private const string IgnoredLabels = "ignoredLabels";

    /// <summary>
    /// The kind a file holds, from its top-level keys; or null, with an error added, when that is not
    /// clear. Then <paramref name="mayHold"/> is the kinds the file may have held: those it names, or
    /// every kind when it names none it could have meant.
    /// </summary>
    public static string? Recognise(ConfigDocument document, List<ConfigError> errors, out IReadOnlyCollection<string> mayHold)
    {
        mayHold = ConfigurationLoader.Kinds;
        if (document.Root is not JObject root)
        {
            errors.Add(new ConfigError(
                document.At(document.Root),
                $"the top level must be a mapping, not {document.Describe(document.Root)}; {ConfigurationLoader.KnownKinds}"));
            return null;
        }

        var properties = root.Properties().ToList();
        var kinds = properties.Where(p => IsKind(p.Name)).ToList();
        var before = errors.Count;
        if (kinds.Count == 0)
        {
            var labels = properties.FirstOrDefault(p => p.Name == IgnoredLabels);
            var others = properties.Where(p => p.Name != IgnoredLabels).ToList();
            if (others.Count > 0)
            {
                errors.Add(new ConfigError(
                    document.At(others[0]),
                    $"no known top-level key: found {Listed(others)}; {ConfigurationLoader.KnownKinds}"));
            }
            else
            {
                // Only ignored labels, which nothing refers to.
                mayHold = [];
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

        foreach (var property in properties.Where(p => !IsKind(p.Name)))
        {
            if (property.Name != IgnoredLabels)
            {
                errors.Add(new ConfigError(document.At(property), $"unknown top-level key '{Echo.Of(property.Name)}'{DidYouMean.Hint(property.Name, ConfigurationLoader.Kinds.Append(IgnoredLabels))}; {ConfigurationLoader.KnownKinds}"));
            }
            else if (kind != "areas")
            {
                errors.Add(new ConfigError(document.At(property), $"'{IgnoredLabels}' belongs in the file that holds 'areas'"));
            }
        }

        mayHold = kinds.Select(p => p.Name).ToList();
        return errors.Count == before ? kind : null;
    }

    /// <summary>
    /// The kinds a file that is not YAML may have held: the kinds whose key starts a line of it, as a
    /// top-level key does; every kind when none does (an empty file may be one emptied by mistake).
    /// </summary>
    public static IReadOnlyCollection<string> Guess(string text)
    {
        var named = TopLevelKey().Matches(text).Select(m => m.Groups["key"].Value).Where(IsKind).Distinct(StringComparer.Ordinal).ToList();
        return named.Count > 0 ? named : ConfigurationLoader.Kinds;
    }

    /// <summary>The keys, echoed, as a list: <c>'a', 'b'</c>; past five, the first five and how many more.</summary>
    private static string Listed(List<JProperty> keys)
    {
        const int Shown = 5;
        var listed = string.Join(", ", keys.Take(Shown).Select(p => $"'{Echo.Of(p.Name)}'"));
        return keys.Count > Shown ? $"{listed} and {keys.Count - Shown} more" : listed;
    }

    private static bool IsKind(string key) => ConfigurationLoader.Kinds.Contains(key, StringComparer.Ordinal);

    [GeneratedRegex(@"^(?<key>[A-Za-z]+)[ \t]*:", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex TopLevelKey();
}

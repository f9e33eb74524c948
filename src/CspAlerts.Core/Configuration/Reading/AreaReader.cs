using System.Globalization;
using CspAlerts.Diagnostics;
using CspAlerts.Model;
using Newtonsoft.Json.Linq;

namespace CspAlerts.Configuration.Reading;

/// <summary>
/// Reads <c>areas</c> and the <c>ignoredLabels</c> beside them: codes, aliases and populations, what
/// an aggregate sums, and that no label names two areas or is both an area's and ignored.
/// </summary>
internal sealed class AreaReader(ReadContext context)
{
    private List<ConfigItem> _items = [];

    /// <summary>Reads every area with an id of its own into the context.</summary>
    public void Read()
    {
        _items = context.Unique("areas");
        foreach (var item in _items)
        {
            context.Areas.Add(item.Id, ReadArea(item));
        }
    }

    /// <summary>Checks the peer group each aggregate sums; call once the peer groups are read.</summary>
    public void CheckSums()
    {
        foreach (var item in _items)
        {
            if (item.OptionalString("sumOf") is not { } groupId)
            {
                continue;
            }

            if (!context.PeerGroups.TryGet(groupId, out var group))
            {
                // A group the schema left out is defined, only faulty; one in a file not read may be defined.
                if (!context.PeerGroups.MayHold(groupId))
                {
                    context.Error(item.ValueAt("sumOf"), $"area '{Echo.Of(item.Id)}' sums unknown peer group '{Echo.Of(groupId)}'{DidYouMean.Hint(groupId, context.PeerGroups.All.Select(g => g.Id))}");
                }
            }
            else if (group.IsPerArea)
            {
                context.Error(item.ValueAt("sumOf"), $"area '{Echo.Of(item.Id)}' sums peer group '{Echo.Of(groupId)}', which has no 'members' list to sum");
            }
            else if (group.Members.Contains(item.Id, StringComparer.Ordinal))
            {
                context.Error(item.ValueAt("sumOf"), $"area '{Echo.Of(item.Id)}' sums peer group '{Echo.Of(groupId)}', which lists '{Echo.Of(item.Id)}' itself");
            }
        }
    }

    /// <summary>Checks that no two areas answer to one label, then reads the ignored labels, none of which may name an area.</summary>
    public List<string> ReadIgnoredLabels()
    {
        var areaLabels = CheckAreaLabels();
        var labels = new List<string>();
        foreach (var file in context.FilesOf("areas"))
        {
            foreach (var token in file.ValidEntries("ignoredLabels"))
            {
                var label = (string)token!;
                if (areaLabels.TryGetValue(AreaNameDirectory.Key(label), out var area))
                {
                    context.Error(file.Document.At(token), $"ignored label '{Echo.Of(label)}' names area '{Echo.Of(area)}'");
                }

                labels.Add(label);
            }
        }

        return labels;
    }

    private static Area ReadArea(ConfigItem item)
    {
        var population = new Dictionary<int, long>();
        if (item.Obj["population"] is JObject years)
        {
            foreach (var year in years.Properties())
            {
                population.Add(int.Parse(year.Name, NumberStyles.None, CultureInfo.InvariantCulture), (long)year.Value);
            }
        }

        return new Area(
            item.Id,
            item.String("name"),
            item.OptionalString("onsCode"),
            item.Strings("aliases"),
            population,
            item.OptionalString("sumOf"),
            item.Location)
        {
            Force = item.OptionalString("force"),
        };
    }

    /// <summary>
    /// Two areas must not answer to the same label, or a source row could go to either. Returns the
    /// area each label key names.
    /// </summary>
    private Dictionary<string, string> CheckAreaLabels()
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in _items)
        {
            var labels = new List<JToken> { item.Obj["id"]!, item.Obj["name"]! };
            labels.AddRange(item.Obj["aliases"] as JArray ?? []);
            if (item.Obj["onsCode"] is { } ons)
            {
                labels.Add(ons);
            }

            foreach (var label in labels)
            {
                var key = AreaNameDirectory.Key((string)label!);
                if (named.TryGetValue(key, out var other) && other != item.Id)
                {
                    context.Error(item.At(label), $"area '{Echo.Of(item.Id)}' has label '{Echo.Of((string?)label)}', which already names area '{Echo.Of(other)}'");
                }

                named.TryAdd(key, item.Id);
            }
        }

        return named;
    }
}

using CspAlerts.Diagnostics;
using CspAlerts.Model;
using Newtonsoft.Json.Linq;

namespace CspAlerts.Configuration.Reading;

/// <summary>
/// Reads <c>peerGroups</c>: one member list or a list per area, of known areas, each listed once; and
/// ids that give each group measure names of its own in rules (<c>msg</c>: <c>msgRank</c>).
/// </summary>
internal sealed class PeerGroupReader(ReadContext context)
{
    /// <summary>Reads every peer group with an id of its own into the context; call once the areas are read.</summary>
    public void Read()
    {
        foreach (var item in context.Unique("peerGroups"))
        {
            if (!PeerGroupNames.IsValidId(item.Id))
            {
                context.Error(
                    item.ValueAt("id"),
                    $"peer group '{Echo.Of(item.Id)}': the id must start with a letter, as rule conditions name the group's measures after it, such as {Echo.Of(CamelCase(item.Id) + "Rank")}");
            }

            var group = ReadPeerGroup(item);
            if (group.IsForce && context.PeerGroups.All.FirstOrDefault(g => g.IsForce) is { } earlier)
            {
                context.Error(item.ValueAt("force"), $"peer group '{Echo.Of(item.Id)}' is marked force, as peer group '{Echo.Of(earlier.Id)}' already is; only one group can be the police force area");
            }

            context.PeerGroups.Add(item.Id, group);
        }

        CheckMeasureNames();
    }

    /// <summary>
    /// Two groups must not name their measures alike, as <c>msg-2</c> and <c>msg2</c> would (both
    /// <c>msg2Rank</c>). Groups the schema left out count too, as they do for duplicate ids.
    /// </summary>
    private void CheckMeasureNames()
    {
        var first = new Dictionary<string, ConfigItem>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, _) in context.WithIds("peerGroups"))
        {
            // A repeated id is a duplicate, reported as such; an id that cannot name measures is reported above or by the schema.
            if (!ids.Add(item.Id) || !PeerGroupNames.IsValidId(item.Id))
            {
                continue;
            }

            var prefix = PeerGroupNames.MeasurePrefix(item.Id);
            if (first.TryGetValue(prefix, out var earlier))
            {
                context.Error(
                    item.ValueAt("id"),
                    $"peer group '{Echo.Of(item.Id)}' would have the same measure names as peer group '{Echo.Of(earlier.Id)}' ({earlier.ValueAt("id")}), such as {Echo.Of(prefix + "Rank")}; give one of them another id");
                continue;
            }

            first.Add(prefix, item);
        }
    }

    /// <summary>An id in camel case, as a measure name would begin, whether or not it can.</summary>
    private static string CamelCase(string id)
    {
        var parts = id.Split('-', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(parts.Select((p, i) => i == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private PeerGroup ReadPeerGroup(ConfigItem item)
    {
        var members = new List<string>();
        if (item.Obj["members"] is JArray list)
        {
            members = ReadAreaList(item, list);
        }

        var perArea = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (item.Obj["perArea"] is JObject groups)
        {
            foreach (var group in groups.Properties())
            {
                if (!context.Areas.MayHold(group.Name))
                {
                    context.Error(item.At(group), $"peer group '{Echo.Of(item.Id)}' has peers for unknown area '{Echo.Of(group.Name)}'{DidYouMean.Hint(group.Name, context.Areas.All.Select(a => a.Id))}");
                }

                var peers = ReadAreaList(item, (JArray)group.Value);
                if (!peers.Contains(group.Name, StringComparer.Ordinal))
                {
                    context.Error(item.At(group), $"peer group '{Echo.Of(item.Id)}': the peers of '{Echo.Of(group.Name)}' must include '{Echo.Of(group.Name)}' itself");
                }

                perArea.Add(group.Name, peers);
            }
        }

        return new PeerGroup(item.Id, item.String("name"), members, perArea, item.Location) { IsForce = item.Obj["force"]?.Value<bool>() == true };
    }

    private List<string> ReadAreaList(ConfigItem item, JArray list)
    {
        var ids = new List<string>();
        foreach (var token in list)
        {
            var id = (string)token!;
            if (!context.Areas.MayHold(id))
            {
                context.Error(item.At(token), $"peer group '{Echo.Of(item.Id)}' lists unknown area '{Echo.Of(id)}'{DidYouMean.Hint(id, context.Areas.All.Select(a => a.Id))}");
            }
            else if (ids.Contains(id, StringComparer.Ordinal))
            {
                context.Error(item.At(token), $"peer group '{Echo.Of(item.Id)}' lists area '{Echo.Of(id)}' twice");
            }

            ids.Add(id);
        }

        return ids;
    }
}

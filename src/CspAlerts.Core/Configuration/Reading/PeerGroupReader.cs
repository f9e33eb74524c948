using CspAlerts.Model;
using Newtonsoft.Json.Linq;

namespace CspAlerts.Configuration.Reading;

/// <summary>Reads <c>peerGroups</c>: one member list or a list per area, of known areas, each listed once.</summary>
internal sealed class PeerGroupReader(ReadContext context)
{
    /// <summary>Reads every peer group with an id of its own into the context; call once the areas are read.</summary>
    public void Read()
    {
        foreach (var item in context.Unique("peerGroups"))
        {
            context.PeerGroups.Add(item.Id, ReadPeerGroup(item));
        }
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
                    context.Error(item.At(group), $"peer group '{item.Id}' has peers for unknown area '{group.Name}'");
                }

                var peers = ReadAreaList(item, (JArray)group.Value);
                if (!peers.Contains(group.Name, StringComparer.Ordinal))
                {
                    context.Error(item.At(group), $"peer group '{item.Id}': the peers of '{group.Name}' must include '{group.Name}' itself");
                }

                perArea.Add(group.Name, peers);
            }
        }

        return new PeerGroup(item.Id, item.String("name"), members, perArea, item.Location);
    }

    private List<string> ReadAreaList(ConfigItem item, JArray list)
    {
        var ids = new List<string>();
        foreach (var token in list)
        {
            var id = (string)token!;
            if (!context.Areas.MayHold(id))
            {
                context.Error(item.At(token), $"peer group '{item.Id}' lists unknown area '{id}'");
            }
            else if (ids.Contains(id, StringComparer.Ordinal))
            {
                context.Error(item.At(token), $"peer group '{item.Id}' lists area '{id}' twice");
            }

            ids.Add(id);
        }

        return ids;
    }
}

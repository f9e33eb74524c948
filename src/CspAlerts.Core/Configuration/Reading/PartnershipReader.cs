using CspAlerts.Diagnostics;
using CspAlerts.Model;
using Newtonsoft.Json.Linq;

namespace CspAlerts.Configuration.Reading;

/// <summary>Reads the one <c>partnership</c>: its name, its own areas and its default lead.</summary>
internal sealed class PartnershipReader(ReadContext context)
{
    public Partnership? Read()
    {
        var files = context.FilesOf("partnership").ToList();
        if (files.Count == 0)
        {
            return null;
        }

        var first = files[0].Document;
        var root = (JObject)first.Root;
        foreach (var other in files.Skip(1))
        {
            context.Error(
                other.Document.KeyAt((JObject)other.Document.Root, "partnership"),
                $"duplicate partnership (first defined at {first.KeyAt(root, "partnership")})");
        }

        if (files[0].Section("partnership") is not JObject section)
        {
            return null;
        }

        var areas = new List<string>();
        if (section["areas"] is JArray list)
        {
            foreach (var entry in list)
            {
                var id = (string)entry!;
                if (context.Areas.TryGet(id, out var area))
                {
                    if (area.IsAggregate)
                    {
                        context.Error(first.At(entry), $"partnership area '{Echo.Of(id)}' is an aggregate of other areas; name the partnership's own areas");
                    }
                    else if (areas.Contains(id, StringComparer.Ordinal))
                    {
                        context.Error(first.At(entry), $"partnership area '{Echo.Of(id)}' is listed twice");
                    }
                }
                else if (!context.Areas.MayHold(id))
                {
                    context.Error(first.At(entry), $"partnership names unknown area '{Echo.Of(id)}'; use an id from the areas file");
                }

                areas.Add(id);
            }
        }

        var defaultLead = (string?)section["defaultLead"];
        if (defaultLead is not null)
        {
            if (context.Owners.TryGet(defaultLead, out var owner) && owner.Role != OwnerRole.Lead)
            {
                context.Error(first.ValueAt(section, "defaultLead"), $"the partnership's defaultLead '{Echo.Of(defaultLead)}' has role chair, not lead");
            }
            else if (!context.Owners.MayHold(defaultLead))
            {
                context.Error(first.ValueAt(section, "defaultLead"), $"the partnership's defaultLead '{Echo.Of(defaultLead)}' is not an owner; the leads are {string.Join(", ", context.Owners.All.Where(o => o.Role == OwnerRole.Lead).Select(o => o.Id))}");
            }
        }

        return new Partnership((string?)section["name"] ?? string.Empty, areas, defaultLead, first.KeyAt(root, "partnership"));
    }
}

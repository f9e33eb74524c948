using CspAlerts.Diagnostics;
using CspAlerts.Model;
using Newtonsoft.Json.Linq;

namespace CspAlerts.Configuration.Reading;

/// <summary>
/// Reads <c>indicators</c>, the catalogue: each one's lead (given, found by its group, or else the
/// partnership's default lead, with a warning) and its sources.
/// </summary>
internal sealed class IndicatorReader(ReadContext context, string? defaultLead)
{
    /// <summary>Reads every indicator with an id of its own into the context; call once the owners are read.</summary>
    public void Read()
    {
        foreach (var item in context.Unique("indicators"))
        {
            var group = item.String("group");
            context.Indicators.Add(item.Id, new Indicator(
                item.Id,
                item.String("name"),
                group,
                item.Strings("strategies"),
                Spellings.ParsePolarity(item.String("polarity")),
                Spellings.ParseUnit(item.String("unit")),
                ReadLead(item, group),
                item.Strings("tags"),
                ReadSources(item, item.Obj["sources"] as JObject),
                item.Location));
        }
    }

    /// <summary>
    /// The indicator's lead: its own <c>lead</c>, or else the one lead whose <c>groups</c> holds its
    /// group. That no lead answers is only said when every owner was read.
    /// </summary>
    private string ReadLead(ConfigItem item, string group)
    {
        var owners = context.Owners;
        if (item.OptionalString("lead") is { } lead)
        {
            if (owners.TryGet(lead, out var owner) && owner.Role != OwnerRole.Lead)
            {
                context.Error(item.ValueAt("lead"), $"indicator '{Echo.Of(item.Id)}' has lead '{Echo.Of(lead)}', whose role is chair, not lead");
            }
            else if (!owners.MayHold(lead))
            {
                context.Error(item.ValueAt("lead"), $"indicator '{Echo.Of(item.Id)}' has unknown lead '{Echo.Of(lead)}'{DidYouMean.Hint(lead, context.Owners.All.Select(o => o.Id))}");
            }

            return lead;
        }

        var candidates = owners.All.Where(o => o.Role == OwnerRole.Lead && o.Groups.Contains(group, StringComparer.Ordinal)).ToList();
        switch (candidates.Count)
        {
            case 1:
                return candidates[0].Id;
            case 0:
                if (defaultLead is not null)
                {
                    context.Warn(
                        item.Location,
                        $"indicator '{Echo.Of(item.Id)}' has no lead, and no lead answers for group '{Echo.Of(group)}'; its items go to the partnership's default lead '{Echo.Of(defaultLead)}'");
                    return defaultLead;
                }

                if (owners.IsWhole)
                {
                    context.Error(
                        item.Location,
                        $"indicator '{Echo.Of(item.Id)}' has no lead, and no lead answers for group '{Echo.Of(group)}'; give it a 'lead', or name a 'defaultLead' in the partnership file");
                }

                return string.Empty;
            default:
                var names = string.Join(" and ", candidates.Select(o => $"'{Echo.Of(o.Id)}'"));
                context.Error(item.Location, $"indicator '{Echo.Of(item.Id)}' has no lead, and leads {names} all answer for group '{Echo.Of(group)}'; give it a 'lead'");
                return string.Empty;
        }
    }

    private IndicatorSources ReadSources(ConfigItem item, JObject? sources)
    {
        if (sources is null)
        {
            return IndicatorSources.None;
        }

        var mps = sources["mps"] as JObject;
        var policeUk = new List<string>();
        foreach (var token in sources["policeUk"] as JArray ?? [])
        {
            var type = (string)token!;
            if (PoliceUkCrimeTypes.Find(type) is { } known)
            {
                policeUk.Add(known);
            }
            else
            {
                context.Error(item.At(token), $"indicator '{Echo.Of(item.Id)}' has unknown police.uk crime type '{Echo.Of(type)}': expected one of {string.Join(", ", PoliceUkCrimeTypes.All)}");
            }
        }

        return new IndicatorSources(
            ReadCategories(mps?["old"]),
            ReadCategories(mps?["new"]),
            sources["lfb"] is JArray lfb ? ConfigItem.Texts(lfb) : [])
        {
            PoliceUk = policeUk,
        };

        static List<MpsCategory> ReadCategories(JToken? list) => list is JArray categories
            ? categories.Cast<JObject>()
                .Select(c => new MpsCategory((string)c["major"]!, c["minor"] is JArray minors ? ConfigItem.Texts(minors) : null))
                .ToList()
            : [];
    }
}

using System.Globalization;
using CspAlerts.Diagnostics;
using CspAlerts.Model;
using Newtonsoft.Json.Linq;

namespace CspAlerts.Configuration.Reading;

/// <summary>Reads <c>targets</c>: of known indicators and areas, one per financial year, with profiles that never fall.</summary>
internal sealed class TargetReader(ReadContext context)
{
    /// <summary>Reads every target; call once the indicators and areas are read.</summary>
    public List<Target> Read()
    {
        var targets = new List<Target>();
        var first = new Dictionary<(string, string, int), SourceLocation>();
        foreach (var item in context.ItemsOf("targets"))
        {
            var label = item.Label;
            var indicator = item.String("indicator");
            var area = item.String("area");
            if (!context.Indicators.MayHold(indicator))
            {
                context.Error(item.ValueAt("indicator"), $"target for unknown indicator '{Echo.Of(indicator)}'{DidYouMean.Hint(indicator, context.Indicators.All.Select(i => i.Id))}");
            }

            if (!context.Areas.MayHold(area))
            {
                context.Error(item.ValueAt("area"), $"target for unknown area '{Echo.Of(area)}'{DidYouMean.Hint(area, context.Areas.All.Select(a => a.Id))}");
            }

            var yearText = item.String("year");
            var year = int.Parse(yearText.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture);
            var next = int.Parse(yearText.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            if (next != (year + 1) % 100)
            {
                context.Error(item.ValueAt("year"), $"{label}: year '{Echo.Of(yearText)}' must be two consecutive years, such as 2016/17");
            }
            else if (first.TryGetValue((indicator, area, year), out var earlier))
            {
                context.Error(item.ValueAt("year"), $"duplicate {label} in {yearText} (first defined at {earlier})");
            }
            else
            {
                first.Add((indicator, area, year), item.ValueAt("year"));
            }

            var annual = item.Obj["annual"] is { } value ? (double?)(double)value : null;
            targets.Add(new Target(indicator, area, year, annual, ReadProfile(item, label), item.At(item.Obj)));
        }

        return targets;
    }

    private List<double>? ReadProfile(ConfigItem item, string label)
    {
        if (item.Obj["profile"] is not JArray entries)
        {
            return null;
        }

        var profile = entries.Select(e => (double)e).ToList();
        for (var i = 1; i < profile.Count; i++)
        {
            if (profile[i] < profile[i - 1])
            {
                context.Error(
                    item.At(entries[i]),
                    $"{label}: the profile falls from {item.Doc.Describe(entries[i - 1])} to {item.Doc.Describe(entries[i])}; a cumulative profile never falls");
                break;
            }
        }

        return profile;
    }
}

using CspAlerts.Diagnostics;
using CspAlerts.Model;
using Newtonsoft.Json.Linq;

namespace CspAlerts.Configuration.Reading;

/// <summary>
/// Reads <c>rules</c>: RAG or monitor, and what each applies to, by known indicators and tags. The
/// condition and message are compiled later, by the rules layer.
/// </summary>
internal sealed class RuleReader(ReadContext context)
{
    /// <summary>Reads every valid rule with an id of its own; call once the indicators are read.</summary>
    public List<RuleDefinition> Read() => context.Unique("rules").Select(ReadRule).ToList();

    private RuleDefinition ReadRule(ConfigItem item)
    {
        var label = $"rule '{Echo.Of(item.Id)}'";
        var rag = item.OptionalString("rag") is { } text ? Spellings.ParseRag(text) : (Rag?)null;
        var monitor = item.Obj["monitor"] is { } m && (bool)m;
        if (rag is not null && monitor)
        {
            var later = item.Obj.Properties().Last(p => p.Name is "rag" or "monitor");
            context.Error(item.At(later), $"{label}: give 'rag' or 'monitor: true', not both");
        }
        else if (rag is null && !monitor)
        {
            context.Error(item.At(item.Obj), $"missing required key 'rag' or 'monitor: true' in {label}");
        }

        var selector = ReadSelector(item, label, ragRule: rag is not null && !monitor);
        return new RuleDefinition(
            item.Id,
            item.String("description"),
            selector,
            item.String("when"),
            monitor ? null : rag,
            monitor,
            item.Obj["escalate"] is { } escalate && (bool)escalate,
            item.String("message"),
            item.Obj["for"] is { } periods ? (int)periods : 1,
            item.Location,
            item.Doc.TextAt(item.Obj["when"]!))
        {
            MessageLocation = item.Doc.TextAt(item.Obj["message"]!),
        };
    }

    private RuleSelector ReadSelector(ConfigItem item, string label, bool ragRule)
    {
        if (item.Obj["appliesTo"] is not JObject appliesTo)
        {
            return RuleSelector.Default;
        }

        var indicators = appliesTo["indicators"] as JArray ?? [];
        var polarities = appliesTo["polarity"] as JArray ?? [];
        var tags = appliesTo["tags"] as JArray ?? [];
        var catalogue = context.Indicators;
        foreach (var token in indicators.Where(t => !catalogue.MayHold((string)t!)))
        {
            context.Error(item.At(token), $"{label}: appliesTo names unknown indicator '{Echo.Of((string?)token)}'{DidYouMean.Hint((string)token!, catalogue.All.Select(i => i.Id))}");
        }

        foreach (var token in tags.Where(t => catalogue.IsComplete && !AnyIndicatorHas((string)t!)))
        {
            context.Error(item.At(token), $"{label}: appliesTo names tag '{Echo.Of((string?)token)}', which no indicator has");
        }

        // A RAG rule may not name monitor indicators: they are never RAG rated.
        var monitorChoice = polarities.FirstOrDefault(t => (string)t! == "monitor")
            ?? indicators.FirstOrDefault(t => catalogue.TryGet((string)t!, out var i) && i.IsMonitor);
        if (ragRule && monitorChoice is not null)
        {
            context.Error(
                item.At(monitorChoice),
                $"{label}: a RAG rule cannot apply to monitor indicators, which are never RAG rated; use 'monitor: true'");
        }

        return new RuleSelector(
            ConfigItem.Texts(indicators),
            ConfigItem.Texts(appliesTo["groups"] as JArray ?? []),
            polarities.Select(t => Spellings.ParsePolarity((string)t!)).ToList(),
            ConfigItem.Texts(tags));
    }

    /// <summary>True when an indicator read, or one the schema left out, has the tag.</summary>
    private bool AnyIndicatorHas(string tag) =>
        context.Indicators.All.Any(i => i.Tags.Contains(tag, StringComparer.Ordinal))
        || context.Indicators.Skipped.Any(o => o["tags"] is JArray tags && tags.Any(t => t is JValue { Type: JTokenType.String } && (string)t! == tag));
}

using System.Text.Json;
using CspAlerts.Evaluation;
using CspAlerts.Model;

namespace CspAlerts.Output;

/// <summary>
/// Writes the JSON contract: numbers as JSON numbers, unknown measures as null. The facts object is
/// laid out by the measure catalogue: scalar measures, then <c>peers</c> by group, then <c>spc</c>.
/// </summary>
public static class JsonReport
{
    // Relaxed escaping keeps "+2.1%" and "London's" readable; the output is JSON on stdout, never HTML.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// <c>{"period", "warnings", "exceptions": [ … ], "items": [ … ]}</c>, as <c>evaluate --format json</c>
    /// prints it. <c>exceptions</c> has one entry per rule that fired; <c>items</c> one per indicator × area.
    /// </summary>
    public static void WriteExceptions(Stream output, EvaluationResult result, MeasureCatalogue measures)
    {
        ArgumentNullException.ThrowIfNull(result);
        WriteExceptions(output, result.Period, result.Warnings, result.Exceptions, result.Items, measures);
    }

    public static void WriteExceptions(
        Stream output, Period period, IReadOnlyList<RunWarning> warnings, IReadOnlyList<RuleFiring> exceptions, IReadOnlyList<Item> items, MeasureCatalogue measures)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        ArgumentNullException.ThrowIfNull(exceptions);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(measures);
        using var w = new Utf8JsonWriter(output, Options);
        w.WriteStartObject();
        w.WriteString("period", period.ToString());
        WriteWarnings(w, warnings);
        w.WriteStartArray("exceptions");
        foreach (var item in exceptions)
        {
            w.WriteStartObject();
            w.WriteString("rule", item.Rule);
            w.WriteString("indicator", item.Indicator);
            w.WriteString("area", item.Area);
            w.WriteString("period", item.Period.ToString());
            Rag(w, item.Rag);
            w.WriteBoolean("monitor", item.Monitor);
            w.WriteBoolean("escalate", item.Escalate);
            w.WriteString("message", item.Message);
            if (item.Clears is { } clears)
            {
                w.WriteString("clears", clears);
            }

            w.WritePropertyName("facts");
            WriteFactBody(w, item.Facts, measures, includeIndicator: false);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("items");
        foreach (var item in items)
        {
            w.WriteStartObject();
            w.WriteString("indicator", item.Indicator.Id);
            w.WriteString("indicatorName", item.Indicator.Name);
            w.WriteString("area", item.Area.Id);
            w.WriteString("areaName", item.Area.Name);
            w.WriteString("period", item.Period.ToString());
            w.WriteString("lead", item.Indicator.Lead);
            Rag(w, item.Rag);
            w.WriteBoolean("monitor", item.Monitor);
            w.WriteBoolean("escalate", item.Escalate);
            w.WriteStartArray("rules");
            foreach (var rule in item.Rules)
            {
                w.WriteStringValue(rule.Rule);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary><c>{"period", "area", "warnings", "facts": [ {"indicator": …, …} ]}</c>, as <c>measures</c> prints it.</summary>
    public static void WriteMeasures(Stream output, Period period, string area, IEnumerable<Fact> facts, MeasureCatalogue measures, IReadOnlyList<RunWarning>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(measures);
        using var w = new Utf8JsonWriter(output, Options);
        w.WriteStartObject();
        w.WriteString("period", period.ToString());
        w.WriteString("area", area);
        WriteWarnings(w, warnings ?? []);
        w.WriteStartArray("facts");
        foreach (var fact in facts)
        {
            WriteFactBody(w, fact, measures, includeIndicator: true);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// <c>{"period", "alerts": [ {"rule", "indicator", "indicatorName", "area", "areaName", "status", "rag", "monitor", "escalate", "since", "lastPeriod", "message", "clears"} ]}</c>,
    /// as <c>alerts --format json</c> prints it.
    /// </summary>
    public static void WriteAlerts(Stream output, Period? period, IEnumerable<Alerts.Alert> alerts, CspConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(config);
        using var w = new Utf8JsonWriter(output, Options);
        w.WriteStartObject();
        if (period is { } p)
        {
            w.WriteString("period", p.ToString());
        }
        else
        {
            w.WriteNull("period");
        }

        w.WriteStartArray("alerts");
        foreach (var alert in alerts)
        {
            w.WriteStartObject();
            w.WriteString("rule", alert.Key.Rule);
            w.WriteString("indicator", alert.Key.Indicator);
            w.WriteString("indicatorName", config.FindIndicator(alert.Key.Indicator)?.Name ?? alert.Key.Indicator);
            w.WriteString("area", alert.Key.Area);
            w.WriteString("areaName", config.FindArea(alert.Key.Area)?.Name ?? alert.Key.Area);
            w.WriteString("status", alert.Status.ToString().ToLowerInvariant());
            Rag(w, alert.Monitor ? null : alert.Rag);
            w.WriteBoolean("monitor", alert.Monitor);
            w.WriteBoolean("escalate", alert.Escalate);
            w.WriteString("since", alert.Since.ToString());
            w.WriteString("lastPeriod", alert.LastPeriod.ToString());
            w.WriteString("message", alert.Message);
            if (alert.Clears is { } clears)
            {
                w.WriteString("clears", clears);
            }
            else
            {
                w.WriteNull("clears");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteWarnings(Utf8JsonWriter w, IReadOnlyList<RunWarning> warnings)
    {
        w.WriteStartArray("warnings");
        foreach (var warning in warnings)
        {
            w.WriteStartObject();
            w.WriteString("kind", warning.Kind);
            w.WriteString("message", warning.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Rag(Utf8JsonWriter w, Rag? rag)
    {
        if (rag is { } r)
        {
            w.WriteString("rag", Names.Of(r));
        }
        else
        {
            w.WriteNull("rag");
        }
    }

    private static void WriteFactBody(Utf8JsonWriter w, Fact f, MeasureCatalogue measures, bool includeIndicator)
    {
        w.WriteStartObject();
        if (includeIndicator)
        {
            w.WriteString("indicator", f.Indicator);
        }

        // The indicator's own attributes (polarity, unit) read the indicator, not the fact: left out here.
        var scalars = measures.All.Where(m => m.JsonPath is { } p && !p.Contains('.', StringComparison.Ordinal));
        foreach (var m in scalars)
        {
            Write(w, m.JsonPath!, m.ValueIn(f, null!));
        }

        w.WriteStartObject("peers");
        foreach (var group in measures.PeerGroups)
        {
            if (!f.Peers.ContainsKey(group))
            {
                continue;
            }

            w.WriteStartObject(group);
            foreach (var m in measures.All.Where(m => m.PeerGroup == group && m.JsonPath is not null))
            {
                Write(w, m.JsonPath![(m.JsonPath!.LastIndexOf('.') + 1)..], m.ValueIn(f, null!));
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        if (f.Spc is not null)
        {
            w.WriteStartObject("spc");
            foreach (var m in measures.All.Where(m => m.JsonPath?.StartsWith("spc.", StringComparison.Ordinal) == true))
            {
                Write(w, m.JsonPath![4..], m.ValueIn(f, null!));
            }

            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("spc");
        }

        w.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter w, string name, object? value)
    {
        switch (value)
        {
            case double d when double.IsFinite(d):
                w.WriteNumber(name, d);
                break;
            case int n:
                w.WriteNumber(name, n);
                break;
            case string s:
                w.WriteString(name, s);
                break;
            default:
                w.WriteNull(name);
                break;
        }
    }
}

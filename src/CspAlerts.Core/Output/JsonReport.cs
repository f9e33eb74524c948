using System.Text.Json;
using CspAlerts.Evaluation;
using CspAlerts.Measures;
using CspAlerts.Model;

namespace CspAlerts.Output;

/// <summary>Writes the fixed JSON contract of SPEC §7.2: numbers as JSON numbers, unknown measures as null.</summary>
public static class JsonReport
{
    private static readonly JsonWriterOptions Options = new() { Indented = true };

    /// <summary><c>{"period": …, "exceptions": [ … ]}</c>, as <c>evaluate --format json</c> prints it.</summary>
    public static void WriteExceptions(Stream output, Period period, IEnumerable<ExceptionItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        using var w = new Utf8JsonWriter(output, Options);
        w.WriteStartObject();
        w.WriteString("period", period.ToString());
        w.WriteStartArray("exceptions");
        foreach (var item in items)
        {
            w.WriteStartObject();
            w.WriteString("rule", item.Rule);
            w.WriteString("indicator", item.Indicator);
            w.WriteString("area", item.Area);
            w.WriteString("period", item.Period.ToString());
            if (item.Rag is { } rag)
            {
                w.WriteString("rag", Names.Of(rag));
            }
            else
            {
                w.WriteNull("rag");
            }

            w.WriteBoolean("monitor", item.Monitor);
            w.WriteBoolean("escalate", item.Escalate);
            w.WriteString("message", item.Message);
            w.WritePropertyName("facts");
            WriteFactBody(w, item.Facts, includeIndicator: false);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary><c>{"period": …, "area": …, "facts": [ {"indicator": …, …} ]}</c>, as <c>measures</c> prints it.</summary>
    public static void WriteMeasures(Stream output, Period period, string area, IEnumerable<Fact> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        using var w = new Utf8JsonWriter(output, Options);
        w.WriteStartObject();
        w.WriteString("period", period.ToString());
        w.WriteString("area", area);
        w.WriteStartArray("facts");
        foreach (var fact in facts)
        {
            WriteFactBody(w, fact, includeIndicator: true);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteFactBody(Utf8JsonWriter w, Fact f, bool includeIndicator)
    {
        w.WriteStartObject();
        if (includeIndicator)
        {
            w.WriteString("indicator", f.Indicator);
        }

        Number(w, "value", f.Value);
        Number(w, "previous", f.Previous);
        Number(w, "change", f.Change);
        Number(w, "changePct", f.ChangePct);
        Number(w, "rate", f.Rate);
        Number(w, "londonChangePct", f.LondonChangePct);
        Number(w, "londonValue", f.LondonValue);
        Number(w, "englandValue", f.EnglandValue);
        Number(w, "ytd", f.Ytd);
        Number(w, "ytdTarget", f.YtdTarget);
        Number(w, "target", f.Target);
        w.WriteStartObject("peers");
        foreach (var (group, p) in f.Peers)
        {
            w.WriteStartObject(group);
            w.WriteNumber("size", p.Size);
            Number(w, "changeRank", p.ChangeRank);
            Number(w, "changeQuartile", p.ChangeQuartile);
            Number(w, "rateRank", p.RateRank);
            Number(w, "rateQuartile", p.RateQuartile);
            Number(w, "rank", p.Rank);
            Number(w, "quartile", p.Quartile);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        if (f.Spc is { } spc)
        {
            w.WriteStartObject("spc");
            w.WriteNumber("mean", spc.Mean);
            w.WriteNumber("upperLimit", spc.UpperLimit);
            w.WriteNumber("lowerLimit", spc.LowerLimit);
            w.WriteString("signal", spc.Signal);
            w.WriteString("variation", spc.Variation);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("spc");
        }

        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double d && double.IsFinite(d))
        {
            w.WriteNumber(name, d);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Number(Utf8JsonWriter w, string name, int? value)
    {
        if (value is int n)
        {
            w.WriteNumber(name, n);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

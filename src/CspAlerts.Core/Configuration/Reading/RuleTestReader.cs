using System.Globalization;
using System.Text.RegularExpressions;
using CspAlerts.Diagnostics;
using CspAlerts.Model;
using Newtonsoft.Json.Linq;

namespace CspAlerts.Configuration.Reading;

/// <summary>
/// Reads <c>tests</c>, the rule unit tests: that each names a known indicator, area, rules and
/// measures, with figures of the right kind, and series that make sense for the indicator. Reads
/// them after the rules, as a test names the rules it checks.
/// </summary>
internal sealed partial class RuleTestReader(ReadContext context, IReadOnlyList<RuleDefinition> rules)
{
    /// <summary>The most months a series may have once its repeats are written out.</summary>
    internal const int MaxSeriesMonths = 600;

    private readonly MeasureCatalogue _measures = new(context.PeerGroups.All.Select(g => g.Id));
    private bool? _rulesComplete;
    private HashSet<string>? _knownRuleIds;

    public List<RuleTestCase> Read() => context.ItemsOf("tests").Select(ReadCase).ToList();

    private RuleTestCase ReadCase(ConfigItem item)
    {
        var label = item.Label;
        var indicatorId = item.String("indicator");
        context.Indicators.TryGet(indicatorId, out var indicator);
        if (indicator is null && !context.Indicators.MayHold(indicatorId))
        {
            context.Error(item.ValueAt("indicator"), $"{label}: unknown indicator '{Echo.Of(indicatorId)}'{Hint(indicatorId, context.Indicators.All.Select(i => i.Id))}");
        }

        var area = item.String("area");
        CheckArea(item, item.Obj["area"]!, area, label);
        var periodText = item.String("period");
        if (!Period.TryParse(periodText, out var period))
        {
            context.Error(item.ValueAt("period"), $"{label}: period '{Echo.Of(periodText)}' is not a month such as 2016-12");
        }

        var ruleIds = rules.Select(r => r.Id).ToList();
        _rulesComplete ??= !context.UnreadKinds.Contains("rules")
            && context.FilesOf("rules").All(f => f.Section("rules") is Newtonsoft.Json.Linq.JArray)
            && context.FilesOf("rules").SelectMany(f => f.FailedEntries("rules")).All(e => e is JObject o && o["id"] is JValue { Type: JTokenType.String });
        _knownRuleIds ??= context.WithIds("rules").Select(x => x.Item.Id).ToHashSet(StringComparer.Ordinal);
        var checkedRules = new List<string>();
        foreach (var token in item.Obj["rules"] as JArray ?? [])
        {
            checkedRules.Add(CheckRule(item, token, ruleIds, label));
        }

        var months = ReadFacts(item, label);
        var series = ReadSeries(item, label, indicator, area);
        var expect = (item.Obj["expect"] as JArray ?? []).Select(t => ReadExpected(item, t, ruleIds, label)).ToList();
        if (checkedRules.Count > 0)
        {
            foreach (var expected in expect.Where(e => !checkedRules.Contains(e.Rule, StringComparer.Ordinal)))
            {
                context.Error(expected.Location, $"{label}: expects rule '{Echo.Of(expected.Rule)}', which is not among the rules it checks ({string.Join(", ", checkedRules)}); add it to 'rules'");
            }
        }

        return new RuleTestCase(
            item.String("name"),
            indicatorId,
            area,
            period,
            checkedRules,
            months,
            series,
            expect,
            item.OptionalString("pending"),
            item.Doc.KeyAt(item.Obj, "name"));
    }

    private void CheckArea(ConfigItem item, JToken at, string area, string label)
    {
        if (!context.Areas.MayHold(area))
        {
            context.Error(item.At(at), $"{label}: unknown area '{Echo.Of(area)}'{Hint(area, context.Areas.All.Select(a => a.Id))}");
        }
    }

    private string CheckRule(ConfigItem item, JToken token, List<string> ruleIds, string label)
    {
        var id = (string)token!;
        // Only certainly unknown: a rule the schema left out, or one in a file that could not be read, is not.
        if (_rulesComplete == true && !_knownRuleIds!.Contains(id))
        {
            context.Error(item.At(token), $"{label}: unknown rule '{Echo.Of(id)}'{Hint(id, ruleIds)}");
        }

        return id;
    }

    private ExpectedFiring ReadExpected(ConfigItem item, JToken token, List<string> ruleIds, string label)
    {
        if (token is JObject obj)
        {
            var rule = obj["rule"]!;
            CheckRule(item, rule, ruleIds, label);
            return new ExpectedFiring(
                (string)rule!,
                obj["rag"] is { } rag ? Spellings.ParseRag((string)rag!) : null,
                obj["escalate"] is { } escalate ? (bool)escalate : null,
                (string?)obj["message"],
                item.At(obj));
        }

        return new ExpectedFiring(CheckRule(item, token, ruleIds, label), null, null, null, item.At(token));
    }

    /// <summary>The facts of the case's month, then of the months before it; null when the case gives none.</summary>
    private List<IReadOnlyList<GivenFigure>>? ReadFacts(ConfigItem item, string label)
    {
        if (item.Obj["facts"] is not JObject facts)
        {
            if (item.Obj["before"] is { } before)
            {
                context.Error(item.At(before.Parent!), $"{label}: 'before' gives the facts of earlier months, so it needs 'facts' for the case's month");
            }

            return null;
        }

        var months = new List<IReadOnlyList<GivenFigure>> { ReadFigures(item, facts, label) };
        foreach (var earlier in (item.Obj["before"] as JArray ?? []).OfType<JObject>())
        {
            months.Add(ReadFigures(item, earlier, label));
        }

        return months;
    }

    private List<GivenFigure> ReadFigures(ConfigItem item, JObject facts, string label)
    {
        var figures = new List<GivenFigure>();
        foreach (var property in facts.Properties())
        {
            var at = item.At(property);
            if (_measures.Find(property.Name) is not { } measure)
            {
                context.Error(at, $"{label}: unknown measure '{Echo.Of(property.Name)}'{Hint(property.Name, _measures.All.Select(m => m.Name))}");
                continue;
            }

            if (GivenFacts.CannotGive(measure) is { } why)
            {
                context.Error(at, $"{label}: {why}");
                continue;
            }

            var value = property.Value;
            object? figure = null;
            switch (measure.Kind)
            {
                case MeasureKind.Text when value.Type == JTokenType.String:
                    var word = (string)value!;
                    if (!measure.Allowed.Contains(word, StringComparer.Ordinal))
                    {
                        context.Error(item.At(value), $"{label}: '{Echo.Of(word)}' is not a value of {measure.Name}: it is one of {string.Join(", ", measure.Allowed)}");
                    }

                    figure = word;
                    break;
                case MeasureKind.Whole when value.Type == JTokenType.Integer:
                    figure = (int)Math.Clamp((long)value, int.MinValue, int.MaxValue);
                    break;
                case MeasureKind.Number when value.Type is JTokenType.Integer or JTokenType.Float:
                    figure = (double)value;
                    break;
                case var _ when value.Type == JTokenType.Null:
                    break;
                default:
                    var kind = measure.Kind switch
                    {
                        MeasureKind.Text => $"one of {string.Join(", ", measure.Allowed)}",
                        MeasureKind.Whole => "a whole number",
                        _ => "a number",
                    };
                    context.Error(item.At(value), $"{label}: {measure.Name} must be {kind} (or empty, for a missing figure), not {item.Doc.Describe(value)}");
                    continue;
            }

            figures.Add(new GivenFigure(measure.Name, figure, at));
        }

        return figures;
    }

    private Dictionary<string, IReadOnlyList<double>>? ReadSeries(ConfigItem item, string label, Indicator? indicator, string area)
    {
        if (item.Obj["series"] is not JObject series)
        {
            return null;
        }

        var read = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        foreach (var property in series.Properties())
        {
            CheckArea(item, property, property.Name, label);
            if (context.Areas.TryGet(property.Name, out var a) && a.IsAggregate)
            {
                context.Error(item.At(property), $"{label}: '{Echo.Of(property.Name)}' is an aggregate, computed from its members; give the members' series instead");
            }

            var values = new List<double>();
            foreach (var entry in property.Value as JArray ?? [])
            {
                if (!Expand(entry, values))
                {
                    context.Error(item.At(entry), $"{label}: a series entry is a monthly figure, or 'figure x months' such as '120 x 12', not {item.Doc.Describe(entry)}");
                }
                else if (values.Count > MaxSeriesMonths)
                {
                    context.Error(item.At(entry), $"{label}: the series for '{Echo.Of(property.Name)}' is longer than {MaxSeriesMonths} months");
                    break;
                }
            }

            if (indicator?.Unit == IndicatorUnit.Count && values.FirstOrDefault(v => v != Math.Floor(v)) is var fraction && fraction != Math.Floor(fraction))
            {
                context.Error(item.At(property), $"{label}: {indicator.Name} is a count, so its monthly figures are whole numbers, not {fraction.ToString(CultureInfo.InvariantCulture)}");
            }

            read[property.Name] = values;
        }

        if (!read.ContainsKey(area))
        {
            context.Error(item.At(series.Parent!), $"{label}: 'series' has no series for the test's own area '{Echo.Of(area)}'");
        }

        return read;
    }

    /// <summary>Adds a series entry's months: a figure, or "figure x months".</summary>
    private static bool Expand(JToken entry, List<double> values)
    {
        if (entry.Type is JTokenType.Integer or JTokenType.Float)
        {
            values.Add((double)entry);
            return true;
        }

        if (entry.Type == JTokenType.String && Repeat().Match((string)entry!) is { Success: true } m
            && double.TryParse(m.Groups["figure"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var figure)
            && int.TryParse(m.Groups["months"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var months)
            && months <= MaxSeriesMonths)
        {
            values.AddRange(Enumerable.Repeat(figure, months));
            return true;
        }

        return false;
    }

    private static string Hint(string name, IEnumerable<string> known) => DidYouMean.Hint(name, known);

    [GeneratedRegex(@"\A(?<figure>[0-9]+(\.[0-9]+)?) x (?<months>[0-9]{1,4})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Repeat();
}

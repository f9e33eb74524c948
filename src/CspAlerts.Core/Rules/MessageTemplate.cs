using System.Globalization;
using System.Reflection;
using System.Text;

namespace CspAlerts.Rules;

/// <summary>
/// A rule's message: text with <c>{name}</c> or <c>{name:format}</c> placeholders naming the fact's
/// measures (any case) or <c>indicator</c>, <c>indicatorName</c>, <c>area</c>, <c>areaName</c>,
/// <c>period</c> and <c>rule</c>. <c>{{</c> and <c>}}</c> stand for braces. A null measure reads "n/a".
/// </summary>
public sealed class MessageTemplate
{
    private static readonly Dictionary<string, PropertyInfo> Measures =
        RuleFact.MeasureNames.ToDictionary(n => n, n => typeof(RuleFact).GetProperty(n)!, StringComparer.OrdinalIgnoreCase);

    private static readonly string[] ContextNames = ["indicator", "indicatorName", "area", "areaName", "period", "rule"];

    private readonly List<Segment> _segments;

    private MessageTemplate(List<Segment> segments) => _segments = segments;

    /// <summary>Parses a template; on failure <paramref name="error"/> says what is wrong and the template is null.</summary>
    public static MessageTemplate? TryParse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<Segment>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '}' )
            {
                if (i + 1 < text.Length && text[i + 1] == '}')
                {
                    literal.Append('}');
                    i++;
                    continue;
                }

                error = $"unmatched '}}' at position {i + 1} of the message";
                return null;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '{')
            {
                literal.Append('{');
                i++;
                continue;
            }

            var close = text.IndexOf('}', i + 1);
            if (close < 0)
            {
                error = $"unclosed '{{' at position {i + 1} of the message";
                return null;
            }

            var body = text[(i + 1)..close];
            var colon = body.IndexOf(':', StringComparison.Ordinal);
            var name = (colon < 0 ? body : body[..colon]).Trim();
            var format = colon < 0 ? null : body[(colon + 1)..];
            var context = ContextNames.FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (context is null && !Measures.ContainsKey(name))
            {
                error = $"unknown placeholder '{{{name}}}' in the message";
                return null;
            }

            segments.Add(new Segment(literal.ToString(), null, null));
            literal.Clear();
            segments.Add(new Segment(null, context ?? Measures[name].Name, format));
            i = close;
        }

        segments.Add(new Segment(literal.ToString(), null, null));
        error = null;
        return new MessageTemplate(segments);
    }

    public string Render(RuleFact fact, MessageContext context)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(context);
        var sb = new StringBuilder();
        foreach (var s in _segments)
        {
            if (s.Literal is not null)
            {
                sb.Append(s.Literal);
                continue;
            }

            var value = s.Name switch
            {
                "indicator" => context.Indicator,
                "indicatorName" => context.IndicatorName,
                "area" => context.Area,
                "areaName" => context.AreaName,
                "period" => context.Period.ToString(),
                "rule" => context.Rule,
                _ => Measures[s.Name!].GetValue(fact),
            };
            sb.Append(Format(value, s.Format));
        }

        return sb.ToString();
    }

    private static string Format(object? value, string? format) => value switch
    {
        null => "n/a",
        double d => d.ToString(format ?? "0.##", CultureInfo.InvariantCulture),
        int n => n.ToString(format ?? "0", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(format, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private sealed record Segment(string? Literal, string? Name, string? Format);
}

/// <summary>The names a message may quote besides the measures.</summary>
public sealed record MessageContext(string Rule, string Indicator, string IndicatorName, string Area, string AreaName, Period Period);

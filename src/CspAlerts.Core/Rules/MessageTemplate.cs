using System.Globalization;
using System.Text;
using CspAlerts.Diagnostics;
using CspAlerts.Model;

namespace CspAlerts.Rules;

/// <summary>
/// A rule's message: text with <c>{name}</c> or <c>{name:format}</c> placeholders naming the fact's
/// measures (any case) or <c>indicator</c>, <c>indicatorName</c>, <c>area</c>, <c>areaName</c>,
/// <c>period</c> and <c>rule</c>. A section in square brackets is left out when a figure in it is
/// missing, so one message can serve counts and rates; elsewhere a missing figure reads "n/a", as
/// does a figure that is not a finite number.
/// <c>{{ }} [[ ]]</c> stand for the characters themselves.
/// </summary>
/// <remarks>
/// A format applies only to a number and is checked when the template is parsed (see
/// <see cref="NumberFormats"/>): a standard format of the measure's kind with a bounded precision, or
/// a short custom format. Formatting can therefore neither throw nor run away when a message is rendered.
/// </remarks>
public sealed class MessageTemplate
{
    private const string Missing = "n/a";

    private static readonly string[] ContextNames = ["indicator", "indicatorName", "area", "areaName", "period", "rule"];

    private readonly List<Segment> _segments;
    private readonly MeasureCatalogue _measures;

    private MessageTemplate(List<Segment> segments, MeasureCatalogue measures)
    {
        _segments = segments;
        _measures = measures;
    }

    /// <summary>Parses a template; on failure <paramref name="error"/> says what is wrong and the template is null.</summary>
    public static MessageTemplate? TryParse(string text, MeasureCatalogue measures, out string? error) =>
        TryParse(text, measures, RuleLimits.Default, out error);

    /// <summary>Parses a template, holding its formats to <paramref name="limits"/>; on failure <paramref name="error"/> says what is wrong and the template is null.</summary>
    public static MessageTemplate? TryParse(string text, MeasureCatalogue measures, RuleLimits limits, out string? error)
    {
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        var segments = new List<Segment>();
        var literal = new StringBuilder();
        var optionalStart = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '}' or '[' or ']' or '{' && i + 1 < text.Length && text[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }

            switch (c)
            {
                case '}':
                    error = $"unmatched '}}' at position {i + 1} of the message";
                    return null;
                case '[' when optionalStart >= 0:
                    error = $"'[' at position {i + 1} of the message opens a section inside another";
                    return null;
                case '[':
                    Flush(segments, literal, optional: false);
                    optionalStart = i;
                    continue;
                case ']' when optionalStart < 0:
                    error = $"unmatched ']' at position {i + 1} of the message";
                    return null;
                case ']':
                    Flush(segments, literal, optional: true);
                    segments.Add(new Segment(null, null, null, EndsSection: true));
                    optionalStart = -1;
                    continue;
                case '{':
                    break;
                default:
                    literal.Append(c);
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
            var measure = measures.Find(name);
            if (context is null && measure is null)
            {
                error = $"unknown placeholder '{{{name}}}' in the message{DidYouMean.Hint(name, ContextNames.Concat(measures.All.Select(m => m.Name)))}";
                return null;
            }

            if (string.IsNullOrEmpty(format))
            {
                format = null;
            }
            else if ((context is null ? NumberFormats.Check(format, measure!, limits) : NumberFormats.TextTakesNone(format, context, limits)) is { } formatError)
            {
                error = formatError;
                return null;
            }

            Flush(segments, literal, optionalStart >= 0);
            segments.Add(new Segment(null, context ?? measure!.Name, format, InSection: optionalStart >= 0));
            i = close;
        }

        if (optionalStart >= 0)
        {
            error = $"unclosed '[' at position {optionalStart + 1} of the message";
            return null;
        }

        Flush(segments, literal, optional: false);
        error = null;
        return new MessageTemplate(segments, measures);
    }

    public string Render(RuleFact fact, MessageContext context)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(context);
        var sb = new StringBuilder();
        var section = new StringBuilder();
        var sectionComplete = true;
        foreach (var s in _segments)
        {
            if (s.EndsSection)
            {
                if (sectionComplete)
                {
                    sb.Append(section);
                }

                section.Clear();
                sectionComplete = true;
                continue;
            }

            var target = s.InSection ? section : sb;
            if (s.Literal is not null)
            {
                target.Append(s.Literal);
                continue;
            }

            var value = s.Name switch
            {
                "indicator" => context.Indicator,
                "indicatorName" => context.IndicatorName,
                "area" => context.Area,
                "areaName" => context.AreaName,
                "period" => context.Period.ToDisplayString(),
                "rule" => context.Rule,
                _ => fact.ValueOf(_measures.Find(s.Name!)!),
            };
            if (IsMissing(value) && s.InSection)
            {
                sectionComplete = false;
            }

            target.Append(Format(value, s.Format));
        }

        return sb.ToString();
    }

    private static void Flush(List<Segment> segments, StringBuilder literal, bool optional)
    {
        if (literal.Length > 0)
        {
            segments.Add(new Segment(literal.ToString(), null, null, InSection: optional));
            literal.Clear();
        }
    }

    private static bool IsMissing(object? value) => value is null || (value is double d && !double.IsFinite(d));

    private static string Format(object? value, string? format) => value switch
    {
        _ when IsMissing(value) => Missing,
        double d => d.ToString(format ?? "0.##", CultureInfo.InvariantCulture),
        int n => n.ToString(format ?? "0", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(format, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? string.Empty,
    };

    private sealed record Segment(string? Literal, string? Name, string? Format, bool InSection = false, bool EndsSection = false);
}

/// <summary>The names a message may quote besides the measures.</summary>
public sealed record MessageContext(string Rule, string Indicator, string IndicatorName, string Area, string AreaName, Period Period);

using System.Text;
using CspAlerts.Model;

namespace CspAlerts.Output;

/// <summary>The list of measures in <c>docs/measures.md</c>, written from the catalogue so the docs cannot drift from the code.</summary>
public static class MeasuresDocument
{
    public const string Begin = "<!-- measures:begin (generated from the measure catalogue; do not edit by hand) -->";
    public const string End = "<!-- measures:end -->";

    /// <summary>A Markdown table of every measure: rule name, kind, JSON place, canonical column and meaning.</summary>
    public static string Table(MeasureCatalogue measures)
    {
        ArgumentNullException.ThrowIfNull(measures);
        var sb = new StringBuilder();
        sb.Append("| name in rules and messages | kind | in the JSON facts | canonical column | meaning |\n");
        sb.Append("|---|---|---|---|---|\n");
        foreach (var m in measures.All)
        {
            var kind = m.Kind switch
            {
                MeasureKind.Number => "number",
                MeasureKind.Whole => "whole number",
                _ => "one of " + string.Join(", ", m.Allowed.Select(a => $"`{a}`")),
            };
            sb.Append(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"| `{m.Name}` | {kind} | {(m.JsonPath is null ? "—" : $"`{m.JsonPath}`")} | {(m.CanonicalColumn is null ? "—" : $"`{m.CanonicalColumn}`")} | {m.Meaning} |\n"));
        }

        return sb.ToString();
    }
}

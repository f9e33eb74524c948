using System.Globalization;
using CspAlerts.Evaluation;
using CspAlerts.Model;

namespace CspAlerts.Cli;

/// <summary>Prints exceptions as a plain-text table for a terminal: one line per item.</summary>
internal static class ExceptionTable
{
    public static void Write(TextWriter output, Period period, IReadOnlyList<ExceptionItem> items)
    {
        output.WriteLine($"Exceptions for {period}: {items.Count}");
        if (items.Count == 0)
        {
            return;
        }

        string[] header = ["area", "indicator", "rule", "rag", "pmg", "value", "previous", "change %", "rank (met)", "message"];
        var rows = items.Select(i => new[]
        {
            i.Area,
            i.Indicator,
            i.Rule,
            i.Rag is { } rag ? Names.Of(rag) : "monitor",
            i.Escalate ? "yes" : "no",
            Number(i.Facts.Value),
            Number(i.Facts.Previous),
            i.Facts.ChangePct is double c ? c.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) : "n/a",
            i.Facts.Peers.TryGetValue("met", out var met) && met.Rank is int r ? $"{r} of {met.Size}" : "n/a",
            i.Message,
        }).ToList();

        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Max(r => r[c].Length))).ToArray();
        WriteRow(output, header, widths);
        WriteRow(output, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in rows)
        {
            WriteRow(output, row, widths);
        }
    }

    private static void WriteRow(TextWriter output, string[] cells, int[] widths)
    {
        // The message is last and not padded, so long messages do not widen every line.
        var padded = cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]));
        output.WriteLine(string.Join("  ", padded).TrimEnd());
    }

    private static string Number(double? value) =>
        value is double d ? d.ToString("0.##", CultureInfo.InvariantCulture) : "n/a";
}

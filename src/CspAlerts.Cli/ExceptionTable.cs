using System.Globalization;
using CspAlerts.Evaluation;
using CspAlerts.Model;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CspAlerts.Cli;

/// <summary>
/// Prints a run's items for a strategic lead: one row per indicator in an area, with its name, lead,
/// overall rating, figures and the reason each rule fired; monitor-only items in a section of their own.
/// </summary>
internal static class ExceptionTable
{
    public static void Write(TextWriter output, EvaluationResult result, CspConfiguration config, int width)
    {
        var console = PlainConsole.For(output, width);

        var rated = result.Items.Where(i => !i.Monitor).ToList();
        var monitored = result.Items.Where(i => i.Monitor).ToList();
        var oneArea = result.Areas.Count == 1;
        var where = oneArea ? result.Areas[0].Name : $"{result.Areas.Count} areas";
        var toPmg = rated.Count(i => i.Escalate);
        console.WriteLine($"Exceptions for {where}, {result.Period.ToDisplayString()}: {Count(rated.Count, "item")}, {toPmg} to the Performance Monitoring Group");
        if (rated.Count > 0)
        {
            console.Write(Table(rated, config, showArea: !oneArea, showRating: true));
        }

        if (monitored.Count > 0)
        {
            console.WriteLine();
            console.WriteLine($"Monitored, not RAG rated: {Count(monitored.Count, "item")}");
            console.Write(Table(monitored, config, showArea: !oneArea, showRating: false));
        }
    }

    private static Table Table(IReadOnlyList<Item> items, CspConfiguration config, bool showArea, bool showRating)
    {
        var table = new Table().Border(TableBorder.Simple).Expand();
        if (showArea)
        {
            table.AddColumn(new TableColumn("Area").NoWrap());
        }

        table.AddColumn(new TableColumn("Indicator").Width(22));
        table.AddColumn(new TableColumn("Lead").Width(24));
        if (showRating)
        {
            table.AddColumn(new TableColumn("RAG").NoWrap());
            table.AddColumn(new TableColumn("PMG").NoWrap());
        }

        table.AddColumn(new TableColumn("Figures").Width(36));
        table.AddColumn("Why");
        foreach (var item in items)
        {
            var cells = new List<IRenderable>();
            if (showArea)
            {
                cells.Add(Text(item.Area.Name));
            }

            cells.Add(Text(item.Indicator.Name));
            cells.Add(Text(config.FindOwner(item.Indicator.Lead)?.Name ?? item.Indicator.Lead));
            if (showRating)
            {
                cells.Add(Text(item.Rag is { } rag ? Names.Of(rag) : "-"));
                cells.Add(Text(item.Escalate ? "yes" : "no"));
            }

            cells.Add(Text(Figures(item, config)));
            cells.Add(Text(string.Join('\n', item.Rules.Select(Reason))));
            table.AddRow(cells);
        }

        return table;
    }

    /// <summary>The item's figures in one short block: value, change, London's change, benchmark ranks with their basis.</summary>
    internal static string Figures(Item item, CspConfiguration config)
    {
        var f = item.Facts;
        var needed = Fact.HistoryNeeded(item.Indicator.Unit);
        var lines = new List<string>();
        if (f.MonthValue is not null && (f.Value is null || f.ChangePct is null) && f.History < needed)
        {
            lines.Add($"insufficient history: {f.History} of the {needed} months a change needs");
        }

        if (f.Value is double v)
        {
            var change = f.ChangePct is double c ? $", {c.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)}%" : string.Empty;
            lines.Add($"{Number(v)}{change}");
        }

        if (f.Rate is double rate)
        {
            lines.Add($"rate {rate.ToString("0.00", CultureInfo.InvariantCulture)} per 1,000");
        }

        if (f.LondonChangePct is double london)
        {
            lines.Add($"London {london.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)}%");
        }
        else if (f.ForceChangePct is double force)
        {
            // In London the force is the Met and its figures are London's, said once above.
            var name = config.FindArea(f.Area)?.Force is { } forceName ? $"{forceName} force" : "Force";
            var forceRate = f.ForceRate is double fr ? $", rate {fr.ToString("0.00", CultureInfo.InvariantCulture)}" : string.Empty;
            lines.Add($"{name} {force.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)}%{forceRate}");
        }

        if (f.Ytd is double ytd)
        {
            lines.Add(f.YtdTarget is double target ? $"year to date {Number(ytd)} (target {Number(target)})" : $"year to date {Number(ytd)}");
        }

        foreach (var (group, p) in f.Peers)
        {
            if (p.Rank is int r)
            {
                lines.Add($"{r} of {p.Size} {config.FindPeerGroup(group)?.Name ?? group} ({p.RankBasis} rank)");
            }
        }

        return lines.Count == 0 ? "-" : string.Join('\n', lines);
    }

    /// <summary>The rule's message, then what would clear it, as a sentence.</summary>
    private static string Reason(RuleFiring firing) =>
        firing.Clears is { } clears && !firing.Monitor ? $"{firing.Message} It {clears}." : firing.Message;

    private static Text Text(string text) => new(text);

    private static string Number(double d) => d.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}

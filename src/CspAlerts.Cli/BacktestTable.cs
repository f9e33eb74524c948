using System.Globalization;
using System.Text;
using CspAlerts.Evaluation;
using Spectre.Console;

namespace CspAlerts.Cli;

/// <summary>Prints a backtest: totals per rule and year, then the counts of every month; with a comparison, what changes.</summary>
internal static class BacktestTable
{
    public static void Write(TextWriter output, BacktestResult result, string rulesPath, string? comparePath, int width)
    {
        var console = PlainConsole.For(output, width);
        var where = result.Areas.Count == 1 ? result.Areas[0].Name : $"{result.Areas.Count} areas";
        var total = Sum(result.Counts, 0, result.Months, null);
        console.WriteLine($"Backtest of the rules in {rulesPath} for {where}, {result.From.ToDisplayString()} to {result.To.ToDisplayString()} ({result.Months} month{(result.Months == 1 ? string.Empty : "s")}): {N(total)} items fired");
        console.WriteLine("An item is one indicator in one area in one month; a rule with 'for: N' counts only when its condition held N months in a row, and a green rule does not count on an item a red or amber rule fired on.");
        console.WriteLine();

        var years = Years(result);
        console.WriteLine("Items fired per rule and year");
        console.Write(YearTable(result, result.Counts, years, withDescription: true));

        if (result.Compared is { } compared && result.Gained is { } gained && result.Lost is { } lost)
        {
            console.WriteLine();
            console.WriteLine($"Compared with the rules in {comparePath}: {N(Sum(compared, 0, result.Months, null))} items fired ({Signed(Sum(compared, 0, result.Months, null) - total)})");
            console.Write(YearTable(result, compared, years, withDescription: false));
            console.WriteLine();
            console.WriteLine("Items gained (+) and lost (-) per rule and year under the compared rules");
            console.Write(ChangeTable(result, gained, lost, years));
            console.WriteLine();
            console.WriteLine("Months in which the compared rules fire differently");
            console.Write(ChangedMonths(result, compared, gained, lost));
            return;
        }

        console.WriteLine();
        console.WriteLine("Items fired per month (columns numbered as the rules above)");
        console.Write(MonthTable(result));
    }

    /// <summary>One line per month and rule: month,rule,description,items, and with a comparison compared,gained,lost.</summary>
    public static string Csv(BacktestResult result)
    {
        var csv = new StringBuilder();
        csv.Append("month,rule,description,items");
        csv.Append(result.Compared is null ? "\n" : ",compared,gained,lost\n");
        for (var m = 0; m < result.Months; m++)
        {
            for (var r = 0; r < result.Rules.Count; r++)
            {
                var rule = result.Rules[r];
                csv.Append(CultureInfo.InvariantCulture, $"{result.MonthAt(m)},{Quote(rule.Id)},{Quote(rule.Description)},{result.Counts[m, r]}");
                if (result.Compared is { } compared)
                {
                    csv.Append(CultureInfo.InvariantCulture, $",{compared[m, r]},{result.Gained![m, r]},{result.Lost![m, r]}");
                }

                csv.Append('\n');
            }
        }

        return csv.ToString();
    }

    private static Table YearTable(BacktestResult result, int[,] counts, List<(int Year, int First, int End)> years, bool withDescription)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("#").RightAligned());
        table.AddColumn(new TableColumn("Rule").NoWrap());
        if (withDescription)
        {
            table.AddColumn(new TableColumn("Fires when").Width(48));
        }

        foreach (var (year, _, _) in years)
        {
            table.AddColumn(new TableColumn(year.ToString(CultureInfo.InvariantCulture)).RightAligned());
        }

        table.AddColumn(new TableColumn("Total").RightAligned());
        table.AddColumn(new TableColumn("Months fired").RightAligned());
        for (var r = 0; r < result.Rules.Count; r++)
        {
            var rule = result.Rules[r];
            var cells = new List<string> { (r + 1).ToString(CultureInfo.InvariantCulture), rule.Id + (rule.For > 1 ? $" (for {rule.For})" : string.Empty) };
            if (withDescription)
            {
                cells.Add(rule.InBase ? FirstSentence(rule.Description) : "(only in the compared rules)");
            }

            cells.AddRange(years.Select(y => N(Sum(counts, y.First, y.End, r))));
            cells.Add(N(Sum(counts, 0, result.Months, r)));
            cells.Add(N(MonthsFired(counts, r, result.Months)));
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        var totals = new List<string> { string.Empty, "All rules" };
        if (withDescription)
        {
            totals.Add(string.Empty);
        }

        totals.AddRange(years.Select(y => N(Sum(counts, y.First, y.End, null))));
        totals.Add(N(Sum(counts, 0, result.Months, null)));
        totals.Add(N(MonthsFired(counts, null, result.Months)));
        table.AddRow(totals.ToArray());
        return table;
    }

    private static Table ChangeTable(BacktestResult result, int[,] gained, int[,] lost, List<(int Year, int First, int End)> years)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("#").RightAligned());
        table.AddColumn(new TableColumn("Rule").NoWrap());
        foreach (var (year, _, _) in years)
        {
            table.AddColumn(new TableColumn(year.ToString(CultureInfo.InvariantCulture)).RightAligned());
        }

        table.AddColumn(new TableColumn("Total").RightAligned());
        for (var r = 0; r < result.Rules.Count; r++)
        {
            var cells = new List<string> { (r + 1).ToString(CultureInfo.InvariantCulture), result.Rules[r].Id };
            cells.AddRange(years.Select(y => Change(Sum(gained, y.First, y.End, r), Sum(lost, y.First, y.End, r))));
            cells.Add(Change(Sum(gained, 0, result.Months, r), Sum(lost, 0, result.Months, r)));
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        return table;
    }

    private static Table ChangedMonths(BacktestResult result, int[,] compared, int[,] gained, int[,] lost)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var heading in new[] { "Month", "Rule", "Items", "Compared", "Gained", "Lost" })
        {
            var column = new TableColumn(heading);
            table.AddColumn(heading is "Month" or "Rule" ? column.NoWrap() : column.RightAligned());
        }

        var rows = 0;
        for (var m = 0; m < result.Months; m++)
        {
            for (var r = 0; r < result.Rules.Count; r++)
            {
                if (gained[m, r] == 0 && lost[m, r] == 0)
                {
                    continue;
                }

                rows++;
                table.AddRow(
                    result.MonthAt(m).ToDisplayString(),
                    Markup.Escape(result.Rules[r].Id),
                    N(result.Counts[m, r]),
                    N(compared[m, r]),
                    "+" + N(gained[m, r]),
                    "-" + N(lost[m, r]));
            }
        }

        if (rows == 0)
        {
            table.AddRow("none", "the compared rules fire on exactly the same items", string.Empty, string.Empty, string.Empty, string.Empty);
        }

        return table;
    }

    private static Table MonthTable(BacktestResult result)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("Month").NoWrap());
        for (var r = 0; r < result.Rules.Count; r++)
        {
            table.AddColumn(new TableColumn((r + 1).ToString(CultureInfo.InvariantCulture)).RightAligned());
        }

        table.AddColumn(new TableColumn("All").RightAligned());
        for (var m = 0; m < result.Months; m++)
        {
            var cells = new List<string> { result.MonthAt(m).ToDisplayString() };
            for (var r = 0; r < result.Rules.Count; r++)
            {
                cells.Add(N(result.Counts[m, r]));
            }

            cells.Add(N(Sum(result.Counts, m, m + 1, null)));
            table.AddRow(cells.ToArray());
        }

        return table;
    }

    /// <summary>Each calendar year in the range, with its first month offset and the offset after its last.</summary>
    private static List<(int Year, int First, int End)> Years(BacktestResult result)
    {
        var years = new List<(int, int, int)>();
        for (var m = 0; m < result.Months;)
        {
            var year = result.MonthAt(m).Year;
            var end = m;
            while (end < result.Months && result.MonthAt(end).Year == year)
            {
                end++;
            }

            years.Add((year, m, end));
            m = end;
        }

        return years;
    }

    /// <summary>The sum over months [first, end) of one rule, or of every rule when null.</summary>
    private static int Sum(int[,] counts, int first, int end, int? rule)
    {
        var sum = 0;
        for (var m = first; m < end; m++)
        {
            for (var r = 0; r < counts.GetLength(1); r++)
            {
                if (rule is null || rule == r)
                {
                    sum += counts[m, r];
                }
            }
        }

        return sum;
    }

    private static int MonthsFired(int[,] counts, int? rule, int months)
    {
        var fired = 0;
        for (var m = 0; m < months; m++)
        {
            if (Sum(counts, m, m + 1, rule) > 0)
            {
                fired++;
            }
        }

        return fired;
    }

    /// <summary>The description up to its first full stop: the table gives the gist, the CSV the whole.</summary>
    private static string FirstSentence(string description)
    {
        var stop = description.IndexOf(". ", StringComparison.Ordinal);
        return stop < 0 ? description : description[..(stop + 1)];
    }

    private static string Change(int gained, int lost) => gained == 0 && lost == 0 ? "-" : $"+{N(gained)} -{N(lost)}";

    private static string Signed(int n) => n.ToString("+#,0;-#,0;0", CultureInfo.InvariantCulture) + " on the base rules";

    private static string N(int n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

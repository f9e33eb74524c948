using System.Diagnostics;
using System.Text;
using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Ingest;

namespace CspAlerts.Core.Tests.Ingest;

/// <summary>
/// Input made to hurt: files and workbooks too large, too wide, too long or not files at all,
/// XML that is not plain, and files of nothing but errors. Each is refused at once with one clear
/// error naming the file, the line and the limit. The large ones are written here at test time.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const string Header = "indicator,area,period,value\n";

    private static readonly DatasetLoader Loader = new(TestConfiguration.Create());

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static DatasetLoader With(DatasetLimits limits) => new(TestConfiguration.Create(), limits: limits);

    private static List<string> Errors(Func<object> load) =>
        [.. Assert.Throws<DatasetRejectedException>(load).Errors.Select(e => e.ToString())];

    private string Write(string name, string text)
    {
        var path = _temp.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_link_to_dev_zero_is_not_opened()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /dev/zero and the kind of a file are asked of Linux only.
        }

        var link = _temp.File("zero.csv");
        File.CreateSymbolicLink(link, "/dev/zero");

        Assert.Equal([$"{link}:1:1: is a link to /dev/zero, a character device, not a regular file: expected a .csv or .xlsx file"], Errors(() => Loader.LoadAll([link])));
    }

    [Fact]
    public void A_named_pipe_is_not_opened_so_the_load_does_not_wait_for_a_writer()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var pipe = _temp.File("pipe.csv");
        using (var mkfifo = Process.Start("mkfifo", pipe))
        {
            mkfifo.WaitForExit();
        }

        // Also through a folder: the pipe is listed with the folder's .csv files.
        Assert.Equal([$"{pipe}:1:1: is a named pipe, not a regular file: expected a .csv or .xlsx file"], Errors(() => Loader.LoadAll([_temp.Path])));
    }

    [Fact]
    public void A_link_to_a_regular_file_is_followed()
    {
        var target = Write("real.csv", Header + "burglary,barnet,2016-12,284\n");
        var link = _temp.File("link.csv");
        File.CreateSymbolicLink(link, target);

        Assert.Equal(284, Assert.Single(Loader.Load(link).Observations).Value);
    }

    [Fact]
    public void A_link_in_a_folder_back_up_the_tree_is_not_gone_into()
    {
        Directory.CreateDirectory(_temp.File("data"));
        var file = Write("data/burglary.csv", Header + "burglary,barnet,2016-12,284\n");
        Directory.CreateSymbolicLink(_temp.File("data/loop"), _temp.File("data"));

        var set = Loader.LoadAll([_temp.File("data")]);

        Assert.Equal([file], set.Datasets.Select(d => d.File));
    }

    [Fact]
    public void An_empty_workbook_file_is_an_empty_file()
    {
        var path = Write("empty.xlsx", string.Empty);

        Assert.Equal([$"{path}:1:1: the file is empty: expected a header row"], Errors(() => Loader.Load(path)));
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        var path = Write("big.csv", Header + "burglary,barnet,2016-12,284\n");

        Assert.Equal([$"{path}:1:1: the file is 56 bytes, more than 50, the limit for one file"], Errors(() => With(new() { MaxFileBytes = 50 }).Load(path)));
    }

    [Fact]
    public void A_stream_over_the_size_limit_is_refused_as_it_is_read()
    {
        var bytes = Encoding.UTF8.GetBytes(Header + "burglary,barnet,2016-12,284\n");
        var loader = With(new() { MaxFileBytes = 50 });

        Assert.Equal(["upload:1:1: the file is larger than 50 bytes, the limit for one file"],
            Errors(() => loader.Load(DatasetSource.FromStream("upload", () => new ForwardOnlyStream(bytes)))));
        Assert.Equal(["upload:1:1: the file is 56 bytes, more than 50, the limit for one file"],
            Errors(() => loader.Load(DatasetSource.FromBytes("upload", bytes))));
    }

    [Fact]
    public void A_100_MB_header_line_is_refused_at_the_line_limit_and_never_echoed()
    {
        var path = _temp.File("wide-header.csv");
        using (var writer = new StreamWriter(path))
        {
            var chunk = new string('x', 1 << 20);
            for (var i = 0; i < 100; i++)
            {
                writer.Write(chunk);
            }

            writer.Write("\nburglary,barnet,2016-12,284\n");
        }

        Assert.Equal([$"{path}:1:1: the line is longer than 1,000,000 characters, the limit for one line"], Errors(() => Loader.Load(path)));
    }

    [Fact]
    public void A_long_line_is_reported_at_its_own_line()
    {
        var path = Write("long-line.csv", Header + "burglary,barnet,2016-12,284\n" + $"burglary,{new string('b', 200)},2016-12,1\n");

        Assert.Equal([$"{path}:3:1: the line is longer than 100 characters, the limit for one line"], Errors(() => With(new() { MaxLineChars = 100 }).Load(path)));
    }

    [Fact]
    public void A_cell_over_the_cell_limit_is_refused_and_shown_cut()
    {
        var path = Write("long-cell.csv", Header + $"burglary,barnet,2016-12,284\nburglary,barnet,2016-11,\"{new string('9', 32_768)}\"\n");

        Assert.Equal(
            [$"{path}:3:4: the cell is 32,768 characters long, more than 32,767, the limit for one cell: '{new string('9', 80)}…'"],
            Errors(() => Loader.Load(path)));
    }

    [Fact]
    public void A_header_wider_than_the_column_limit_is_refused()
    {
        var path = Write("wide.csv", string.Join(',', Enumerable.Range(1, 1_001).Select(i => $"c{i}")) + "\n1\n");

        Assert.Equal([$"{path}:1:1001: the row has 1,001 cells, more than 1,000, the limit for one row"], Errors(() => Loader.Load(path)));
    }

    [Fact]
    public void Rows_past_the_row_limit_are_not_read()
    {
        var path = Write("long.csv", Header + string.Concat(Enumerable.Range(1, 5).Select(m => $"burglary,barnet,2016-{m:D2},1\n")));

        Assert.Equal([$"{path}:5:1: the file has more than 3 rows, the limit for one file; no row after this one is read"], Errors(() => With(new() { MaxRows = 3 }).Load(path)));
    }

    [Fact]
    public void A_file_of_a_million_bad_rows_lists_the_first_hundred_errors_then_how_many_more()
    {
        // 26 MB: every row has four faults, four million errors in all.
        var path = _temp.File("bad-rows.csv");
        using (var writer = new StreamWriter(path))
        {
            writer.Write(Header);
            for (var i = 0; i < 1_000_000; i++)
            {
                writer.Write("burgalry,Narnia,2016-13,abc\n");
            }
        }

        var errors = Errors(() => Loader.LoadAll([path]));

        Assert.Equal(101, errors.Count);
        Assert.Equal(
        [
            $"{path}:2:1: unknown indicator 'burgalry'",
            $"{path}:2:2: unknown area 'Narnia'",
            $"{path}:2:3: invalid period '2016-13': expected YYYY-MM",
            $"{path}:2:4: value 'abc' is not a number",
        ],
            errors.Take(4));
        Assert.Equal($"{path}:26:4: value 'abc' is not a number", errors[99]);
        Assert.Equal($"{path}:27:1: … and 3,999,900 more errors in this file", errors[100]);
    }

    [Fact]
    public void Conflicts_between_files_are_capped_per_file_too()
    {
        // Twelve months of burglary, given as 1 in one file and 2 in the other: twelve conflicts, all in the second.
        string Rows(int value) => Header + string.Concat(Enumerable.Range(1, 12).Select(m => $"burglary,barnet,2016-{m:D2},{value}\n"));
        var first = Write("first.csv", Rows(1));
        var second = Write("second.csv", Rows(2));

        var errors = Errors(() => With(new() { MaxErrorsPerFile = 10 }).LoadAll([first, second]));

        Assert.Equal(11, errors.Count);
        Assert.Equal($"{second}:12:1: … and 2 more errors in this file", errors[^1]);
    }

    [Fact]
    public void Control_characters_in_input_are_escaped_and_long_values_cut_in_every_message()
    {
        var label = "\u001b[2J\u001b[31mNarnia\rOK\u202E" + new string('z', 200);
        var source = DatasetSource.FromText("upload\u001b]0;pwned\u0007.csv", Header + $"burglary,\"{label}\",2016-12,5\n");

        var error = Assert.Single(Errors(() => Loader.Load(source)));

        // The escaped value is cut at 80 characters: 35 of escapes and letters, then 45 of the z's.
        Assert.Equal(
            $"upload\\u001B]0;pwned\\u0007.csv:2:2: unknown area '\\u001B[2J\\u001B[31mNarnia\\rOK\\u202E{new string('z', 45)}…'",
            error);
        Assert.DoesNotContain(error, char.IsControl);
    }

    [Fact]
    public void Rows_skipped_under_an_ignored_label_are_counted_under_its_first_spelling_escaped()
    {
        var rows = string.Concat(new[] { "\"Unknown\u001b\u0007\"", "UNKNOWN", "unknown", $"\"Unknown{new string(' ', 500)}!\"" }.Select(label => $"burglary,{label},2016-12,1\n"));

        var dataset = Loader.Load(DatasetSource.FromText("partner.csv", Header + rows + "burglary,barnet,2016-12,284\n"));

        Assert.Equal(new Dictionary<string, int> { ["Unknown\\u001B\\u0007"] = 4 }, dataset.SkippedLabels);
    }

    [Fact]
    public void An_unrecognised_header_shows_each_column_cut_and_escaped()
    {
        var columns = new[] { new string('a', 100), "b\tc" }.Concat(Enumerable.Range(1, 10).Select(i => $"c{i}"));
        var path = Write("odd-header.csv", string.Join(',', columns) + "\n1\n");

        var error = Assert.Single(Errors(() => Loader.Load(path)));

        Assert.StartsWith(
            $"{path}:1:1: unrecognised header: found columns '{new string('a', 80)}…', 'b\\tc', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8' and 2 more; expected",
            error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_two_megabyte_zip_bomb_is_refused_from_the_sizes_it_claims()
    {
        var path = _temp.File("bomb.xlsx");
        RawXlsx.WriteBomb(path, 2L << 30);
        var size = new FileInfo(path).Length;
        Assert.InRange(size, 1_000_000, 3_000_000);

        var error = Assert.Single(Errors(() => Loader.Load(path)));

        Assert.Matches(
            $"^{path}:1:1: cannot read the workbook: it would unpack to 2,147,48[0-9],[0-9]{{3}} bytes, more than {size * 100:N0}, the limit for a workbook of {size:N0} bytes \\(100 times its size, and never more than 500,000,000\\)$",
            error);
    }

    [Theory]
    [InlineData("XFD1", "cell XFD1 is in column 16,384, more than 1,000, the limit for one sheet")]
    [InlineData("ALM1", "cell ALM1 is in column 1,001, more than 1,000, the limit for one sheet")]
    [InlineData("ZZZZZZ1", "cell reference 'ZZZZZZ1' is not a cell of a workbook: columns run from A to XFD and rows from 1 to 1,048,576")]
    [InlineData("ABCDEFGH1", "cell reference 'ABCDEFGH1' is not a cell of a workbook: columns run from A to XFD and rows from 1 to 1,048,576")]
    [InlineData("XFE1", "cell reference 'XFE1' is not a cell of a workbook: columns run from A to XFD and rows from 1 to 1,048,576")]
    public void A_cell_claiming_a_column_past_the_limit_or_outside_the_grid_is_refused(string reference, string expected)
    {
        var path = _temp.File("wide.xlsx");
        RawXlsx.Write(path, RawXlsx.Sheet(RawXlsx.Row(1, ("A1", "indicator"), (reference, "x"))));

        Assert.Equal([$"{path}:1:1: {expected}"], Errors(() => Loader.Load(path)));
    }

    [Theory]
    [InlineData("A1:XFD1048576", "the sheet claims to span A1:XFD1048576, 16,384 columns, more than 1,000, the limit for one sheet")]
    [InlineData("A1:ZZZZZZ2000000000", "the sheet's dimension 'A1:ZZZZZZ2000000000' is not a range of a workbook: columns run from A to XFD and rows from 1 to 1,048,576")]
    public void A_sheet_claiming_more_than_the_limits_is_refused_before_a_row_is_read(string dimension, string expected)
    {
        var path = _temp.File("claims.xlsx");
        RawXlsx.Write(path, RawXlsx.Sheet(RawXlsx.Header, dimension));

        Assert.Equal([$"{path}:1:1: {expected}"], Errors(() => Loader.Load(path)));
    }

    [Fact]
    public void A_row_past_the_last_row_of_a_workbook_is_refused()
    {
        var path = _temp.File("far.xlsx");
        RawXlsx.Write(path, RawXlsx.Sheet(RawXlsx.Header + "<row r=\"2000000000\"><c r=\"A2000000000\" t=\"inlineStr\"><is><t>burglary</t></is></c></row>"));

        Assert.Equal([$"{path}:2:1: row number '2000000000' is not a row of a workbook: rows run from 1 to 1,048,576"], Errors(() => Loader.Load(path)));
    }

    [Fact]
    public void A_cell_on_the_last_row_of_a_small_sheet_costs_one_row_not_a_million()
    {
        var path = _temp.File("last-row.xlsx");
        RawXlsx.Write(path, RawXlsx.Sheet(RawXlsx.Header + RawXlsx.Row(1_048_576, ("A1048576", "proven-reoffending"), ("B1048576", "barnet"), ("C1048576", "2016-12"), ("D1048576", "21.5"))));

        var dataset = Loader.Load(path);

        Assert.Equal((1, 1_048_576), (dataset.RowsRead, Assert.Single(dataset.Observations).Source.Line));
    }

    [Theory]
    [InlineData(
        "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>",
        1, "cannot read the workbook: xl/worksheets/sheet1.xml declares a DOCTYPE, which no workbook has; it could define entities that expand without end")]
    [InlineData(
        "<?xml version=\"1.0\"?>\n<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>",
        1, "cannot read the workbook: xl/worksheets/sheet1.xml uses the entity '&xxe;' at line 2, position 66, which is not defined; a workbook uses only XML's five: &amp; &lt; &gt; &quot; &apos;")]
    [InlineData(
        "<?xml version=\"1.0\"?>\n<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>indicator</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>area</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>period</t></is></c><c r=\"D1\" t=\"inlineStr\"><is><t>value</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>burgl",
        2, "cannot read the workbook: xl/worksheets/sheet1.xml ends at line 2, position 287 before its XML is complete: the file was cut off")]
    [InlineData(
        "<?xml version=\"1.0\"?>\n<worksheet><sheetData><row r=\"1\"><c r=\"A1\" x=\"1\" x=\"2\"/></row></sheetData></worksheet>",
        1, "cannot read the workbook: xl/worksheets/sheet1.xml is not well-formed XML at line 2, position 50: 'x' is a duplicate attribute name.")]
    public void XML_that_is_not_plain_well_formed_XML_is_one_clear_error(string sheet, int row, string expected)
    {
        var path = _temp.File("hostile.xlsx");
        RawXlsx.Write(path, sheet);

        // The error is at the spreadsheet row being read when the XML failed.
        Assert.Equal([$"{path}:{row}:1: {expected}"], Errors(() => Loader.Load(path)));
    }

    [Fact]
    public void An_XML_token_longer_than_any_workbook_writes_is_refused()
    {
        var path = _temp.File("long-token.xlsx");
        RawXlsx.Write(path, RawXlsx.Sheet($"<row r=\"1\" x=\"{new string('x', 2 << 20)}\"/>"));

        // The ratio is raised so that the token, not the size it unpacks to, is what is refused.
        Assert.Equal(
            [$"{path}:1:1: cannot read the workbook: xl/worksheets/sheet1.xml holds a tag or text of more than 1,048,576 bytes, which no workbook has"],
            Errors(() => With(new() { MaxUnpackRatio = 10_000 }).Load(path)));
    }

    [Fact]
    public void A_workbook_cell_over_the_cell_limit_is_refused()
    {
        var path = _temp.File("long-cell.xlsx");
        RawXlsx.Write(path, RawXlsx.Sheet(RawXlsx.Header + RawXlsx.Row(2, ("A2", "burglary"), ("B2", new string('b', 40_000)), ("C2", "2016-12"), ("D2", "1"))));

        Assert.Equal(
            [$"{path}:2:2: cell B2 is longer than 32,767 characters, the limit for one cell: '{new string('b', 80)}…'"],
            Errors(() => Loader.Load(path)));
    }

    [Fact]
    public void Rows_and_cells_out_of_order_are_refused()
    {
        var rows = _temp.File("rows.xlsx");
        RawXlsx.Write(rows, RawXlsx.Sheet(RawXlsx.Header + RawXlsx.Row(3, ("A3", "burglary"), ("B3", "barnet"), ("C3", "2016-12"), ("D3", "284")) + RawXlsx.Row(2, ("A2", "y"))));
        var cells = _temp.File("cells.xlsx");
        RawXlsx.Write(cells, RawXlsx.Sheet(RawXlsx.Row(1, ("B1", "area"), ("A1", "indicator"))));

        Assert.Equal([$"{rows}:4:1: row 2 comes after row 3: a sheet's rows are in order, each once"], Errors(() => Loader.Load(rows)));
        Assert.Equal([$"{cells}:1:1: cell A1 comes after B1: a row's cells are in order, each once"], Errors(() => Loader.Load(cells)));
    }

    [Fact]
    public void A_workbook_damaged_anywhere_is_refused_with_errors_never_another_exception()
    {
        var path = _temp.File("whole.xlsx");
        XlsxWriter.Write(path, [["indicator", "area", "period", "value", "note"], ["burglary", "barnet", new DateOnly(2016, 12, 1), 284.0, "a note"], ["proven-reoffending", "barnet", "2016-12", 21.5, null]]);
        var whole = File.ReadAllBytes(path);
        var sheet = RawXlsx.Sheet(RawXlsx.Header + RawXlsx.Row(2, ("A2", "burglary"), ("B2", "barnet"), ("C2", "2016-12"), ("D2", "284")), "A1:D2");
        const string Significant = "<>/\"'&;=:A9 \u0000";
        var random = new Random(20161201);

        for (var i = 0; i < 500; i++)
        {
            // Bytes of the package changed at random, and characters of a sheet's XML.
            var bytes = (byte[])whole.Clone();
            for (var n = random.Next(1, 8); n > 0; n--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var xml = sheet.ToCharArray();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                xml[random.Next(xml.Length)] = Significant[random.Next(Significant.Length)];
            }

            var damagedXml = _temp.File($"damaged-{i}.xlsx");
            RawXlsx.Write(damagedXml, new string(xml));
            foreach (var source in new[] { DatasetSource.FromBytes($"damaged-{i}.xlsx", bytes), DatasetSource.FromFile(damagedXml) })
            {
                try
                {
                    Loader.Load(source);
                }
                catch (DatasetRejectedException ex)
                {
                    Assert.NotEmpty(ex.Errors);
                }
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Limits_below_one_are_refused_naming_the_limit(int value)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => With(new() { MaxErrorsPerFile = value }));

        Assert.Equal("MaxErrorsPerFile", ex.ParamName);
    }

    [Fact]
    public void More_columns_than_a_workbook_has_are_refused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => With(new() { MaxColumns = 16_385 }));

        Assert.Equal("MaxColumns", ex.ParamName);
    }

    [Fact]
    public void A_large_user_raises_a_limit()
    {
        var path = Write("wide.csv", string.Join(',', Enumerable.Range(1, 1_001).Select(i => $"c{i}")) + "\n1\n");

        var error = Assert.Single(Errors(() => With(DatasetLimits.Default with { MaxColumns = 2_000 }).Load(path)));

        Assert.StartsWith($"{path}:1:1: unrecognised header", error, StringComparison.Ordinal);
    }
}

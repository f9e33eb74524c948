using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Ingest;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Ingest;

public sealed class DatasetLoaderTests : IDisposable
{
    private static readonly DatasetLoader Loader = new(TestConfiguration.Create());

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_format_is_detected_from_the_header_not_the_file_name()
    {
        var misnamed = _temp.File("mps-crime.csv");
        File.Copy(TestFiles.Ingest("lfb-2016-slice.csv"), misnamed);

        Assert.Equal("lfb-monthly", Loader.Load(misnamed).Format);
    }

    [Fact]
    public void A_directory_loads_every_csv_and_xlsx_below_it_in_path_order()
    {
        Directory.CreateDirectory(_temp.File("b"));
        File.Copy(TestFiles.Ingest("mps-missing-row.csv"), _temp.File("b/mps.csv"));
        File.Copy(TestFiles.Ingest("lfb-2016-slice.csv"), _temp.File("a-lfb.CSV"));
        XlsxWriter.Write(_temp.File("c.xlsx"), [["indicator", "area", "period", "value"], ["proven-reoffending", "barnet", "2016-12", 21.5]]);
        File.WriteAllText(_temp.File("README.md"), "# not a dataset");
        File.WriteAllText(_temp.File("b/notes.txt"), "not a dataset either");
        File.WriteAllText(_temp.File("~$c.xlsx"), "Excel's lock file");

        var set = Loader.LoadAll([_temp.Path]);

        Assert.Equal(
            [_temp.File("a-lfb.CSV"), _temp.File("b/mps.csv"), _temp.File("c.xlsx")],
            set.Datasets.Select(d => d.File));
        Assert.Equal(21.5, set.Find("proven-reoffending", "barnet", new Period(2016, 12))?.Value);
    }

    [Fact]
    public void A_file_named_twice_is_loaded_once()
    {
        var file = TestFiles.Ingest("lfb-2016-slice.csv");

        var set = Loader.LoadAll([file, file]);

        Assert.Single(set.Datasets);
    }

    [Fact]
    public void MPS_counts_and_a_partner_s_supplied_ranks_combine()
    {
        var mps = TestFiles.Ingest("mps-historical-2015-2016.csv");

        var set = Loader.LoadAll([mps, TestFiles.Ingest("canonical-bd-2016-12.csv")]);

        var burglary = set.Find("burglary", "barking-and-dagenham", new Period(2016, 12));
        Assert.NotNull(burglary);
        Assert.Equal(119, burglary.Value);
        Assert.Equal(((3, 15), (5, 32)), (burglary.Supplied.RankIn("msg")!.Value, burglary.Supplied.RankIn("met")!.Value));
        Assert.Equal(new SourceRef(mps, 4), burglary.Source);
        Assert.Equal(new Period(2016, 12), set.LatestPeriod);
    }

    [Fact]
    public void One_bad_file_rejects_the_whole_load_and_every_file_s_errors_are_listed()
    {
        var load = Assert.Throws<DatasetRejectedException>(() => Loader.LoadAll(
        [
            TestFiles.Ingest("mps-historical-2015-2016.csv"),
            TestFiles.BadDataset("unknown-area.csv"),
            TestFiles.BadDataset("mps-bad-count.csv"),
        ]));

        Assert.Equal(
            [TestFiles.BadDataset("unknown-area.csv"), TestFiles.BadDataset("mps-bad-count.csv"), TestFiles.BadDataset("mps-bad-count.csv")],
            load.Errors.Select(e => e.File));
        Assert.Equal(string.Join(Environment.NewLine, load.Errors), load.Message);
    }

    [Fact]
    public void Loading_the_whole_bad_corpus_reports_every_file()
    {
        var corpus = TestFiles.BadDataset(string.Empty).TrimEnd('/');
        var files = Directory.EnumerateFiles(corpus, "*.csv", SearchOption.AllDirectories)
            .Select(f => f.Replace('\\', '/'))
            .Where(f => !f.Contains("/conflicting-values/1-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

        var load = Assert.Throws<DatasetRejectedException>(() => Loader.LoadAll([corpus]));

        // Each file has its own errors; 1-police.csv is good alone and only its partner conflicts with it.
        // Conflicts come after the files' own errors, as they are found only when merging.
        Assert.Equal(files, load.Errors.Select(e => e.File).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains("conflicting value", load.Errors[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_carry_the_column_and_the_offending_value()
    {
        var error = Assert.Single(Assert.Throws<DatasetRejectedException>(() => Loader.Load(TestFiles.BadDataset("mps-unknown-area.csv"))).Errors);

        Assert.Equal((3, 3, "Narnia"), (error.Line, error.Column, error.Value));
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var missing = _temp.File("nowhere.csv");

        var load = Assert.Throws<DatasetRejectedException>(() => Loader.LoadAll([missing]));

        Assert.Equal([$"{missing}:1:1: file not found"], load.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Paths_are_shown_with_forward_slashes()
    {
        var load = Assert.Throws<DatasetRejectedException>(() => Loader.Load("data\\inbox\\missing.csv"));

        Assert.Equal("data/inbox/missing.csv:1:1: file not found", Assert.Single(load.Errors).ToString());
    }

    [Fact]
    public void A_directory_given_to_Load_is_an_error()
    {
        var load = Assert.Throws<DatasetRejectedException>(() => Loader.Load(_temp.Path));

        Assert.Equal($"{_temp.Path}:1:1: is a directory, not a file: expected a .csv or .xlsx file", Assert.Single(load.Errors).ToString());
    }

    [Fact]
    public void A_directory_without_datasets_is_an_error()
    {
        File.WriteAllText(_temp.File("README.md"), "# nothing here");

        var load = Assert.Throws<DatasetRejectedException>(() => Loader.LoadAll([_temp.Path]));

        Assert.Equal($"{_temp.Path}:1:1: the directory holds no .csv, .csv.gz, .zip or .xlsx files", Assert.Single(load.Errors).ToString());
    }

    [Fact]
    public void No_paths_give_an_empty_set()
    {
        var set = Loader.LoadAll(Array.Empty<string>());

        Assert.Empty(set.All);
        Assert.Null(set.LatestPeriod);
    }
}

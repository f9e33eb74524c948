using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Ingest;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Ingest;

/// <summary>Datasets handed in as streams, as a web upload or a mail inbox would, read as their files do.</summary>
public sealed class DatasetSourceTests : IDisposable
{
    private static readonly DatasetLoader Loader = new(TestConfiguration.Create());

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>The observations of a file, as if read from a source of another name.</summary>
    private static IEnumerable<Observation> Renamed(IEnumerable<Observation> observations, string name) =>
        observations.Select(o => o with { Source = o.Source with { File = name } });

    [Fact]
    public void A_canonical_CSV_from_a_stream_gives_the_observations_of_its_file()
    {
        var path = TestFiles.Ingest("canonical-bd-2016-12.csv");

        var fromStream = Loader.Load(DatasetSource.FromStream("upload 1: canonical-bd-2016-12.csv", () => File.OpenRead(path)));
        var fromFile = Loader.Load(path);

        Assert.Equal(("upload 1: canonical-bd-2016-12.csv", "canonical", 5), (fromStream.File, fromStream.Format, fromStream.RowsRead));
        Assert.Equal(Renamed(fromFile.Observations, "upload 1: canonical-bd-2016-12.csv"), fromStream.Observations);
    }

    [Fact]
    public void An_MPS_slice_from_bytes_in_memory_gives_the_observations_of_its_file()
    {
        var path = TestFiles.Ingest("mps-historical-2015-2016.csv");

        var fromBytes = Loader.Load(DatasetSource.FromBytes("inbox/mps.csv", File.ReadAllBytes(path)));
        var fromFile = Loader.Load(path);

        Assert.Equal("mps-wide", fromBytes.Format);
        Assert.Equal(6 * 2 * 24, fromBytes.Observations.Count);
        Assert.Equal(Renamed(fromFile.Observations, "inbox/mps.csv"), fromBytes.Observations);
        Assert.Equal(fromFile.SkippedLabels, fromBytes.SkippedLabels);
    }

    [Fact]
    public void Streams_and_files_load_and_merge_together_as_files_do()
    {
        var mps = TestFiles.Ingest("mps-historical-2015-2016.csv");
        var partner = TestFiles.Ingest("canonical-bd-2016-12.csv");

        var fromSources = Loader.LoadAll(
        [
            DatasetSource.FromFile(mps),
            DatasetSource.FromStream("partner upload", () => File.OpenRead(partner)),
        ]);
        var fromFiles = Loader.LoadAll([mps, partner]);

        Assert.Equal([mps, "partner upload"], fromSources.Datasets.Select(d => d.File));
        Assert.Equal(
            fromFiles.All.Select(o => (o.Indicator, o.Area, o.Period, o.Value, o.Supplied)),
            fromSources.All.Select(o => (o.Indicator, o.Area, o.Period, o.Value, o.Supplied)));
        var burglary = fromSources.Find("burglary", "barking-and-dagenham", new Period(2016, 12));
        Assert.Equal((119.0, 3, 5), (burglary?.Value, burglary?.Supplied.RankIn("msg")?.Rank, burglary?.Supplied.RankIn("met")?.Rank));
    }

    [Fact]
    public void An_error_from_a_stream_names_the_source()
    {
        var source = DatasetSource.FromText("upload 3 (partner.csv)", "indicator,area,period,value\nburglary,barnet,2016-12,284\nburglary,Narnia,2016-12,5\n");

        var load = Assert.Throws<DatasetRejectedException>(() => Loader.LoadAll([source]));

        Assert.Equal(["upload 3 (partner.csv):3:2: unknown area 'Narnia'"], load.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_workbook_stream_is_known_by_its_content_whatever_its_name()
    {
        var path = _temp.File("partner.xlsx");
        XlsxWriter.Write(path, [["indicator", "area", "period", "value"], ["proven-reoffending", "barnet", "2016-12", 21.5]]);

        var dataset = Loader.Load(DatasetSource.FromBytes("attachment 2", File.ReadAllBytes(path)));

        Assert.Equal("canonical", dataset.Format);
        Assert.Equal(new Observation("proven-reoffending", "barnet", new Period(2016, 12), 21.5, SuppliedFigures.None, new SourceRef("attachment 2", 2)), Assert.Single(dataset.Observations));
    }

    [Fact]
    public void A_workbook_saved_with_a_csv_name_is_still_read_as_a_workbook()
    {
        var path = _temp.File("partner.xlsx");
        XlsxWriter.Write(path, [["indicator", "area", "period", "value"], ["proven-reoffending", "barnet", "2016-12", 21.5]]);
        File.Move(path, _temp.File("partner.csv"));

        var dataset = Loader.Load(_temp.File("partner.csv"));

        Assert.Equal(21.5, Assert.Single(dataset.Observations).Value);
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_read()
    {
        var bytes = File.ReadAllBytes(TestFiles.Ingest("lfb-2016-slice.csv"));

        var dataset = Loader.Load(DatasetSource.FromStream("pipe", () => new ForwardOnlyStream(bytes)));

        Assert.Equal(("lfb-monthly", 144, 2 * 2 * 12), (dataset.Format, dataset.RowsRead, dataset.Observations.Count));
    }

    [Fact]
    public void A_stream_s_name_is_not_checked_for_an_extension()
    {
        var dataset = Loader.Load(DatasetSource.FromText("alice@example.org", "indicator,area,period,value\nburglary,barnet,2016-12,284\n"));

        Assert.Equal(284, Assert.Single(dataset.Observations).Value);
    }

    [Fact]
    public void A_stream_that_cannot_be_opened_is_an_error_naming_the_source()
    {
        var source = DatasetSource.FromStream("upload 4", () => throw new IOException("the upload was cut off"));

        var load = Assert.Throws<DatasetRejectedException>(() => Loader.Load(source));

        Assert.Equal("upload 4:1:1: cannot read the file: the upload was cut off", Assert.Single(load.Errors).ToString());
    }

    [Fact]
    public void An_empty_stream_is_an_empty_file()
    {
        var load = Assert.Throws<DatasetRejectedException>(() => Loader.Load(DatasetSource.FromBytes("upload 5", [])));

        Assert.Equal("upload 5:1:1: the file is empty: expected a header row", Assert.Single(load.Errors).ToString());
    }

    [Fact]
    public void The_stream_is_opened_once_per_load_and_disposed()
    {
        var opened = new List<ForwardOnlyStream>();
        var source = DatasetSource.FromStream("upload 6", () =>
        {
            var stream = new ForwardOnlyStream("indicator,area,period,value\nburglary,barnet,2016-12,284\n"u8.ToArray());
            opened.Add(stream);
            return stream;
        });

        Loader.Load(source);
        Loader.LoadAll([source]);

        Assert.Equal(2, opened.Count);
        Assert.All(opened, s => Assert.True(s.Disposed));
    }

    [Fact]
    public void No_sources_give_an_empty_set()
    {
        Assert.Empty(Loader.LoadAll(Array.Empty<DatasetSource>()).All);
    }
}

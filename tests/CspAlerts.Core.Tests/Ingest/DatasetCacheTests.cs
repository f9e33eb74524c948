using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Ingest;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Ingest;

/// <summary>The cache the service keeps so that each inbox job reads only the new release, not every earlier one again.</summary>
public sealed class DatasetCacheTests : IDisposable
{
    private static readonly CspConfiguration Config = TestConfiguration.Create();

    private readonly TempDirectory _temp = new();
    private readonly DatasetCache _cache = new();

    public void Dispose() => _temp.Dispose();

    private DatasetLoader Loader(CspConfiguration? config = null, DatasetLimits? limits = null) => new(config ?? Config, limits: limits) { Cache = _cache };

    private string Canonical(string name, double value)
    {
        var path = _temp.File(name);
        File.WriteAllText(path, $"indicator,area,period,value\nburglary,barking-and-dagenham,2016-12,{value}\n");
        return path;
    }

    [Fact]
    public void An_unchanged_file_is_read_once_and_later_loads_are_answered_from_the_cache()
    {
        var a = Canonical("a.csv", 119);
        var b = Canonical("b.csv", 119);

        var first = Loader().LoadAll([a, b], RevisionPolicy.Newest);
        var second = Loader().LoadAll([a, b], RevisionPolicy.Newest);

        Assert.Equal((2L, 2L), _cache.Counts);
        Assert.Same(first.Datasets[0], second.Datasets[0]);
        Assert.Equal(119, second.Find("burglary", "barking-and-dagenham", new Period(2016, 12))?.Value);
    }

    [Fact]
    public void A_file_rewritten_since_is_read_again()
    {
        var a = Canonical("a.csv", 119);
        Loader().LoadAll([a]);
        File.WriteAllText(a, "indicator,area,period,value\nburglary,barking-and-dagenham,2016-12,1200\n"); // a new size
        var set = Loader().LoadAll([a]);
        File.WriteAllText(a, "indicator,area,period,value\nburglary,barking-and-dagenham,2016-12,1300\n"); // the same size, a new time
        File.SetLastWriteTimeUtc(a, File.GetLastWriteTimeUtc(a).AddSeconds(1));
        var again = Loader().LoadAll([a]);

        Assert.Equal(1200, set.Find("burglary", "barking-and-dagenham", new Period(2016, 12))?.Value);
        Assert.Equal(1300, again.Find("burglary", "barking-and-dagenham", new Period(2016, 12))?.Value);
        Assert.Equal((0L, 3L), _cache.Counts);
    }

    [Fact]
    public void A_file_gone_since_is_an_error_not_its_old_figures()
    {
        var a = Canonical("a.csv", 119);
        Loader().LoadAll([a]);
        File.Delete(a);

        var load = Assert.Throws<DatasetRejectedException>(() => Loader().LoadAll([a]));

        Assert.Contains("file not found", load.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_an_error_is_never_kept_so_its_error_is_reported_every_time()
    {
        var bad = _temp.File("bad.csv");
        File.WriteAllText(bad, "indicator,area,period,value\nburglary,barking-and-dagenham,2016-13,119\n");

        Assert.Throws<DatasetRejectedException>(() => Loader().LoadAll([bad]));
        var again = Assert.Throws<DatasetRejectedException>(() => Loader().LoadAll([bad]));

        Assert.Contains("invalid period '2016-13'", again.Message, StringComparison.Ordinal);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public void A_new_configuration_or_new_limits_read_every_file_again()
    {
        var a = Canonical("a.csv", 119);
        Loader().LoadAll([a]);

        Loader(TestConfiguration.Create()).LoadAll([a]);
        Loader(TestConfiguration.Create(), DatasetLimits.Default with { MaxErrorsPerFile = 7 }).LoadAll([a]);

        Assert.Equal((0L, 3L), _cache.Counts);
    }

    [Fact]
    public void A_load_keeps_only_its_own_files_and_names_each_dataset_as_it_was_given()
    {
        var a = Canonical("a.csv", 119);
        var b = Canonical("b.csv", 119);
        Loader().LoadAll([a, b]);

        Loader().LoadAll([b]);
        var relative = new DatasetLoader(Config, _temp.Path) { Cache = _cache }.LoadAll(["b.csv"]);

        Assert.Equal(1, _cache.Count);
        Assert.Equal("b.csv", Assert.Single(relative.Datasets).File); // not the earlier load's full path
    }

    [Fact]
    public void A_stream_is_never_kept()
    {
        Loader().LoadAll([DatasetSource.FromText("upload 1: a.csv", "indicator,area,period,value\nburglary,barking-and-dagenham,2016-12,119\n")]);

        Assert.Equal(0, _cache.Count);
        Assert.Equal((0L, 0L), _cache.Counts);
    }
}

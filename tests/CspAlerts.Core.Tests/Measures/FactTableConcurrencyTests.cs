using CspAlerts.Core.Tests.Support;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Measures;

/// <summary>A computed table is shared: a web page, a job and an email may all read facts from it at once.</summary>
public class FactTableConcurrencyTests
{
    [Fact]
    public void Facts_built_from_many_threads_at_once_are_the_facts_built_one_at_a_time()
    {
        var engine = RepoFiles.LoadEngine();
        var table = RepoFiles.Facts(engine);
        var work = table.Areas.SelectMany(a => Enumerable.Range(0, 24).Select(m => (a.Id, Period: new Period(2016, 12).AddMonths(-m)))).ToList();

        // Together first, while nothing is cached yet; then one at a time.
        var together = new List<(string, double?, double?)>[work.Count];
        Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            together[i] = table.FactsFor(work[i].Id, work[i].Period).Select(f => (f.Indicator, f.Rate, f.LondonRate)).ToList());
        var alone = work.Select(w => table.FactsFor(w.Id, w.Period).Select(f => (f.Indicator, f.Rate, f.LondonRate)).ToList()).ToList();

        Assert.Equal(alone, together);
    }
}

/// <summary>Which aggregate an area is compared with comes from the configuration.</summary>
public class FactTableComparatorTests
{
    [Fact]
    public void A_borough_is_compared_with_London_the_sum_of_the_32_met_boroughs_and_the_City_with_nothing()
    {
        var table = RepoFiles.Facts();

        var haringey = table.ComparatorOf("haringey");

        Assert.Equal(("london", 32), (haringey?.Aggregate.Id, haringey?.Members));
        Assert.Null(table.ComparatorOf("city-of-london"));
    }
}

using CspAlerts.Ingest;

namespace CspAlerts.Core.Tests.Ingest;

/// <summary>The quick sum every cell goes through agrees with the sum that words the errors.</summary>
public sealed class CountTests
{
    [Theory]
    [InlineData(0, 0, 10)]
    [InlineData(4, 6, 10)]
    [InlineData(4, 7, 10)]
    [InlineData(10, 0, 10)]
    [InlineData(10, 1, 10)]
    [InlineData(long.MaxValue - 1, 5, long.MaxValue)]
    [InlineData(long.MaxValue, 1, long.MaxValue)]
    public void TryAdd_adds_exactly_when_Add_would_and_leaves_the_sum_alone_when_not(long start, long count, long max)
    {
        var quick = start;
        var worded = start;

        var added = Count.TryAdd(ref quick, count, max);
        var problem = Count.Add(ref worded, count, "Burglary / Burglary in a Dwelling in Barnet at 2016-12", "burglary in barnet at 2016-12", 2, max);

        Assert.Equal(problem is null, added);
        Assert.Equal(worded, quick);
        Assert.Equal(added ? start + count : start, quick);
    }
}

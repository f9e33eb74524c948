using CspAlerts.Model;

namespace CspAlerts.Measures;

/// <summary>Populations by area and calendar year; an aggregate's is the sum of its members', when all are known.</summary>
internal sealed class PopulationTable(CspConfiguration config)
{
    // Facts are built on request, from any thread that holds the table: the cache must allow that.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Area, int Year), long?> _cache = new();

    public long? Of(Area area, int year)
    {
        if (!area.IsAggregate)
        {
            return area.PopulationIn(year);
        }

        if (_cache.TryGetValue((area.Id, year), out var cached))
        {
            return cached;
        }

        long? total = 0;
        foreach (var member in config.FindPeerGroup(area.SumOf!)?.Members ?? [])
        {
            if (config.FindArea(member)?.PopulationIn(year) is not long p)
            {
                total = null;
                break;
            }

            total += p;
        }

        _cache[(area.Id, year)] = total;
        return total;
    }

    /// <summary>The summed R12 of several areas per 1,000 of their summed population, or NaN when any population is unknown.</summary>
    public static double RateOf(IReadOnlyList<Area> areas, int year, double value)
    {
        long total = 0;
        foreach (var area in areas)
        {
            if (area.PopulationIn(year) is not long p)
            {
                return double.NaN;
            }

            total += p;
        }

        return total > 0 ? value / total * 1000.0 : double.NaN;
    }

    /// <summary>R12 per 1,000 population of the calendar year, or NaN when the population is unknown.</summary>
    public double RateOf(Area area, int year, double value) =>
        Of(area, year) is long p && p > 0 ? value / p * 1000.0 : double.NaN;
}

using CspAlerts.Diagnostics;
using CspAlerts.Ingest;
using CspAlerts.Model;

namespace CspAlerts.Benchmarks;

/// <summary>
/// A synthetic national-scale partnership history: areas with populations, a national peer group
/// and a Most Similar Group of 15 for each area, count indicators of every polarity, annual targets,
/// and monthly counts from a seeded generator (the same figures every run).
/// </summary>
internal static class NationalWorkload
{
    private static readonly SourceLocation Synthetic = new("synthetic", 1, 1);

    public static CspConfiguration Create(int areaCount, int indicatorCount, int months, IReadOnlyList<RuleDefinition> rules)
    {
        var random = new Random(2016);
        var areas = new List<Area>();
        for (var a = 0; a < areaCount; a++)
        {
            var population = new Dictionary<int, long>();
            var size = random.Next(60_000, 600_000);
            for (var year = 2010; year <= 2010 + (months / 12) + 1; year++)
            {
                population[year] = size + ((year - 2010) * size / 100);
            }

            areas.Add(new Area($"area-{a:D3}", $"Area {a}", null, [], population, null, Synthetic));
        }

        var ids = areas.Select(a => a.Id).ToList();
        var msg = ids.ToDictionary(
            id => id,
            id => (IReadOnlyList<string>)[id, .. ids.Where(other => other != id).OrderBy(_ => random.Next()).Take(14)]);
        var groups = new List<PeerGroup>
        {
            new("met", "All areas", ids, new Dictionary<string, IReadOnlyList<string>>(), Synthetic),
            new("msg", "Most Similar Group", [], msg, Synthetic),
        };
        areas.Add(new Area("london", "All areas", null, [], new Dictionary<int, long>(), "met", Synthetic));

        var indicators = new List<Indicator>();
        var targets = new List<Target>();
        for (var i = 0; i < indicatorCount; i++)
        {
            var polarity = (i % 10) switch
            {
                0 => Polarity.Monitor,
                1 or 2 => Polarity.HigherIsBetter,
                _ => Polarity.LowerIsBetter,
            };
            indicators.Add(new Indicator($"indicator-{i:D3}", $"Indicator {i}", "crime", [], polarity, IndicatorUnit.Count, "lead", [], IndicatorSources.None, Synthetic));
            if (i % 4 == 0)
            {
                foreach (var area in ids)
                {
                    for (var year = 2010; year <= 2010 + (months / 12); year++)
                    {
                        targets.Add(new Target($"indicator-{i:D3}", area, year, 600, null, Synthetic));
                    }
                }
            }
        }

        return new CspConfiguration(areas, [], groups, indicators, [], targets, Schedule.Empty, rules);
    }

    /// <summary>Monthly counts, series by series, generated as they are read: nothing is held.</summary>
    public static IEnumerable<Observation> Observations(CspConfiguration config, int months)
    {
        var random = new Random(42);
        var source = new SourceRef("synthetic.csv", 1);
        var start = new Period(2010, 1);
        foreach (var indicator in config.Indicators)
        {
            foreach (var area in config.Areas.Where(a => !a.IsAggregate))
            {
                var level = 20 + random.Next(80);
                var drift = (random.NextDouble() - 0.5) * 0.02;
                for (var m = 0; m < months; m++)
                {
                    var expected = level * Math.Exp(drift * m) * (1 + (0.15 * Math.Sin(m * Math.PI / 6)));
                    var value = Math.Max(0, Math.Round(expected + ((random.NextDouble() - 0.5) * 2 * Math.Sqrt(expected))));
                    yield return new Observation(indicator.Id, area.Id, start.AddMonths(m), value, SuppliedFigures.None, source);
                }
            }
        }
    }
}

using CspAlerts.Core.Tests.Support;
using CspAlerts.Model;
using CspAlerts.Rules;

namespace CspAlerts.Core.Tests.Measures;

/// <summary>Rules read a series in place; explain, measures and the firings read a built fact. Both must say the same.</summary>
public class SeriesReadingTests
{
    [Fact]
    public void Every_measure_read_in_place_is_the_measure_of_the_built_fact()
    {
        var engine = RepoFiles.LoadEngine();
        var table = RepoFiles.Facts(engine, everyArea: true);
        var catalogue = engine.Configuration.Measures;
        var reading = table.Reading();
        var compared = 0;
        foreach (var area in table.Areas)
        {
            foreach (var series in table.SeriesOf(area.Id))
            {
                // Reading the months in turn, and some twice, as a backtest and a rule's 'for' do.
                for (var t = 0; t <= table.Offset(table.Last); t += 5)
                {
                    if (!series.HasDataAt(t))
                    {
                        continue;
                    }

                    var built = new RuleFact(table.Build(series, t), series.Indicator, catalogue);
                    var inPlace = new RuleFact(reading.MoveTo(series, t), series.Indicator, catalogue);
                    foreach (var measure in catalogue.All)
                    {
                        Assert.Equal(built.ValueOf(measure.Name), inPlace.ValueOf(measure.Name));
                        Assert.Equal(built.ValueOf(measure.Name), inPlace.ValueOf(measure.Name));
                    }

                    Assert.Equal(JsonOf(built.Fact), JsonOf(inPlace.Fact));
                    compared++;
                }
            }
        }

        Assert.True(compared > 1000, $"only {compared} facts compared");
    }

    private static string JsonOf(Fact fact) => System.Text.Json.JsonSerializer.Serialize(fact);
}

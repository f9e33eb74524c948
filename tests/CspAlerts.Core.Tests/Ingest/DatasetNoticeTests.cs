using CspAlerts.Core.Tests.Support;
using CspAlerts.Ingest;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Ingest;

/// <summary>Figures a dataset may supply but that change what the run computes load with a notice each.</summary>
public sealed class DatasetNoticeTests
{
    private static readonly DatasetLoader Loader = new(TestConfiguration.Create());

    [Fact]
    public void Figures_for_London_and_supplied_London_and_England_values_are_reported()
    {
        var path = DatasetFiles.Path("partner-london.csv");

        var dataset = Loader.Load(path);

        Assert.Equal(
        [
            $"{path}:2: figures for London supplied here replace the London total computed from the Metropolitan Police Service boroughs for every month of burglary, not only the months given (1 row, at line 2)",
            $"{path}:3: figures for London supplied here are London's figures for proven-reoffending in comparisons with London (1 row, at line 3)",
            $"{path}:4: london_value supplied here is used as London's value for proven-reoffending and proven-reoffending-young-people, in place of any figure the London area has (2 rows, from line 4)",
            $"{path}:4: england_value supplied here is used as England's value for proven-reoffending and proven-reoffending-young-people (2 rows, from line 4)",
        ],
            dataset.Notices.Select(n => n.ToString()));
        Assert.Equal(5210, dataset.Observations[0].Value);
    }

    [Fact]
    public void A_set_carries_the_notices_of_each_dataset_in_the_order_loaded()
    {
        var mps = TestFiles.Ingest("mps-historical-2015-2016.csv");
        var partner = DatasetFiles.Path("partner-london.csv");

        var set = Loader.LoadAll([mps, partner]);

        Assert.Equal(4, set.Notices.Count);
        Assert.All(set.Notices, n => Assert.Equal(partner, n.File));
        Assert.Equal(5210, set.Find("burglary", "london", new Period(2016, 12))?.Value);
    }

    [Fact]
    public void A_file_of_boroughs_alone_has_no_notices()
    {
        Assert.Empty(Loader.Load(TestFiles.Ingest("mps-historical-2015-2016.csv")).Notices);
        Assert.Empty(Loader.LoadAll([TestFiles.Ingest("lfb-2016-slice.csv")]).Notices);
    }

    [Fact]
    public void Many_indicators_are_named_up_to_five_then_counted()
    {
        var rows = string.Concat(new[] { "burglary", "residential-burglary", "robbery", "theft-from-person", "total-notifiable-offences", "rape", "deliberate-fires" }
            .Select(i => $"{i},london,2016-12,1\n"));

        var dataset = Loader.Load(DatasetSource.FromText("partner.csv", "indicator,area,period,value\n" + rows));

        Assert.Equal(
            "partner.csv:2: figures for London supplied here replace the London total computed from the Metropolitan Police Service boroughs " +
            "for every month of burglary, residential-burglary, robbery, theft-from-person, total-notifiable-offences and 2 more, not only the months given (7 rows, from line 2)",
            Assert.Single(dataset.Notices).ToString());
    }
}

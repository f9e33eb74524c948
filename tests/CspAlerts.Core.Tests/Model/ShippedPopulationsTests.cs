using CspAlerts.Configuration;
using CspAlerts.Core.Tests.Support;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Model;

/// <summary>
/// The populations shipped in rules/areas.yaml: every area has one for every year of the public MPS
/// files, and spot values taken from each source file show the right row and column were used.
/// </summary>
public class ShippedPopulationsTests
{
    private const int FirstYear = 2009;
    private const int LastYear = 2024;

    private static readonly Lazy<CspConfiguration> Shipped = new(() => ConfigurationLoader.Load(RepoFiles.Rules));

    [Fact]
    public void Every_borough_has_a_population_for_every_year_of_the_shipped_data()
    {
        var areas = Shipped.Value.Areas.Where(a => !a.IsAggregate).ToList();

        Assert.Equal(33, areas.Count);
        var missing =
            from area in areas
            from year in Enumerable.Range(FirstYear, LastYear - FirstYear + 1)
            where area.PopulationIn(year) is not > 0
            select $"{area.Id} {year}";
        Assert.Empty(missing);
    }

    [Fact]
    public void The_london_aggregate_has_no_population_of_its_own_but_all_its_members_have_one()
    {
        var config = Shipped.Value;
        var london = config.FindArea("london")!;
        var members = config.FindPeerGroup(london.SumOf!)!.Members;

        Assert.Empty(london.Population);
        Assert.Equal(32, members.Count);
        Assert.All(members, id => Assert.All(
            Enumerable.Range(FirstYear, LastYear - FirstYear + 1),
            year => Assert.NotNull(config.FindArea(id)!.PopulationIn(year))));
    }

    public static TheoryData<string, int, long> SpotValues => new()
    {
        // 2009-2019, ONS pre-Census-2021 vintage (ons_mye_london_boroughs_2009_2019_long.csv):
        // unchanged, the acceptance figures depend on them.
        { "barking-and-dagenham", 2016, 208182 },
        // 2009-2019, GLA series (gla_housing_density_borough_1999_2050.csv, column Population).
        { "hackney", 2016, 273922 },
        // 2020, ONS mid-2020 (ukpopestimatesmid2020on2021geography.xls, MYE4, column Mid-2020;
        // Mid-2019 would be 261317 and 9721).
        { "westminster", 2020, 269848 },
        { "city-of-london", 2020, 10938 },
        // 2021, ONS mid-2021 rebased on Census 2021
        // (ukpopestimatesmid2021on2021geographyfinal.xls, MYE2 - Persons, All ages).
        { "westminster", 2021, 205087 },
        { "camden", 2021, 210390 },
        // 2022, ONS mid-2022 (mye22final.xlsx, MYE2 - Persons, All ages).
        { "barking-and-dagenham", 2022, 219992 },
        { "westminster", 2022, 211365 },
        // 2023-2024, GLA population projections (gla_housing_density_borough_1999_2050.csv,
        // column Population, not Population_per_hectare).
        { "westminster", 2023, 267274 },
        { "barking-and-dagenham", 2024, 229337 },
    };

    [Theory]
    [MemberData(nameof(SpotValues))]
    public void A_population_equals_the_figure_in_its_source_file(string area, int year, long expected)
    {
        Assert.Equal(expected, Shipped.Value.FindArea(area)!.PopulationIn(year));
    }

    [Fact]
    public void The_met_boroughs_2021_populations_add_up_to_the_ons_london_figure_less_the_city()
    {
        // ONS mid-2021 London is 8,796,628; the City of London (8,618) is not a member of `met`.
        var config = Shipped.Value;
        var total = config.FindPeerGroup("met")!.Members.Sum(id => config.FindArea(id)!.PopulationIn(2021)!.Value);

        Assert.Equal(8_796_628 - 8_618, total);
    }

    [Theory]
    [InlineData(2009, 2020)]
    [InlineData(2021, 2022)]
    [InlineData(2023, 2024)]
    public void Within_one_series_no_met_borough_moves_more_than_5_percent_a_year(int first, int last)
    {
        // The series breaks at 2021 (Census 2021 rebasing) and at 2023 (GLA projections): Westminster
        // and Camden move by about a quarter there. Inside a series no borough moves by 5% in a year,
        // so a figure taken from the wrong row or column would show here.
        var config = Shipped.Value;
        var jumps =
            from id in config.FindPeerGroup("met")!.Members
            let area = config.FindArea(id)!
            from year in Enumerable.Range(first + 1, last - first)
            let change = (double)area.PopulationIn(year)!.Value / area.PopulationIn(year - 1)!.Value - 1
            where Math.Abs(change) >= 0.05
            select $"{id} {year - 1}-{year}: {change:P1}";

        Assert.Empty(jumps);
    }
}

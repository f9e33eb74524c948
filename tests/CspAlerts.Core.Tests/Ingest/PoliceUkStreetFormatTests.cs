using System.IO.Compression;
using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Evaluation;
using CspAlerts.Ingest;
using CspAlerts.Model;

namespace CspAlerts.Core.Tests.Ingest;

/// <summary>
/// police.uk street-level files on the real Leicestershire Police data: 24 months, November 2020 to
/// October 2022, as the download's zip (seeds-charnwood; Crime ID, coordinates, street, outcome and
/// context blanked to keep it small, every other cell as published), with the Charnwood configuration.
/// </summary>
public sealed class PoliceUkStreetFormatTests
{
    private static readonly string Zip = Path.Combine(RepoFiles.Root, "seeds-charnwood", "leicestershire-street-2020-11-to-2022-10.zip");
    private static readonly ExceptionEngine Engine = ExceptionEngine.Load(Path.Combine(RepoFiles.Root, "configs", "charnwood"));
    private static readonly Lazy<PreparedRun> October2022 = new(() => Engine.Prepare(new EvaluationRequest([Zip])));
    private static readonly Period October = new(2022, 10);

    private static Fact Fact(string indicator, string area = "charnwood") =>
        October2022.Value.Table.Find(indicator, area, October) ?? throw new InvalidOperationException($"no fact for {indicator} in {area}");

    // Expected figures were computed independently of the product, by a short Python pass over the
    // raw published CSVs (csv.DictReader over each YYYY-MM-leicestershire-street.csv; LSOA code ->
    // LAD19CD with the ONS LSOA11_WD19_LAD19_EW_LU.csv; LAD19CD -> CSP19NM and PFA19NM with
    // LAD19_CSP19_PFA19_EW_LU.csv; rows with no LSOA, or in a district of another force, left out;
    // R12 = the count over November 2021 to October 2022, previous = November 2020 to October 2021;
    // populations from ons_mye_population_by_area_2001_2022_long.csv, 2022: Charnwood 184,748, the
    // nine Leicestershire districts 1,136,705).
    [Theory]
    [InlineData("anti-social-behaviour", 1835, 1714)]
    [InlineData("all-crime", 14714, 12701)]
    [InlineData("burglary", 723, 576)]
    [InlineData("criminal-damage-and-arson", 1690, 1415)]
    [InlineData("drugs", 266, 345)]
    [InlineData("robbery", 76, 78)]
    [InlineData("theft-from-person", 95, 58)]
    [InlineData("vehicle-crime", 1150, 783)]
    [InlineData("violence-and-sexual-offences", 5891, 5312)]
    public void Charnwood_twelve_months_to_October_2022_match_an_independent_count_of_the_raw_files(string indicator, int r12, int previous)
    {
        var fact = Fact(indicator);

        Assert.Equal(r12, fact.Value);
        Assert.Equal(previous, fact.Previous);
        Assert.Equal(100.0 * (r12 - previous) / previous, fact.ChangePct!.Value, 9);
        Assert.Equal(r12 / 184_748.0 * 1000, fact.Rate!.Value, 9);
    }

    [Fact]
    public void All_crime_is_the_thirteen_crime_types_without_anti_social_behaviour()
    {
        var crimeTypes = Engine.Configuration.FindIndicator("all-crime")!.Sources.PoliceUk;

        Assert.Equal(13, crimeTypes.Count);
        Assert.DoesNotContain(PoliceUkCrimeTypes.AntiSocialBehaviour, crimeTypes);
    }

    [Fact]
    public void Force_figures_are_those_of_the_summed_Leicestershire_total()
    {
        // Independent count as above: the nine CSPs' burglary 5,145 against 3,648; all crime 100,279
        // against 86,042; anti-social behaviour 10,009 against 10,434 (rate 8.805 per 1,000).
        Assert.Equal(100.0 * (5145 - 3648) / 3648, Fact("burglary").ForceChangePct!.Value, 9);
        Assert.Equal(100.0 * (100279 - 86042) / 86042, Fact("all-crime").ForceChangePct!.Value, 9);
        Assert.Equal(100279 / 1_136_705.0 * 1000, Fact("all-crime").ForceRate!.Value, 9);
        Assert.Equal(8.805274895, Fact("anti-social-behaviour").ForceRate!.Value, 6);

        // All crime per 1,000 by CSP: Rutland 46.2 ... Charnwood 79.6, Leicester 129.4: Charnwood is 8th of 9.
        var force = Fact("all-crime").Peers["force"];
        Assert.Equal((8, 9, 4, PeerPosition.ByRate), (force.Rank!.Value, force.Size, force.Quartile!.Value, force.RankBasis));
        Assert.Equal(1, Fact("all-crime", "rutland").Peers["force"].Rank);
    }

    [Fact]
    public void Every_row_is_counted_in_an_area_or_said_to_be_in_none()
    {
        var run = October2022.Value;
        var months = run.Datasets.SelectMany(d => d.StreetMonths).ToList();
        Assert.Equal(24, months.Count);
        foreach (var month in months)
        {
            var counted = run.Table.Areas.Sum(a =>
                (run.Table.Find("all-crime", a.Id, month.Period)?.MonthValue ?? 0) + (run.Table.Find("anti-social-behaviour", a.Id, month.Period)?.MonthValue ?? 0));
            Assert.Equal(month.Rows, counted + month.NoLsoa + month.OutsideAreas.Values.Sum() + month.OtherForces.Values.Sum());
        }

        // Rows with no LSOA: 402 in October 2022, 3,575 over the 24 months (independent count).
        Assert.Equal(402, months.Single(m => m.Period == October).NoLsoa);
        Assert.Equal(3575, months.Sum(m => m.NoLsoa));
        Assert.Contains(run.Warnings, w => w.Kind == RunWarning.StreetRowsUncounted && w.Message.Contains("3,575 rows", StringComparison.Ordinal));

        // Independent count: 452 of 97,104 rows (0.47%) had no LSOA from November 2020 to October 2021, 3,123 of 113,663 (2.75%) a year later.
        Assert.Contains(run.Warnings, w => w.Message == "police.uk Leicestershire Police: the share of rows with no LSOA went from 0.5% in the 12 months to October 2021 to 2.7% in the 12 months to October 2022, " +
            "so changes counted by area understate the change in all the force's rows by about 2.3 percentage points");
        Assert.Contains(run.Warnings, w => w.Kind == RunWarning.StreetRowsUncounted && w.Message.Contains("428 rows lie in areas of other forces", StringComparison.Ordinal));
    }

    [Fact]
    public void Rates_that_cross_the_Census_2021_rebasing_are_said_to()
    {
        // ONS: Charnwood 188,416 in mid-2020 (pre-Census series), 182,817 in mid-2021 (rebased). In
        // November 2021 the year before is November 2020: the rates cross the rebasing. In October 2022 they do not.
        var run = Engine.Prepare(new EvaluationRequest([Zip]) { Period = new Period(2021, 11) });
        var warning = Assert.Single(run.Warnings, w => w.Kind == RunWarning.PopulationBasis);
        Assert.DoesNotContain(October2022.Value.Warnings, w => w.Kind == RunWarning.PopulationBasis);

        Assert.Contains("Charnwood 188,416 in 2020, 182,817 in 2021 (-3.0%)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_month_with_no_row_of_a_type_in_an_area_is_zero_not_missing()
    {
        // Blaby had no robbery in June 2021 (independent count); the month is 0 and its R12 is known.
        var june = October2022.Value.Table.Find("robbery", "blaby", new Period(2021, 6));

        Assert.Equal(0, june!.MonthValue);
        Assert.Equal(9 * 15, October2022.Value.Datasets[0].Observations.Count);
    }

    [Fact]
    public void A_month_missing_from_the_force_series_is_missing_and_named_in_a_warning()
    {
        using var folder = new TempDirectory();
        ZipFile.ExtractToDirectory(Zip, folder.Path);
        Directory.Delete(folder.File("2022-03"), recursive: true);

        var run = Engine.Prepare(new EvaluationRequest([folder.Path]));
        var fact = run.Table.Find("burglary", "charnwood", October)!;

        Assert.Null(fact.Value);
        Assert.Null(fact.ChangePct);
        Assert.Null(fact.ForceChangePct);
        Assert.Contains(run.Warnings, w => w.Kind == RunWarning.MissingMonth && w.Message.Contains("March 2022", StringComparison.Ordinal));
    }

    [Fact]
    public void A_force_whose_files_stop_before_the_latest_month_of_the_data_is_missing_its_last_months()
    {
        static Dataset Month(string force, int year, int month) => new($"{year}-{month:D2}.csv", "police-uk-street", [], 1, new Dictionary<string, int>())
        {
            StreetMonths = [new StreetMonth(force, new Period(year, month), 1, 0, new Dictionary<string, int>(), new Dictionary<string, int>())],
        };

        var warnings = StreetCoverage.Warnings([Month("Leicestershire Police", 2022, 8), Month("Leicestershire Police", 2022, 9), Month("Derbyshire Constabulary", 2022, 8), Month("Derbyshire Constabulary", 2022, 10)]).ToList();

        Assert.Equal(
            ["missing month: the police.uk files of Leicestershire Police have no October 2022 (the data runs to October 2022); a missing month is not zero, so every rolling total, change, year to date and rank whose window includes it is empty",
             "missing month: the police.uk files of Derbyshire Constabulary have no September 2022; a missing month is not zero, so every rolling total, change, year to date and rank whose window includes it is empty"],
            warnings.Select(w => w.Message));
    }

    [Fact]
    public void The_outcomes_and_stop_and_search_files_of_an_unpacked_download_are_passed_over_and_said_to_be()
    {
        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.File("2022-10"));
        File.WriteAllBytes(folder.File("2022-10/2022-10-leicestershire-street.csv"), Entry("2022-10/2022-10-leicestershire-street.csv"));
        File.WriteAllText(folder.File("2022-10/2022-10-leicestershire-outcomes.csv"),
            "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\nabc,2022-10,Leicestershire Police,Leicestershire Police,,,,E01025732,Charnwood 012A,Unable to prosecute suspect\n");
        File.WriteAllText(folder.File("2022-10/2022-10-leicestershire-stop-and-search.csv"),
            "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing\n");

        var run = Engine.Prepare(new EvaluationRequest([folder.Path]));

        Assert.Equal(9 * 15, run.Datasets.Sum(d => d.Observations.Count));
        Assert.Contains(run.Warnings, w => w.Message == "police.uk: 1 outcomes and 1 stop-and-search file(s) passed over, not read: CspAlerts counts the street-level crime files");
    }

    [Fact]
    public void A_zip_given_as_one_file_says_how_to_load_it()
    {
        var error = Assert.Single(Assert.Throws<DatasetRejectedException>(() => new DatasetLoader(Engine.Configuration).Load(Zip)).Errors);

        Assert.EndsWith("leicestershire-street-2020-11-to-2022-10.zip:1:1: is a .zip archive, which holds several files: load it with LoadAll (the command line's --data), which reads each .csv in it", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_in_LSOAs_outside_every_configured_area_are_counted_and_said()
    {
        // The London configuration has none of Leicestershire's CSPs: every located row is outside its areas
        // (independent count: no row of October 2022 is in a London LSOA).
        using var folder = new TempDirectory();
        File.WriteAllBytes(folder.File("2022-10-leicestershire-street.csv"), Entry("2022-10/2022-10-leicestershire-street.csv"));
        var london = ExceptionEngine.Load(RepoFiles.Rules);

        var month = Assert.Single(london.LoadData([folder.Path]).Datasets.Single().StreetMonths);

        Assert.Equal(month.Rows - month.NoLsoa, month.OutsideAreas.Values.Sum());
        Assert.Contains("Blaby 002A (E01025631)", month.OutsideAreas.Keys); // the file's first row
        Assert.Contains("other LSOAs", month.OutsideAreas.Keys); // past the first 200 LSOAs named
    }

    [Fact]
    public void A_gzipped_month_reads_as_the_plain_file_does()
    {
        using var folder = new TempDirectory();
        var csv = Entry("2022-10/2022-10-leicestershire-street.csv");
        File.WriteAllBytes(folder.File("2022-10-leicestershire-street.csv"), csv);
        File.WriteAllBytes(folder.File("2022-10-leicestershire-street.csv.gz"), Gzip(csv));
        var loader = new DatasetLoader(Engine.Configuration);

        var plain = loader.Load(folder.File("2022-10-leicestershire-street.csv"));
        var gzipped = loader.Load(folder.File("2022-10-leicestershire-street.csv.gz"));

        Assert.Equal(plain.Observations.Select(o => (o.Indicator, o.Area, o.Value)), gzipped.Observations.Select(o => (o.Indicator, o.Area, o.Value)));
    }

    [Fact]
    public void A_row_whose_month_disagrees_with_the_file_name_is_an_error_naming_file_and_line()
    {
        var text = Header + "\n" + Row("2022-10", "Burglary") + "\n" + Row("2022-09", "Burglary") + "\n";

        var error = Assert.Single(Rejected("2022-10-leicestershire-street.csv", text));

        Assert.Equal("2022-10-leicestershire-street.csv:3:2: the row is for September 2022 (2022-09) but the file is named for October 2022 (2022-10)", error.ToString());
    }

    [Fact]
    public void An_unknown_crime_type_is_an_error_naming_file_and_line()
    {
        var text = Header + "\n" + Row("2022-10", "Violent crime") + "\n";

        var error = Assert.Single(Rejected("2022-10-leicestershire-street.csv", text));

        Assert.StartsWith("2022-10-leicestershire-street.csv:2:10: unknown crime type 'Violent crime': expected one of Anti-social behaviour, Bicycle theft,", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_gzip_file_is_refused_not_read_short()
    {
        using var folder = new TempDirectory();
        var gz = Gzip(Entry("2022-10/2022-10-leicestershire-street.csv"));
        File.WriteAllBytes(folder.File("2022-10-leicestershire-street.csv.gz"), gz[..(gz.Length / 2)]);

        var error = Assert.Single(Assert.Throws<DatasetRejectedException>(() => new DatasetLoader(Engine.Configuration).LoadAll([folder.Path])).Errors);

        Assert.Contains("2022-10-leicestershire-street.csv.gz:1:1: the compressed data is damaged or cut short (an incomplete download?)", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_zip_download_is_refused()
    {
        using var folder = new TempDirectory();
        var bytes = File.ReadAllBytes(Zip);
        File.WriteAllBytes(folder.File("download.zip"), bytes[..(bytes.Length - 1000)]);

        var error = Assert.Single(Assert.Throws<DatasetRejectedException>(() => new DatasetLoader(Engine.Configuration).LoadAll([folder.File("download.zip")])).Errors);

        Assert.Contains("download.zip:1:1: cannot read the zip archive (damaged or cut short, an incomplete download?)", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Leicestershire Police", "Leicestershire")]
    [InlineData("City of London Police", "London, City of")]
    [InlineData("Devon & Cornwall Police", "devon-and-cornwall")]
    [InlineData("Metropolitan Police Service", "Metropolitan Police")]
    [InlineData("Avon and Somerset Constabulary", "Avon and Somerset")]
    public void A_force_is_the_same_as_the_file_and_the_ONS_name_it(string file, string ons) =>
        Assert.Equal(PoliceUkStreetFormat.ForceKey(ons), PoliceUkStreetFormat.ForceKey(file));

    private const string Header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";

    private static string Row(string month, string type) =>
        $",{month},Leicestershire Police,Leicestershire Police,,,,E01025732,Charnwood 012A,{type},,";

    private static IReadOnlyList<DataError> Rejected(string name, string text) =>
        Assert.Throws<DatasetRejectedException>(() => new DatasetLoader(Engine.Configuration).Load(DatasetSource.FromText(name, text))).Errors;

    private static byte[] Entry(string name)
    {
        using var archive = ZipFile.OpenRead(Zip);
        using var stream = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return packed.ToArray();
    }
}

using CspAlerts.Core.Tests.Support;
using CspAlerts.Diagnostics;
using CspAlerts.Ingest;

namespace CspAlerts.Core.Tests.Ingest;

/// <summary>The corpus in TestData/bad-datasets: each file is rejected whole, with these exact messages.</summary>
public sealed class BadDatasetTests
{
    private const string UnrecognisedHeader =
        "unrecognised header: found columns 'foo', 'bar'; expected a canonical CSV (indicator, area, period, value, ...), " +
        "an MPS borough crime file (MajorText, MinorText, LookUp_BoroughName or BoroughName, or Group, SubGroup, BOCU, " +
        "then YYYYMM month columns), an LFB monthly incidents file " +
        "(Borough, Callout_type, Date, Number of reported incidents, Year, Month) or a police.uk street-level file " +
        "(Crime ID, Month, Reported by, Falls within, ..., LSOA code, LSOA name, Crime type, ...)";

    private static readonly DatasetLoader Loader = new(TestConfiguration.Create());

    /// <summary>The expected errors, with each file named relative to the corpus folder.</summary>
    private static IEnumerable<string> InCorpus(IEnumerable<string> expected) =>
        expected.Select(e => $"{TestFiles.BadDataset(e)}");

    [Theory]
    [InlineData("unknown-area.csv", "unknown-area.csv:3:2: unknown area 'Narnia'")]
    [InlineData("unknown-indicator.csv", "unknown-indicator.csv:2:1: unknown indicator 'burgalry'")]
    [InlineData("invalid-period.csv", "invalid-period.csv:2:3: invalid period '2016-13': expected YYYY-MM")]
    [InlineData("duplicate-row.csv", "duplicate-row.csv:5:1: duplicate row for burglary in barking-and-dagenham at 2016-12 (first at line 4)")]
    [InlineData("non-numeric-value.csv", "non-numeric-value.csv:2:4: value 'abc' is not a number")]
    [InlineData("empty-value.csv", "empty-value.csv:2:4: value for burglary in barking-and-dagenham at 2016-12 is empty and the row supplies no ready-made figure")]
    [InlineData("unknown-header.csv", "unknown-header.csv:1:1: " + UnrecognisedHeader)]
    [InlineData("unknown-column.csv", "unknown-column.csv:1:5: unknown column 'colour': expected indicator, area, period, value, previous, change_pct, london_value, england_value, ytd, ytd_target, target, met_rank, met_size, msg_rank, msg_size or note")]
    [InlineData("missing-column.csv", "missing-column.csv:1:1: missing required column 'period'")]
    [InlineData("rank-over-size.csv", "rank-over-size.csv:2:5: msg_rank 16 is greater than msg_size 15")]
    [InlineData("rank-without-size.csv", "rank-without-size.csv:2:5: msg_rank 13 needs msg_size, the number of areas ranked")]
    [InlineData("empty.csv", "empty.csv:1:1: the file is empty: expected a header row")]
    [InlineData("not-a-dataset.txt", "not-a-dataset.txt:1:1: unsupported file type '.txt': expected .csv, .csv.gz, .zip or .xlsx")]
    [InlineData("truncated-mps-row.csv", "truncated-mps-row.csv:4:1: row has 40 cells but the header has 145 (truncated row?)")]
    [InlineData("mps-duplicate-row.csv", "mps-duplicate-row.csv:4:1: duplicate row for Burglary / Domestic Burglary in Barking and Dagenham (first at line 3)")]
    [InlineData("mps-unknown-area.csv", "mps-unknown-area.csv:3:3: unknown area 'Narnia'")]
    [InlineData("mps-bad-month-column.csv", "mps-bad-month-column.csv:1:5: invalid month column '201613': expected YYYYMM")]
    [InlineData("mps-mixed-classification.csv", "mps-mixed-classification.csv:3:1: category 'BURGLARY' is in the new UPPER CASE classification but this file uses the old Title Case one (line 2)")]
    [InlineData("lfb-duplicate-row.csv", "lfb-duplicate-row.csv:4:1: duplicate row for ALL DELIBERATE FIRES in Barking and dagenham at 2016-04 (first at line 2)")]
    [InlineData("lfb-bad-month.csv", "lfb-bad-month.csv:3:6: invalid month '13': expected 1 to 12")]
    [InlineData("lfb-bad-values.csv",
        "lfb-bad-values.csv:2:5: invalid year '20x6': expected YYYY",
        "lfb-bad-values.csv:3:1: unknown area 'Narnia'",
        "lfb-bad-values.csv:3:4: count 'n/a' for ALL DELIBERATE FIRES in Narnia at 2016-05 is not a whole number")]
    [InlineData("thousands-ambiguous.csv",
        "thousands-ambiguous.csv:2:4: value '1,40' is not a number: a comma may only separate thousands, as in 1,200",
        "thousands-ambiguous.csv:3:4: value '1,3570' is not a number: a comma may only separate thousands, as in 1,200",
        "thousands-ambiguous.csv:4:4: value ',' is not a number: a comma may only separate thousands, as in 1,200",
        "thousands-ambiguous.csv:5:4: value '25,1' is not a number: a comma may only separate thousands, as in 1,200")]
    [InlineData("mps-bad-thousands.csv",
        "mps-bad-thousands.csv:2:4: count '1,42' for All Offences / All Offences in Barking and Dagenham at 2016-01 is not a whole number: a comma may only separate thousands, as in 1,200",
        "mps-bad-thousands.csv:2:5: count '1,418.5' for All Offences / All Offences in Barking and Dagenham at 2016-02 is not a whole number")]
    [InlineData("lfb-bad-thousands.csv",
        "lfb-bad-thousands.csv:2:4: count '2,0' for ALL DELIBERATE FIRES in Barking and dagenham at 2016-04 is not a whole number: a comma may only separate thousands, as in 1,200")]
    [InlineData("badly-quoted.csv",
        "badly-quoted.csv:2:1: badly quoted field '1\"19': a quote must open and close the whole field",
        "badly-quoted.csv:2:4: value '1\"19' is not a number")]
    [InlineData("mps-bad-count.csv",
        "mps-bad-count.csv:2:6: count 'abc' for Burglary / Burglary Business and Community in Barking and Dagenham at 2016-03 is not a whole number",
        "mps-bad-count.csv:3:15: count -3 for Burglary / Domestic Burglary in Barking and Dagenham at 2016-12 is negative; counts cannot be below zero")]
    [InlineData("negative-count.csv",
        "negative-count.csv:2:4: value -2 for burglary in haringey at 2016-12 is negative; counts cannot be below zero",
        "negative-count.csv:3:4: value -1200 for serious-youth-violence in barking-and-dagenham at 2016-12 is negative; counts cannot be below zero")]
    [InlineData("lfb-negative-count.csv",
        "lfb-negative-count.csv:2:4: count -20 for ALL DELIBERATE FIRES in Barking and dagenham at 2016-04 is negative; counts cannot be below zero")]
    [InlineData("several-faults.csv",
        "several-faults.csv:2:1: unknown indicator 'burgalry'",
        "several-faults.csv:2:2: unknown area 'Narnia'",
        "several-faults.csv:2:3: invalid period '2016-13': expected YYYY-MM",
        "several-faults.csv:2:4: value '12x' is not a number",
        "several-faults.csv:2:5: change_pct '+5%' is not a number",
        "several-faults.csv:2:6: met_rank '0' is not a positive whole number")]
    [InlineData("mps-category-without-letters.csv",
        "mps-category-without-letters.csv:2:1: category '123' has no letters: expected an MPS major category such as Burglary",
        "mps-category-without-letters.csv:4:1: category is empty: expected an MPS major category such as Burglary")]
    [InlineData("fractional-count.csv",
        "fractional-count.csv:2:4: value -2.5 for burglary in haringey at 2016-12 is negative; counts cannot be below zero",
        "fractional-count.csv:3:4: value 2.5 for burglary in haringey at 2016-11 is not a whole number; counts are whole numbers")]
    [InlineData("percentage-out-of-range.csv",
        "percentage-out-of-range.csv:2:4: value 250 for proven-reoffending in barnet at 2016-12 is not a percentage: percentages lie between 0 and 100",
        "percentage-out-of-range.csv:3:5: london_value -25.7 for proven-reoffending in barnet at 2016-11 is not a percentage: percentages lie between 0 and 100")]
    [InlineData("negative-rate.csv", "negative-rate.csv:2:4: value -595 for first-time-entrants in barnet at 2016-12 is negative; rates cannot be below zero")]
    [InlineData("mps-count-too-large.csv",
        "mps-count-too-large.csv:2:15: count 12000000 for Burglary / Domestic Burglary in Barking and Dagenham at 2016-12 is more than 10,000,000, the most one month may hold")]
    [InlineData("mps-sum-too-large.csv",
        "mps-sum-too-large.csv:3:15: count 6000000 for Robbery / Robbery of Personal Property in Barking and Dagenham at 2016-12 brings total-notifiable-offences in barking-and-dagenham at 2016-12 to 12000000, more than 10,000,000, the most one month may hold (rows summed from line 2)")]
    [InlineData("mps-overflow.csv",
        "mps-overflow.csv:2:15: count 9223372036854775807 for Burglary / Domestic Burglary in Barking and Dagenham at 2016-12 is more than 10,000,000, the most one month may hold",
        "mps-overflow.csv:3:15: count 9223372036854775807 for Burglary / Burglary Business and Community in Barking and Dagenham at 2016-12 is more than 10,000,000, the most one month may hold")]
    [InlineData("lfb-sum-too-large.csv",
        "lfb-sum-too-large.csv:3:4: count 6000000 for DELIBERATE VEHICLE FIRES in Barking and dagenham at 2016-04 brings deliberate-rubbish-and-vehicle-fires in barking-and-dagenham at 2016-04 to 12000000, more than 10,000,000, the most one month may hold (rows summed from line 2)")]
    [InlineData("control-characters.csv", "control-characters.csv:2:2: unknown area '\\u001B[2J\\u001B[31mNarnia\\u0007'")]
    [InlineData("long-area.csv", "long-area.csv:2:2: unknown area 'Narniaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…'")]
    [InlineData("too-many-columns.csv", "too-many-columns.csv:1:1001: the row has 1,001 cells, more than 1,000, the limit for one row")]
    public void A_bad_file_is_rejected_with_every_error_word_for_word(string file, params string[] expected)
    {
        var path = TestFiles.BadDataset(file);

        var load = Assert.Throws<DatasetRejectedException>(() => Loader.Load(path));
        var loadAll = Assert.Throws<DatasetRejectedException>(() => Loader.LoadAll([path]));

        Assert.Equal(InCorpus(expected), load.Errors.Select(e => e.ToString()));
        Assert.Equal(InCorpus(expected), loadAll.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Counts_whose_sum_overflows_64_bits_are_an_error_naming_the_cells_even_with_the_monthly_limit_raised()
    {
        // Unchecked, the two counts would sum to -2.
        var loader = new DatasetLoader(TestConfiguration.Create(), limits: DatasetLimits.Default with { MaxMonthlyCount = long.MaxValue });
        var path = TestFiles.BadDataset("mps-overflow.csv");

        var load = Assert.Throws<DatasetRejectedException>(() => loader.Load(path));

        const string Cell = "count 9223372036854775807 for Burglary / Burglary Business and Community in Barking and Dagenham at 2016-12";
        Assert.Equal(
        [
            $"{path}:3:15: {Cell} brings burglary in barking-and-dagenham at 2016-12 past 9,223,372,036,854,775,807, the most a count can hold (rows summed from line 2)",
            $"{path}:3:15: {Cell} brings total-notifiable-offences in barking-and-dagenham at 2016-12 past 9,223,372,036,854,775,807, the most a count can hold (rows summed from line 2)",
        ],
            load.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_file_of_many_errors_lists_the_first_hundred_then_how_many_more()
    {
        var path = TestFiles.BadDataset("many-errors.csv");

        var errors = Assert.Throws<DatasetRejectedException>(() => Loader.Load(path)).Errors.Select(e => e.ToString()).ToList();

        Assert.Equal(
            [.. Enumerable.Range(1, 100).Select(i => $"{path}:{i + 1}:2: unknown area 'Narnia {i}'"), $"{path}:102:1: … and 50 more errors in this file"],
            errors);
    }

    [Fact]
    public void Two_files_that_disagree_are_rejected_together_naming_both()
    {
        var folder = TestFiles.BadDataset("conflicting-values");

        // Each file loads on its own; robbery agrees (40 in both), burglary does not.
        Loader.Load($"{folder}/1-police.csv");
        Loader.Load($"{folder}/2-partner.csv");
        var load = Assert.Throws<DatasetRejectedException>(() => Loader.LoadAll([folder]));

        Assert.Equal(
            [$"{folder}/2-partner.csv:3:1: conflicting value for burglary in barking-and-dagenham at 2016-12: 118 here and 119 at {folder}/1-police.csv:3"],
            load.Errors.Select(e => e.ToString()));
    }
}

namespace CspAlerts.Ingest;

/// <summary>A file or stream loaded whole: its observations, in the order read, and a summary of the load.</summary>
/// <param name="File">The file as given, with '/' separators, or a stream source's name: what errors show (control characters escaped).</param>
/// <param name="Format">The format recognised: <c>mps-wide</c>, <c>lfb-monthly</c> or <c>canonical</c>.</param>
/// <param name="SkippedLabels">Rows skipped because their area label is listed as ignored, by label.</param>
public sealed record Dataset(
    string File,
    string Format,
    IReadOnlyList<Observation> Observations,
    int RowsRead,
    IReadOnlyDictionary<string, int> SkippedLabels)
{
    /// <summary>
    /// What the dataset does that is allowed but should be heard of, such as figures for London that
    /// replace the total computed from the boroughs; in line order. A host prints each as a warning.
    /// </summary>
    public IReadOnlyList<DatasetNotice> Notices { get; init; } = [];

    /// <summary>For police.uk street-level files: what each force's month held and where its rows went; empty for other formats.</summary>
    public IReadOnlyList<StreetMonth> StreetMonths { get; init; } = [];
}

/// <summary>
/// One force's month of a police.uk street-level file: how many rows it had, and how many went to
/// no area, so that nothing is dropped without being said.
/// </summary>
/// <param name="Force">The force as the file's "Falls within" column names it, e.g. <c>Leicestershire Police</c>.</param>
/// <param name="Rows">Every row of the force's month.</param>
/// <param name="NoLsoa">Rows with no LSOA (police.uk gives no location): counted in no area.</param>
/// <param name="OutsideAreas">Rows in an LSOA of no configured area, or not a 2011 LSOA, by LSOA name (or code).</param>
/// <param name="OtherForces">Rows in an LSOA of an area of another force, by area name: that area's figures come from its own force's files.</param>
public sealed record StreetMonth(
    string Force,
    Model.Period Period,
    int Rows,
    int NoLsoa,
    IReadOnlyDictionary<string, int> OutsideAreas,
    IReadOnlyDictionary<string, int> OtherForces);

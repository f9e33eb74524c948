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
}

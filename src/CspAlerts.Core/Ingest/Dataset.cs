namespace CspAlerts.Ingest;

/// <summary>A file loaded whole: its observations, in the order read, and a summary of the load.</summary>
/// <param name="Format">The format recognised, e.g. <c>mps-wide</c>, <c>lfb-monthly</c>, <c>canonical-csv</c>.</param>
/// <param name="SkippedLabels">Rows skipped because their area label is listed as ignored, by label.</param>
public sealed record Dataset(
    string File,
    string Format,
    IReadOnlyList<Observation> Observations,
    int RowsRead,
    IReadOnlyDictionary<string, int> SkippedLabels);

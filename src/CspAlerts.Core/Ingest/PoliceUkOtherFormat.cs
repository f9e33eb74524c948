namespace CspAlerts.Ingest;

/// <summary>
/// The other files of a data.police.uk download: outcomes (<c>-outcomes.csv</c>) and stop and
/// search (<c>-stop-and-search.csv</c>). They are recognised so that a folder unpacked from a
/// download loads as it is; they are not read (CspAlerts counts street-level crime), and the run
/// says how many were passed over.
/// </summary>
internal sealed class PoliceUkOtherFormat : IDatasetFormat
{
    public const string Outcomes = "police-uk-outcomes";
    public const string StopAndSearch = "police-uk-stop-and-search";

    /// <summary>The name of both kinds; each dataset's <see cref="Dataset.Format"/> says which it was.</summary>
    public string Name => Outcomes;

    public bool Recognises(IReadOnlyList<string> columns)
    {
        bool Has(string name) => columns.Contains(name, StringComparer.OrdinalIgnoreCase);
        return (Has("Crime ID") && Has("Outcome type") && !Has("Crime type")) || (Has("Object of search") && Has("Part of a policing operation"));
    }

    public Dataset? Read(Table table) =>
        new(table.File, KindOf(table.Columns), [], 0, new Dictionary<string, int>());

    private static string KindOf(IReadOnlyList<string> columns) =>
        columns.Contains("Object of search", StringComparer.OrdinalIgnoreCase) ? StopAndSearch : Outcomes;
}

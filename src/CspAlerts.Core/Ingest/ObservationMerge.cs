using System.Globalization;
using CspAlerts.Diagnostics;

namespace CspAlerts.Ingest;

/// <summary>
/// The observations several datasets give for one indicator × area × month, combined field by field.
/// Each field remembers where it was given and by which dataset, so that a conflict can name both
/// places and a revision both releases.
/// </summary>
internal sealed class ObservationMerge
{
    /// <summary>Each mergeable field, by the canonical column name errors use.</summary>
    private static readonly (string Name, Func<Observation, object?> Get)[] Fields =
    [
        ("value", o => o.Value),
        ("previous", o => o.Supplied.Previous),
        ("change_pct", o => o.Supplied.ChangePct),
        ("target", o => o.Supplied.Target),
        ("ytd", o => o.Supplied.Ytd),
        ("ytd_target", o => o.Supplied.YtdTarget),
        ("msg_rank", o => o.Supplied.MsgRank),
        ("msg_size", o => o.Supplied.MsgSize),
        ("met_rank", o => o.Supplied.MetRank),
        ("met_size", o => o.Supplied.MetSize),
        ("london_value", o => o.Supplied.LondonValue),
        ("england_value", o => o.Supplied.EnglandValue),
        ("note", o => o.Supplied.Note),
    ];

    private readonly Observation _first;
    private readonly object?[] _values = new object?[Fields.Length];
    private readonly SourceRef?[] _sources = new SourceRef?[Fields.Length];
    private readonly int[] _datasets = new int[Fields.Length];

    /// <param name="dataset">The index of the dataset the observation is from.</param>
    public ObservationMerge(Observation first, int dataset)
    {
        _first = first;
        Take(first, dataset);
    }

    /// <summary>The merged observation. Its source is where the value came from, else the first dataset.</summary>
    public Observation Result => _first with
    {
        Value = (double?)_values[0],
        Supplied = new SuppliedFigures(
            (double?)_values[1],
            (double?)_values[2],
            (double?)_values[3],
            (double?)_values[4],
            (double?)_values[5],
            (int?)_values[6],
            (int?)_values[7],
            (int?)_values[8],
            (int?)_values[9],
            (double?)_values[10],
            (double?)_values[11],
            (string?)_values[12]),
        Source = _sources[0] ?? _first.Source,
    };

    /// <summary>
    /// Adds a later dataset's observation. A field it gives differently is an error at its line,
    /// unless the policy is <see cref="RevisionPolicy.Newest"/> and it comes from another dataset:
    /// the merge is then fed oldest release first, so the later figure replaces the earlier.
    /// </summary>
    public void Add(Observation later, int dataset, RevisionPolicy policy, List<DataError> errors, List<(Revision Revision, int Field)> revisions)
    {
        for (var i = 0; i < Fields.Length; i++)
        {
            if (Fields[i].Get(later) is not { } figure)
            {
                continue;
            }

            if (_values[i] is null)
            {
                Set(i, figure, later.Source, dataset);
            }
            else if (_values[i]!.Equals(figure))
            {
                continue;
            }
            else if (policy == RevisionPolicy.Newest && _datasets[i] != dataset)
            {
                // Notes are text: the newer one is taken, but only figures count as revisions.
                if (figure is not string)
                {
                    revisions.Add((new Revision(later.Indicator, later.Area, later.Period, Fields[i].Name,
                        Convert.ToDouble(_values[i], CultureInfo.InvariantCulture), Convert.ToDouble(figure, CultureInfo.InvariantCulture),
                        _sources[i]!, later.Source), i));
                }

                Set(i, figure, later.Source, dataset);
            }
            else
            {
                errors.Add(new DataError(later.Source.File, later.Source.Line, null, ObservationSet.Format(figure),
                    $"conflicting {Fields[i].Name} for {later.Indicator} in {later.Area} at {later.Period}: " +
                    $"{ObservationSet.Format(figure)} here and {ObservationSet.Format(_values[i]!)} at {_sources[i]}"));
            }
        }
    }

    private void Take(Observation observation, int dataset)
    {
        for (var i = 0; i < Fields.Length; i++)
        {
            if (Fields[i].Get(observation) is { } figure)
            {
                Set(i, figure, observation.Source, dataset);
            }
        }
    }

    private void Set(int field, object figure, SourceRef source, int dataset)
    {
        _values[field] = figure;
        _sources[field] = source;
        _datasets[field] = dataset;
    }
}

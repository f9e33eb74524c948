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
    /// <summary>Each mergeable figure besides the supplied ranks, by the canonical column name errors use.</summary>
    private static readonly (string Name, Func<Observation, object?> Get)[] Scalars =
    [
        ("value", o => o.Value),
        ("previous", o => o.Supplied.Previous),
        ("change_pct", o => o.Supplied.ChangePct),
        ("target", o => o.Supplied.Target),
        ("ytd", o => o.Supplied.Ytd),
        ("ytd_target", o => o.Supplied.YtdTarget),
        ("london_value", o => o.Supplied.LondonValue),
        ("england_value", o => o.Supplied.EnglandValue),
        ("note", o => o.Supplied.Note),
    ];

    private readonly Observation _first;
    private readonly Dictionary<string, (object Value, SourceRef Source, int Dataset)> _fields = new(StringComparer.Ordinal);

    /// <param name="dataset">The index of the dataset the observation is from.</param>
    public ObservationMerge(Observation first, int dataset)
    {
        _first = first;
        foreach (var (name, figure) in Figures(first))
        {
            _fields[name] = (figure, first.Source, dataset);
        }
    }

    /// <summary>The merged observation. Its source is where the value came from, else the first dataset.</summary>
    public Observation Result => _first with
    {
        Value = (double?)Get("value"),
        Supplied = new SuppliedFigures(
            (double?)Get("previous"),
            (double?)Get("change_pct"),
            (double?)Get("target"),
            (double?)Get("ytd"),
            (double?)Get("ytd_target"),
            (double?)Get("london_value"),
            (double?)Get("england_value"),
            (string?)Get("note"))
        {
            Ranks = _fields.Where(f => f.Value.Value is int).ToDictionary(f => f.Key, f => (int)f.Value.Value, StringComparer.Ordinal),
        },
        Source = _fields.TryGetValue("value", out var v) ? v.Source : _first.Source,
    };

    /// <summary>
    /// Adds a later dataset's observation. A field it gives differently is an error at its line,
    /// unless the policy is <see cref="RevisionPolicy.Newest"/> and it comes from another dataset:
    /// the merge is then fed oldest release first, so the later figure replaces the earlier.
    /// </summary>
    public void Add(Observation later, int dataset, RevisionPolicy policy, Action<DataError> report, List<(Revision Revision, int Field)> revisions)
    {
        foreach (var (name, figure) in Figures(later))
        {
            if (!_fields.TryGetValue(name, out var held))
            {
                _fields[name] = (figure, later.Source, dataset);
            }
            else if (held.Value.Equals(figure))
            {
                continue;
            }
            else if (policy == RevisionPolicy.Newest && held.Dataset != dataset)
            {
                // Notes are text: the newer one is taken, but only figures count as revisions.
                if (figure is not string)
                {
                    revisions.Add((new Revision(later.Indicator, later.Area, later.Period, name,
                        Convert.ToDouble(held.Value, CultureInfo.InvariantCulture), Convert.ToDouble(figure, CultureInfo.InvariantCulture),
                        held.Source, later.Source), FieldOrder(name)));
                }

                _fields[name] = (figure, later.Source, dataset);
            }
            else
            {
                report(new DataError(later.Source.File, later.Source.Line, null, ObservationSet.Format(figure),
                    $"conflicting {name} for {later.Indicator} in {later.Area} at {later.Period}: " +
                    $"{ObservationSet.Format(figure)} here and {ObservationSet.Format(held.Value)} at {held.Source}"));
            }
        }
    }

    /// <summary>A field's place in the order errors and revisions are listed: the scalar columns, then the ranks by name.</summary>
    private static int FieldOrder(string name)
    {
        var i = Array.FindIndex(Scalars, f => f.Name == name);
        return i < 0 ? Scalars.Length - 1 : i == Scalars.Length - 1 ? Scalars.Length : i;
    }

    private static IEnumerable<(string Name, object Figure)> Figures(Observation o)
    {
        // The figures, then the supplied ranks, then the note: the order errors and revisions are listed in.
        foreach (var (name, get) in Scalars.SkipLast(1))
        {
            if (get(o) is { } figure)
            {
                yield return (name, figure);
            }
        }

        foreach (var (name, rank) in o.Supplied.Ranks.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            yield return (name, rank);
        }

        if (o.Supplied.Note is { } note)
        {
            yield return ("note", note);
        }
    }

    private object? Get(string name) => _fields.TryGetValue(name, out var f) ? f.Value : null;
}

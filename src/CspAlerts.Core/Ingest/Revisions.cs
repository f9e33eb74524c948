using System.Globalization;
using CspAlerts.Model;

namespace CspAlerts.Ingest;

/// <summary>What a load does when two datasets give one figure of an indicator × area × month differently.</summary>
public enum RevisionPolicy
{
    /// <summary>Refuse the load, naming both files and lines. The default: nothing is overwritten unseen.</summary>
    Refuse,

    /// <summary>
    /// The newer release's figure replaces the older's, and the set reports each revision (see
    /// <see cref="ObservationSet.Revisions"/>). A release is newer than another when its latest
    /// month is later; of two with the same latest month, the one given later in the list of
    /// sources (for a folder, later in ordinal path order) is newer. This holds field by field:
    /// for the monthly value and for each supplied figure (ranks, targets, London and England
    /// values and the rest), and a figure only the older release gives is kept. A note is text,
    /// not a figure: the newer note replaces the older without counting as a revision. Within one
    /// file a duplicate row is an error whatever the policy.
    /// </summary>
    Newest,
}

/// <summary>One figure a newer release gave differently from an older one, under <see cref="RevisionPolicy.Newest"/>.</summary>
/// <param name="Field">The figure as a canonical column names it: <c>value</c>, <c>msg_rank</c>, <c>london_value</c>, ...</param>
/// <param name="Old">The older release's figure, replaced.</param>
/// <param name="New">The newer release's figure, kept.</param>
public sealed record Revision(
    string Indicator,
    string Area,
    Period Period,
    string Field,
    double Old,
    double New,
    SourceRef OldSource,
    SourceRef NewSource)
{
    /// <summary>New less old: positive when the figure was revised up.</summary>
    public double Change => New - Old;

    /// <summary>e.g. <c>value for burglary in barnet at 2016-05: 77 at old.csv:5 revised to 80 at new.csv:5</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Field} for {Indicator} in {Area} at {Period}: {Old} at {OldSource} revised to {New} at {NewSource}");
}

/// <summary>The revisions a load under <see cref="RevisionPolicy.Newest"/> made; none under <see cref="RevisionPolicy.Refuse"/>.</summary>
public sealed class RevisionSummary
{
    internal RevisionSummary(IReadOnlyList<Revision> all)
    {
        All = all;
        foreach (var revision in all)
        {
            if (Largest is null || Math.Abs(revision.Change) > Math.Abs(Largest.Change))
            {
                Largest = revision;
            }
        }
    }

    public static RevisionSummary None { get; } = new([]);

    /// <summary>How many figures were revised. A figure revised again by a still newer release counts once for each revision.</summary>
    public int Count => All.Count;

    /// <summary>The revision that moved a figure furthest either way; of equals, the first in <see cref="All"/>. Null when there are none.</summary>
    public Revision? Largest { get; }

    /// <summary>Every revision, ordered by indicator, area, month and field (value first, then the supplied figures in column order).</summary>
    public IReadOnlyList<Revision> All { get; }
}

using CspAlerts.Evaluation;

namespace CspAlerts.Web;

/// <summary>One dataset the inbox took, and what became of it.</summary>
/// <param name="Outcome">processed or rejected.</param>
public sealed record InboxEntry(string Name, string Outcome, DateTimeOffset At, string Node, string Summary);

/// <summary>What the pages show between runs: the latest evaluation on this node and the inbox's recent history.</summary>
public sealed class ServiceState
{
    private readonly Lock _gate = new();
    private readonly List<InboxEntry> _inbox = [];

    /// <summary>The latest evaluation this node made, with the datasets it read; null before the first.</summary>
    public EvaluationResult? Latest { get; private set; }

    public IReadOnlyList<InboxEntry> Inbox
    {
        get
        {
            lock (_gate)
            {
                return [.. _inbox];
            }
        }
    }

    public void Evaluated(EvaluationResult result)
    {
        lock (_gate)
        {
            Latest = result;
        }
    }

    public void Took(InboxEntry entry)
    {
        lock (_gate)
        {
            _inbox.Insert(0, entry);
            if (_inbox.Count > 200)
            {
                _inbox.RemoveAt(_inbox.Count - 1);
            }
        }
    }
}

using CspAlerts.Model;

namespace CspAlerts.Alerts;

/// <summary>Analysts' silences and leads' commentary, kept in the same store.</summary>
public interface IAnnotationStore
{
    Task<Silence> AddSilenceAsync(Silence silence, CancellationToken cancellationToken = default);

    /// <summary>Removes a silence; false when there is none with that id.</summary>
    Task<bool> RemoveSilenceAsync(long id, CancellationToken cancellationToken = default);

    Task<Commentary> AddCommentaryAsync(Commentary commentary, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Commentary>> CommentaryAsync(Period period, CancellationToken cancellationToken = default);
}

using System.Text.RegularExpressions;
using CspAlerts.Notify;
using MimeKit;

namespace CspAlerts.Mail;

/// <summary>
/// Writes each message, built by the same <see cref="MimeMessageBuilder"/> as SMTP, to
/// <c>&lt;id&gt;.eml</c> in a folder (created when missing), for a relay or a person to pick up. Each
/// file appears whole or not at all: it is written under a temporary name and then renamed, and
/// the rename never replaces a file, so a message already in the folder is not written twice.
/// The default transport when no SMTP host is set.
/// </summary>
public sealed partial class PickupFolderTransport : IMailTransport
{
    private static readonly FormatOptions Format = new() { NewLineFormat = NewLineFormat.Dos };

    private readonly MimeMessageBuilder _builder;
    private readonly TimeProvider _timeProvider;

    public PickupFolderTransport(string folder, MimeMessageBuilder builder, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(builder);
        Folder = Path.GetFullPath(folder);
        _builder = builder;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The folder the .eml files go to, as a full path.</summary>
    public string Folder { get; }

    [GeneratedRegex(@"\A[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}\z", RegexOptions.CultureInvariant)]
    private static partial Regex FileId();

    /// <summary>The file a message goes to, or null when its id cannot name a file (only letters, digits and <c>. _ -</c>, not first a dot, at most 200).</summary>
    public string? PathFor(string id) => id is not null && FileId().IsMatch(id) ? Path.Combine(Folder, id + ".eml") : null;

    /// <inheritdoc />
    public Task<IReadOnlyList<DeliveryResult>> SendAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default) =>
        SendAsync(messages, static _ => Task.CompletedTask, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeliveryResult>> SendAsync(IReadOnlyList<OutgoingMessage> messages, Func<DeliveryResult, Task> accepted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(accepted);
        var results = new List<DeliveryResult>(messages.Count);
        foreach (var message in messages)
        {
            var (outcome, detail) = cancellationToken.IsCancellationRequested
                ? (DeliveryOutcome.TransientFailure, "not attempted: sending was cancelled")
                : await WriteAsync(message, cancellationToken).ConfigureAwait(false);
            var result = new DeliveryResult(message.Id, outcome, detail, _timeProvider.GetUtcNow());
            results.Add(result);
            if (outcome == DeliveryOutcome.Delivered)
            {
                await accepted(result).ConfigureAwait(false);
            }
        }

        return results;
    }

    private async Task<(DeliveryOutcome, string)> WriteAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var path = PathFor(message.Id);
        if (path is null)
        {
            return (DeliveryOutcome.PermanentFailure, $"refused, not written: the id '{MailText.Visible(message.Id ?? "")}' cannot name a file (letters, digits and . _ - only)");
        }

        if (!_builder.TryBuild(message, out var mime, out var refusal))
        {
            return (DeliveryOutcome.PermanentFailure, refusal);
        }

        if (File.Exists(path))
        {
            return (DeliveryOutcome.Delivered, $"already in the pickup folder as {Path.GetFileName(path)}");
        }

        var temporary = Path.Combine(Folder, $".{message.Id}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(Folder);
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await mime.WriteToAsync(Format, stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            try
            {
                // Never replaces: a file that appeared meanwhile under the same id stays as it is.
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                TryDelete(temporary);
                return (DeliveryOutcome.Delivered, $"already in the pickup folder as {Path.GetFileName(path)}");
            }

            return (DeliveryOutcome.Delivered, $"written to the pickup folder as {Path.GetFileName(path)}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            TryDelete(temporary);
            return (DeliveryOutcome.TransientFailure, "cancelled while writing; nothing was left in the pickup folder");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return (DeliveryOutcome.TransientFailure, $"could not write to the pickup folder {Folder}: {MailText.Visible(MailText.OneLine(e.Message), 200)}");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stray temporary file starts with a dot and never ends in .eml, so nothing picks it up.
        }
    }
}

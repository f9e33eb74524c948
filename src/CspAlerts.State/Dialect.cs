using System.Data.Common;

namespace CspAlerts.State;

/// <summary>
/// What one database needs said its own way: the schema and its migrations, locking, the claim query,
/// and how an instant is stored. The statements both databases read alike are the constants here.
/// </summary>
internal abstract class Dialect
{
    /// <summary>
    /// The schema, one migration per version from 1, each run in the same transaction as the
    /// <c>schema_version</c> row that records it. A migration that has shipped is never edited: a
    /// change is a new one at the end.
    /// </summary>
    public abstract IReadOnlyList<string> Migrations { get; }

    /// <summary>Creates the version table if it is missing: the one table that comes before any migration.</summary>
    public abstract string CreateSchemaVersion { get; }

    /// <summary>Run first in the migration's transaction, so two processes opening a new database do not both migrate it; empty when the transaction is lock enough.</summary>
    public abstract string LockForMigration { get; }

    /// <summary>Run first in a commit's transaction, so commits of different runs take turns; empty when the transaction is lock enough.</summary>
    public abstract string LockForCommit { get; }

    /// <summary>
    /// Marks up to @max due messages as claimed by @sender until @until, returning them. Parameters:
    /// @now, @until, @sender, @max. Columns: seq, id, recipient, subject, body_text, body_html.
    /// </summary>
    public abstract string Claim { get; }

    /// <summary>Sets up a connection before the first migration (SQLite's journal mode).</summary>
    public virtual Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A transaction that writes: it holds the write lock from its start (SQLite) or reads committed rows (PostgreSQL).</summary>
    public abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>A transaction that only reads, from one snapshot.</summary>
    public abstract ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Waits for, then holds, a lock that every process on this database honours (see <see cref="IStateDatabase.HoldAsync"/>).</summary>
    public abstract Task<IAsyncDisposable> HoldAsync(DbDataSource source, string name, CancellationToken cancellationToken);

    /// <summary>Lets go of what the data source keeps open, before it is disposed.</summary>
    public virtual ValueTask ReleaseAsync(DbDataSource source) => ValueTask.CompletedTask;

    /// <summary>An instant as a parameter value.</summary>
    public abstract object Instant(DateTimeOffset value);

    public abstract DateTimeOffset ReadInstant(DbDataReader reader, int ordinal);

    // Shared statements. Parameters are named @name, as both providers take them.

    public const string SchemaVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_version";

    public const string RecordSchemaVersion = "INSERT INTO schema_version (version) VALUES (@version)";

    /// <summary>Does nothing, and so reports no row, when the run key was committed before.</summary>
    public const string InsertRun = """
        INSERT INTO runs (run_key, period, committed_at) VALUES (@run_key, @period, @at)
        ON CONFLICT (run_key) DO NOTHING
        """;

    public const string LastPeriod = "SELECT MAX(period) FROM runs";

    public const string RunCount = "SELECT COUNT(*) FROM runs";

    public const string DeleteAlerts = "DELETE FROM alerts";

    public const string InsertAlert = """
        INSERT INTO alerts (ordinal, rule, indicator, area, status, since, last_period, rag, monitor, escalate, message, clears)
        VALUES (@ordinal, @rule, @indicator, @area, @status, @since, @last_period, @rag, @monitor, @escalate, @message, @clears)
        """;

    public const string ReadAlerts = """
        SELECT rule, indicator, area, status, since, last_period, rag, monitor, escalate, message, clears
        FROM alerts ORDER BY ordinal
        """;

    /// <summary>Does nothing, and so reports no row, when a message with the same id is in the outbox.</summary>
    public const string InsertMessage = """
        INSERT INTO outbox (id, run_key, recipient, subject, body_text, body_html, queued_at, due_at)
        VALUES (@id, @run_key, @recipient, @subject, @body_text, @body_html, @at, @at)
        ON CONFLICT (id) DO NOTHING
        """;

    public const string InsertImage = """
        INSERT INTO outbox_images (message_id, ordinal, content_id, media_type, content)
        VALUES (@message_id, @ordinal, @content_id, @media_type, @content)
        """;

    public const string ReadImages = """
        SELECT content_id, media_type, content FROM outbox_images WHERE message_id = @message_id ORDER BY ordinal
        """;

    /// <summary>Counts an attempt and reads the message's state before it, for the audit and the backoff.</summary>
    public const string CountAttempt = """
        UPDATE outbox SET attempts = attempts + 1 WHERE id = @id
        RETURNING attempts, state, recipient, subject
        """;

    /// <summary>Records where a message stands after an attempt; its claim ends with the attempt.</summary>
    public const string SetMessageState = "UPDATE outbox SET state = @state, due_at = @due_at, claimed_by = NULL WHERE id = @id";

    /// <summary>The messages of a month's runs that failed for good, each with its last attempt.</summary>
    public const string ReadFailed = """
        SELECT o.id, o.recipient, o.subject, a.outcome, a.detail, a.at
        FROM outbox o JOIN runs r ON r.run_key = o.run_key
        JOIN delivery_attempts a ON a.seq = (SELECT MAX(seq) FROM delivery_attempts WHERE message_id = o.id)
        WHERE o.state = 'failed' AND r.period = @period
        ORDER BY o.seq
        """;

    /// <summary>The senders holding a live claim on a message: they are sending it now, or died doing so.</summary>
    public const string ReadClaimants = """
        SELECT DISTINCT claimed_by FROM outbox WHERE state = 'pending' AND claimed_by IS NOT NULL AND due_at > @now
        """;

    /// <summary>Ends a sender's claims, so that its messages are due at once.</summary>
    public const string ReleaseClaims = """
        UPDATE outbox SET due_at = @now, claimed_by = NULL WHERE state = 'pending' AND claimed_by = @sender AND due_at > @now
        """;

    public const string InsertAttempt = """
        INSERT INTO delivery_attempts (message_id, recipient, subject, outcome, detail, at)
        VALUES (@message_id, @recipient, @subject, @outcome, @detail, @at)
        """;

    public const string ReadAudit = """
        SELECT a.message_id, a.recipient, a.subject, a.outcome, a.detail, a.at, o.body_text, o.body_html
        FROM delivery_attempts a JOIN outbox o ON o.id = a.message_id
        ORDER BY a.at, a.seq
        """;

    public const string ReadSilences = """
        SELECT id, rule, indicator, area, reason, author, created_at, until_at FROM silences ORDER BY id
        """;

    public const string InsertSilence = """
        INSERT INTO silences (rule, indicator, area, reason, author, created_at, until_at)
        VALUES (@rule, @indicator, @area, @reason, @author, @created_at, @until_at)
        RETURNING id
        """;

    public const string DeleteSilence = "DELETE FROM silences WHERE id = @id";

    public const string InsertCommentary = """
        INSERT INTO commentary (indicator, area, period, author, body, written_at)
        VALUES (@indicator, @area, @period, @author, @body, @written_at)
        RETURNING id
        """;

    public const string ReadCommentary = """
        SELECT id, indicator, area, period, author, body, written_at FROM commentary
        WHERE period = @period ORDER BY written_at, id
        """;

    /// <summary>The states of an outbox row.</summary>
    public const string Pending = "pending";

    public const string Delivered = "delivered";

    public const string Failed = "failed";

    /// <summary>A lock held until disposed; disposing twice lets go once.</summary>
    protected sealed class Held(Func<ValueTask> release) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync() => Interlocked.Exchange(ref _released, 1) == 0 ? release() : ValueTask.CompletedTask;
    }
}

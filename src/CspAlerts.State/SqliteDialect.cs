using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CspAlerts.State;

/// <summary>
/// SQLite: one file in WAL mode, STRICT tables. A transaction that writes begins IMMEDIATE, taking the
/// file's one write lock at once, so commits, claims and migrations take turns (a busy file is waited
/// for up to the command timeout). Instants are UTC text of fixed width, so they sort and compare as text.
/// </summary>
internal sealed class SqliteDialect : Dialect
{
    public static readonly SqliteDialect Instance = new();

    private const string InstantFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'";

    private SqliteDialect()
    {
    }

    public override IReadOnlyList<string> Migrations { get; } =
    [
        // 1: the alert state, the runs that committed it, silences and commentary.
        """
        CREATE TABLE runs (
            run_key TEXT PRIMARY KEY,
            period TEXT NOT NULL,
            committed_at TEXT NOT NULL
        ) STRICT;
        CREATE TABLE alerts (
            ordinal INTEGER NOT NULL,
            rule TEXT NOT NULL,
            indicator TEXT NOT NULL,
            area TEXT NOT NULL,
            status TEXT NOT NULL,
            since TEXT NOT NULL,
            last_period TEXT NOT NULL,
            rag TEXT,
            monitor INTEGER NOT NULL,
            escalate INTEGER NOT NULL,
            message TEXT NOT NULL,
            clears TEXT,
            PRIMARY KEY (rule, indicator, area)
        ) STRICT;
        CREATE TABLE silences (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            rule TEXT,
            indicator TEXT,
            area TEXT,
            reason TEXT NOT NULL,
            author TEXT NOT NULL,
            created_at TEXT NOT NULL,
            until_at TEXT NOT NULL
        ) STRICT;
        CREATE TABLE commentary (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            indicator TEXT NOT NULL,
            area TEXT NOT NULL,
            period TEXT NOT NULL,
            author TEXT NOT NULL,
            body TEXT NOT NULL,
            written_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX commentary_period ON commentary (period);
        """,

        // 2: the outbox, its inline images, and the audit trail of every delivery attempt.
        """
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            run_key TEXT NOT NULL REFERENCES runs (run_key),
            recipient TEXT NOT NULL,
            subject TEXT NOT NULL,
            body_text TEXT NOT NULL,
            body_html TEXT NOT NULL,
            queued_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            due_at TEXT NOT NULL,
            claimed_by TEXT
        ) STRICT;
        CREATE INDEX outbox_due ON outbox (due_at) WHERE state = 'pending';
        CREATE TABLE outbox_images (
            message_id TEXT NOT NULL REFERENCES outbox (id),
            ordinal INTEGER NOT NULL,
            content_id TEXT NOT NULL,
            media_type TEXT NOT NULL,
            content BLOB NOT NULL,
            PRIMARY KEY (message_id, ordinal)
        ) STRICT;
        CREATE TABLE delivery_attempts (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            message_id TEXT NOT NULL REFERENCES outbox (id),
            recipient TEXT NOT NULL,
            subject TEXT NOT NULL,
            outcome TEXT NOT NULL,
            detail TEXT NOT NULL,
            at TEXT NOT NULL
        ) STRICT;
        """,
    ];

    public override string CreateSchemaVersion => """
        CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER PRIMARY KEY,
            applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ) STRICT
        """;

    // BEGIN IMMEDIATE holds the write lock for the whole transaction.
    public override string LockForMigration => "";

    public override string LockForCommit => "";

    public override string Claim => """
        UPDATE outbox SET due_at = @until, claimed_by = @sender
        WHERE seq IN (
            SELECT seq FROM outbox WHERE state = 'pending' AND due_at <= @now
            ORDER BY seq LIMIT @max)
        RETURNING seq, id, recipient, subject, body_text, body_html
        """;

    public override async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    /// <summary>
    /// An exclusive lock on a file beside the database (<c>state.db.NAME.lock</c>), which the operating
    /// system lets go when the process holding it ends, however it ends. Processes on one machine take
    /// turns; the file is never deleted, so two processes never lock different files of the same name.
    /// </summary>
    public override async Task<IAsyncDisposable> HoldAsync(DbDataSource source, string name, CancellationToken cancellationToken)
    {
        var file = $"{new SqliteConnectionStringBuilder(source.ConnectionString).DataSource}.{name}.lock";
        while (true)
        {
            try
            {
                var stream = new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new Held(() =>
                {
                    stream.Dispose();
                    return ValueTask.CompletedTask;
                });
            }
            catch (IOException e) when (e.HResult is SharingViolation or WouldBlock)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Held elsewhere: Windows says a sharing violation, Linux passes on flock's EWOULDBLOCK.
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int WouldBlock = 11;

    public override async ValueTask ReleaseAsync(DbDataSource source)
    {
        await using var connection = (SqliteConnection)source.CreateConnection();
        SqliteConnection.ClearPool(connection);
    }

    public override object Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    public override DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(
            reader.GetString(ordinal), InstantFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}

using System.Data;
using System.Data.Common;

namespace CspAlerts.State;

/// <summary>
/// PostgreSQL: tables in the connection's default schema, instants as timestamptz. Commits take turns
/// on a lock of the runs table; a claim skips rows another claimer holds (FOR UPDATE SKIP LOCKED).
/// </summary>
internal sealed class PostgresDialect : Dialect
{
    public static readonly PostgresDialect Instance = new();

    private PostgresDialect()
    {
    }

    public override IReadOnlyList<string> Migrations { get; } =
    [
        // 1: the alert state, the runs that committed it, silences and commentary.
        """
        CREATE TABLE runs (
            run_key text PRIMARY KEY,
            period text NOT NULL,
            committed_at timestamptz NOT NULL
        );
        CREATE TABLE alerts (
            ordinal integer NOT NULL,
            rule text NOT NULL,
            indicator text NOT NULL,
            area text NOT NULL,
            status text NOT NULL,
            since text NOT NULL,
            last_period text NOT NULL,
            rag text,
            monitor boolean NOT NULL,
            escalate boolean NOT NULL,
            message text NOT NULL,
            clears text,
            PRIMARY KEY (rule, indicator, area)
        );
        CREATE TABLE silences (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            rule text,
            indicator text,
            area text,
            reason text NOT NULL,
            author text NOT NULL,
            created_at timestamptz NOT NULL,
            until_at timestamptz NOT NULL
        );
        CREATE TABLE commentary (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            indicator text NOT NULL,
            area text NOT NULL,
            period text NOT NULL,
            author text NOT NULL,
            body text NOT NULL,
            written_at timestamptz NOT NULL
        );
        CREATE INDEX commentary_period ON commentary (period);
        """,

        // 2: the outbox, its inline images, and the audit trail of every delivery attempt.
        """
        CREATE TABLE outbox (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id text NOT NULL UNIQUE,
            run_key text NOT NULL REFERENCES runs (run_key),
            recipient text NOT NULL,
            subject text NOT NULL,
            body_text text NOT NULL,
            body_html text NOT NULL,
            queued_at timestamptz NOT NULL,
            state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
            attempts integer NOT NULL DEFAULT 0,
            due_at timestamptz NOT NULL,
            claimed_by text
        );
        CREATE INDEX outbox_due ON outbox (due_at) WHERE state = 'pending';
        CREATE TABLE outbox_images (
            message_id text NOT NULL REFERENCES outbox (id),
            ordinal integer NOT NULL,
            content_id text NOT NULL,
            media_type text NOT NULL,
            content bytea NOT NULL,
            PRIMARY KEY (message_id, ordinal)
        );
        CREATE TABLE delivery_attempts (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            message_id text NOT NULL REFERENCES outbox (id),
            recipient text NOT NULL,
            subject text NOT NULL,
            outcome text NOT NULL,
            detail text NOT NULL,
            at timestamptz NOT NULL
        );
        """,
    ];

    public override string CreateSchemaVersion => """
        CREATE TABLE IF NOT EXISTS schema_version (
            version integer PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    // Any constant of our own: a transaction-scoped advisory lock, let go at commit or rollback.
    public override string LockForMigration => "SELECT pg_advisory_xact_lock(42420001)";

    // Conflicts with itself and not with readers: commits queue, reads go on.
    public override string LockForCommit => "LOCK TABLE runs IN SHARE ROW EXCLUSIVE MODE";

    public override string Claim => """
        UPDATE outbox SET due_at = @until, claimed_by = @sender
        WHERE seq IN (
            SELECT seq FROM outbox WHERE state = 'pending' AND due_at <= @now
            ORDER BY seq LIMIT @max
            FOR UPDATE SKIP LOCKED)
        RETURNING seq, id, recipient, subject, body_text, body_html
        """;

    /// <summary>
    /// A session advisory lock (two-key form, so it never meets the migration's one-key lock) on a
    /// connection of its own, held while the work runs. The server ends the session, and the lock,
    /// when the client dies: at once when its process is killed, and within about a minute (the
    /// keepalives set here) when its machine drops off the network.
    /// </summary>
    public override async Task<IAsyncDisposable> HoldAsync(DbDataSource source, string name, CancellationToken cancellationToken)
    {
        var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = """
                    SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3;
                    SELECT pg_advisory_lock(4242, hashtext(@name))
                    """;
                command.CommandTimeout = 0; // as long as the holder takes; cancellation still works
                var parameter = command.CreateParameter();
                parameter.ParameterName = "name";
                parameter.Value = name;
                command.Parameters.Add(parameter);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return new Held(async () =>
            {
                await using (connection.ConfigureAwait(false))
                {
                    try
                    {
                        await using var command = connection.CreateCommand();
                        command.CommandText = "SELECT pg_advisory_unlock_all()";
                        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                    }
                    catch (DbException)
                    {
                        // The session is gone, and its lock with it.
                    }
                }
            });
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    public override ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    // Npgsql takes a DateTimeOffset for timestamptz only in UTC.
    public override object Instant(DateTimeOffset value) => value.ToUniversalTime();

    public override DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);
}

using System.Data.Common;
using System.Globalization;
using CspAlerts.Alerts;
using CspAlerts.Model;
using CspAlerts.Notify;

namespace CspAlerts.State;

/// <summary>
/// The state store, outbox and annotations over one ADO.NET data source. The code is the same for
/// both databases; what differs (the schema, locking, the claim query, instants) is the
/// <see cref="Dialect"/>'s. Each call opens a pooled connection and does its work in one transaction.
/// </summary>
internal sealed class StateStore : IStateDatabase
{
    private readonly DbDataSource _source;
    private readonly Dialect _sql;
    private bool _disposed;

    private StateStore(DbDataSource source, Dialect sql, string description)
    {
        _source = source;
        _sql = sql;
        Description = description;
    }

    public string Description { get; }

    public int SchemaVersion { get; private set; }

    /// <summary>How many migrations opening this store applied: none when the database was up to date.</summary>
    internal int MigrationsApplied { get; private set; }

    /// <summary>Opens the store, migrating the database up to <paramref name="version"/> first.</summary>
    public static async Task<StateStore> OpenAsync(DbDataSource source, Dialect sql, string description, int version, CancellationToken cancellationToken)
    {
        var store = new StateStore(source, sql, description);
        try
        {
            await store.MigrateAsync(version, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task MigrateAsync(int target, CancellationToken cancellationToken)
    {
        var known = _sql.Migrations.Count;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(target, known);
        var first = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (first.ConfigureAwait(false))
        {
            await _sql.PrepareAsync(first, cancellationToken).ConfigureAwait(false);
        }

        var found = await InTransactionAsync(write: true, async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, _sql.LockForMigration, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, _sql.CreateSchemaVersion, cancellationToken).ConfigureAwait(false);
            var current = Convert.ToInt32(await ScalarAsync(connection, transaction, Dialect.SchemaVersion, cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            if (current > known)
            {
                throw new StateSchemaException(
                    $"The state database ({Description}) is at schema version {current}, newer than this version of CspAlerts knows ({known}). " +
                    "Use the CspAlerts that wrote it, or a newer one; this one leaves it untouched.");
            }

            for (var version = current + 1; version <= target; version++)
            {
                await ExecuteAsync(connection, transaction, _sql.Migrations[version - 1], cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, Dialect.RecordSchemaVersion, cancellationToken, ("version", version)).ConfigureAwait(false);
            }

            return current;
        }, cancellationToken).ConfigureAwait(false);
        SchemaVersion = Math.Max(found, target);
        MigrationsApplied = Math.Max(0, target - found);
    }

    public Task<AlertState> ReadAsync(CancellationToken cancellationToken = default) =>
        InTransactionAsync(write: false, async (connection, transaction) =>
        {
            var alerts = await ReadListAsync(connection, transaction, Dialect.ReadAlerts, ReadAlert, cancellationToken).ConfigureAwait(false);
            var silences = await ReadListAsync(connection, transaction, Dialect.ReadSilences, ReadSilence, cancellationToken).ConfigureAwait(false);
            var last = await ScalarAsync(connection, transaction, Dialect.LastPeriod, cancellationToken).ConfigureAwait(false);
            return new AlertState(alerts, silences, last is string text ? ParsePeriod(text) : null);
        }, cancellationToken);

    public Task<long> RunCountAsync(CancellationToken cancellationToken = default) =>
        InTransactionAsync(write: false, async (connection, transaction) =>
            Convert.ToInt64(await ScalarAsync(connection, transaction, Dialect.RunCount, cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture),
            cancellationToken);

    public Task<IAsyncDisposable> HoldAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _sql.HoldAsync(_source, name, cancellationToken);
    }

    public Task<bool> CommitAsync(RunCommit run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(run.RunKey);
        return InTransactionAsync(write: true, async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, _sql.LockForCommit, cancellationToken).ConfigureAwait(false);
            var inserted = await ExecuteAsync(connection, transaction, Dialect.InsertRun, cancellationToken,
                ("run_key", run.RunKey), ("period", run.Period.ToString()), ("at", _sql.Instant(run.At))).ConfigureAwait(false);
            if (inserted == 0)
            {
                return false; // committed before: this transaction has changed nothing
            }

            await ExecuteAsync(connection, transaction, Dialect.DeleteAlerts, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < run.Alerts.Count; i++)
            {
                var alert = run.Alerts[i];
                await ExecuteAsync(connection, transaction, Dialect.InsertAlert, cancellationToken,
                    ("ordinal", i),
                    ("rule", alert.Key.Rule),
                    ("indicator", alert.Key.Indicator),
                    ("area", alert.Key.Area),
                    ("status", alert.Status.ToString()),
                    ("since", alert.Since.ToString()),
                    ("last_period", alert.LastPeriod.ToString()),
                    ("rag", alert.Rag?.ToString()),
                    ("monitor", alert.Monitor),
                    ("escalate", alert.Escalate),
                    ("message", alert.Message),
                    ("clears", alert.Clears)).ConfigureAwait(false);
            }

            foreach (var message in run.Outbox)
            {
                await InsertMessageAsync(connection, transaction, run, message, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);
    }

    private async Task InsertMessageAsync(DbConnection connection, DbTransaction transaction, RunCommit run, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var inserted = await ExecuteAsync(connection, transaction, Dialect.InsertMessage, cancellationToken,
            ("id", message.Id),
            ("run_key", run.RunKey),
            ("recipient", message.Recipient),
            ("subject", message.Subject),
            ("body_text", message.Text),
            ("body_html", message.Html),
            ("at", _sql.Instant(run.At))).ConfigureAwait(false);
        if (inserted == 0)
        {
            return; // queued before: the same message is never sent twice
        }

        for (var i = 0; i < message.Images.Count; i++)
        {
            var image = message.Images[i];
            await ExecuteAsync(connection, transaction, Dialect.InsertImage, cancellationToken,
                ("message_id", message.Id),
                ("ordinal", i),
                ("content_id", image.ContentId),
                ("media_type", image.MediaType),
                ("content", image.Content)).ConfigureAwait(false);
        }
    }

    public Task<IReadOnlyList<OutgoingMessage>> ClaimAsync(int max, string sender, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentException.ThrowIfNullOrWhiteSpace(sender);
        return InTransactionAsync<IReadOnlyList<OutgoingMessage>>(write: true, async (connection, transaction) =>
        {
            var claimed = await ReadListAsync(connection, transaction, _sql.Claim,
                r => (Seq: r.GetInt64(0), Id: r.GetString(1), Recipient: r.GetString(2), Subject: r.GetString(3), Text: r.GetString(4), Html: r.GetString(5)),
                cancellationToken,
                ("now", _sql.Instant(now)), ("until", _sql.Instant(now + OutboxTiming.Lease)), ("sender", sender), ("max", max)).ConfigureAwait(false);
            var messages = new List<OutgoingMessage>(claimed.Count);
            foreach (var row in claimed.OrderBy(row => row.Seq))
            {
                var images = await ReadImagesAsync(connection, transaction, row.Id, cancellationToken).ConfigureAwait(false);
                messages.Add(new OutgoingMessage(row.Id, row.Recipient, row.Subject, row.Text, row.Html, images));
            }

            return messages;
        }, cancellationToken);
    }

    public Task RecordAsync(IReadOnlyList<DeliveryResult> results, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        return InTransactionAsync(write: true, async (connection, transaction) =>
        {
            foreach (var result in results)
            {
                await RecordAsync(connection, transaction, result, cancellationToken).ConfigureAwait(false);
            }

            return results.Count;
        }, cancellationToken);
    }

    private async Task RecordAsync(DbConnection connection, DbTransaction transaction, DeliveryResult result, CancellationToken cancellationToken)
    {
        var counted = await ReadListAsync(connection, transaction, Dialect.CountAttempt,
            r => (Attempts: r.GetInt32(0), State: r.GetString(1), Recipient: r.GetString(2), Subject: r.GetString(3)),
            cancellationToken, ("id", result.MessageId)).ConfigureAwait(false);
        if (counted is not [var message])
        {
            throw new InvalidOperationException($"A delivery result names message {result.MessageId}, which is not in the outbox.");
        }

        // A late result for a message already delivered or failed is audited and changes nothing.
        if (message.State == Dialect.Pending)
        {
            var (state, due) = result.Outcome switch
            {
                DeliveryOutcome.Delivered => (Dialect.Delivered, result.At),
                DeliveryOutcome.PermanentFailure => (Dialect.Failed, result.At),
                DeliveryOutcome.TransientFailure when message.Attempts >= OutboxTiming.MaxAttempts => (Dialect.Failed, result.At),
                DeliveryOutcome.TransientFailure => (Dialect.Pending, result.At + OutboxTiming.Backoff(message.Attempts)),
                _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "Not a delivery outcome."),
            };
            await ExecuteAsync(connection, transaction, Dialect.SetMessageState, cancellationToken,
                ("state", state), ("due_at", _sql.Instant(due)), ("id", result.MessageId)).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, Dialect.InsertAttempt, cancellationToken,
            ("message_id", result.MessageId),
            ("recipient", message.Recipient),
            ("subject", message.Subject),
            ("outcome", result.Outcome.ToString()),
            ("detail", message.State == Dialect.Pending && result.Outcome == DeliveryOutcome.TransientFailure && message.Attempts >= OutboxTiming.MaxAttempts
                ? $"{result.Detail}; given up after {message.Attempts} attempts"
                : result.Detail),
            ("at", _sql.Instant(result.At))).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<(string Recipient, string Subject, DeliveryResult Last)>> FailedAsync(Period period, CancellationToken cancellationToken = default) =>
        InTransactionAsync<IReadOnlyList<(string, string, DeliveryResult)>>(write: false, async (connection, transaction) =>
            await ReadListAsync(connection, transaction, Dialect.ReadFailed,
                r => (r.GetString(1), r.GetString(2), new DeliveryResult(r.GetString(0), ParseEnum<DeliveryOutcome>(r.GetString(3)), r.GetString(4), _sql.ReadInstant(r, 5))),
                cancellationToken, ("period", period.ToString())).ConfigureAwait(false), cancellationToken);

    public Task<int> ReleaseAbandonedAsync(Func<string, bool> abandoned, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(abandoned);
        return InTransactionAsync(write: true, async (connection, transaction) =>
        {
            var claimants = await ReadListAsync(connection, transaction, Dialect.ReadClaimants, r => r.GetString(0), cancellationToken,
                ("now", _sql.Instant(now))).ConfigureAwait(false);
            var released = 0;
            foreach (var sender in claimants.Where(abandoned))
            {
                released += await ExecuteAsync(connection, transaction, Dialect.ReleaseClaims, cancellationToken,
                    ("now", _sql.Instant(now)), ("sender", sender)).ConfigureAwait(false);
            }

            return released;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<(OutgoingMessage Message, DeliveryResult Result)>> AuditAsync(CancellationToken cancellationToken = default) =>
        InTransactionAsync<IReadOnlyList<(OutgoingMessage, DeliveryResult)>>(write: false, async (connection, transaction) =>
        {
            var rows = await ReadListAsync(connection, transaction, Dialect.ReadAudit,
                r => (Id: r.GetString(0), Recipient: r.GetString(1), Subject: r.GetString(2),
                    Result: new DeliveryResult(r.GetString(0), ParseEnum<DeliveryOutcome>(r.GetString(3)), r.GetString(4), _sql.ReadInstant(r, 5)),
                    Text: r.GetString(6), Html: r.GetString(7)),
                cancellationToken).ConfigureAwait(false);
            var images = new Dictionary<string, IReadOnlyList<InlineImage>>(StringComparer.Ordinal);
            var audit = new List<(OutgoingMessage, DeliveryResult)>(rows.Count);
            foreach (var row in rows)
            {
                if (!images.TryGetValue(row.Id, out var messageImages))
                {
                    messageImages = await ReadImagesAsync(connection, transaction, row.Id, cancellationToken).ConfigureAwait(false);
                    images.Add(row.Id, messageImages);
                }

                audit.Add((new OutgoingMessage(row.Id, row.Recipient, row.Subject, row.Text, row.Html, messageImages), row.Result));
            }

            return audit;
        }, cancellationToken);

    public Task<Silence> AddSilenceAsync(Silence silence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silence);
        return InTransactionAsync(write: true, async (connection, transaction) =>
        {
            var id = await ScalarAsync(connection, transaction, Dialect.InsertSilence, cancellationToken,
                ("rule", silence.Rule),
                ("indicator", silence.Indicator),
                ("area", silence.Area),
                ("reason", silence.Reason),
                ("author", silence.Author),
                ("created_at", _sql.Instant(silence.Created)),
                ("until_at", _sql.Instant(silence.Until))).ConfigureAwait(false);
            return silence with { Id = Convert.ToInt64(id, CultureInfo.InvariantCulture) };
        }, cancellationToken);
    }

    public Task<bool> RemoveSilenceAsync(long id, CancellationToken cancellationToken = default) =>
        InTransactionAsync(write: true, async (connection, transaction) =>
            await ExecuteAsync(connection, transaction, Dialect.DeleteSilence, cancellationToken, ("id", id)).ConfigureAwait(false) > 0,
            cancellationToken);

    public Task<Commentary> AddCommentaryAsync(Commentary commentary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commentary);
        return InTransactionAsync(write: true, async (connection, transaction) =>
        {
            var id = await ScalarAsync(connection, transaction, Dialect.InsertCommentary, cancellationToken,
                ("indicator", commentary.Indicator),
                ("area", commentary.Area),
                ("period", commentary.Period.ToString()),
                ("author", commentary.Author),
                ("body", commentary.Text),
                ("written_at", _sql.Instant(commentary.Written))).ConfigureAwait(false);
            return commentary with { Id = Convert.ToInt64(id, CultureInfo.InvariantCulture) };
        }, cancellationToken);
    }

    public Task<IReadOnlyList<Commentary>> CommentaryAsync(Period period, CancellationToken cancellationToken = default) =>
        InTransactionAsync<IReadOnlyList<Commentary>>(write: false, async (connection, transaction) =>
            await ReadListAsync(connection, transaction, Dialect.ReadCommentary,
                r => new Commentary(r.GetInt64(0), r.GetString(1), r.GetString(2), ParsePeriod(r.GetString(3)), r.GetString(4), r.GetString(5), _sql.ReadInstant(r, 6)),
                cancellationToken, ("period", period.ToString())).ConfigureAwait(false),
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _sql.ReleaseAsync(_source).ConfigureAwait(false);
        await _source.DisposeAsync().ConfigureAwait(false);
    }

    private Alert ReadAlert(DbDataReader r) => new(
        new AlertKey(r.GetString(0), r.GetString(1), r.GetString(2)),
        ParseEnum<AlertStatus>(r.GetString(3)),
        ParsePeriod(r.GetString(4)),
        ParsePeriod(r.GetString(5)),
        r.IsDBNull(6) ? null : ParseEnum<Rag>(r.GetString(6)),
        r.GetBoolean(7),
        r.GetBoolean(8),
        r.GetString(9),
        r.IsDBNull(10) ? null : r.GetString(10));

    private Silence ReadSilence(DbDataReader r) => new(
        r.GetInt64(0),
        r.IsDBNull(1) ? null : r.GetString(1),
        r.IsDBNull(2) ? null : r.GetString(2),
        r.IsDBNull(3) ? null : r.GetString(3),
        r.GetString(4),
        r.GetString(5),
        _sql.ReadInstant(r, 6),
        _sql.ReadInstant(r, 7));

    private static async Task<IReadOnlyList<InlineImage>> ReadImagesAsync(DbConnection connection, DbTransaction transaction, string messageId, CancellationToken cancellationToken) =>
        await ReadListAsync(connection, transaction, Dialect.ReadImages,
            r => new InlineImage(r.GetString(0), r.GetString(1), r.GetFieldValue<byte[]>(2)),
            cancellationToken, ("message_id", messageId)).ConfigureAwait(false);

    /// <summary>Runs <paramref name="work"/> on a pooled connection in one transaction, committed when it returns.</summary>
    private async Task<T> InTransactionAsync<T>(bool write, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = write
                ? await _sql.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false)
                : await _sql.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await work(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        if (sql.Length == 0)
        {
            return 0;
        }

        var command = Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return value is DBNull ? null : value;
        }
    }

    private static async Task<List<T>> ReadListAsync<T>(DbConnection connection, DbTransaction transaction, string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var list = new List<T>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    list.Add(read(reader));
                }

                return list;
            }
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static Period ParsePeriod(string text) =>
        Period.TryParse(text, out var period)
            ? period
            : throw new InvalidDataException($"The state database holds '{text}' where a month (YYYY-MM) belongs.");

    private static T ParseEnum<T>(string text)
        where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text[0])
            ? value
            : throw new InvalidDataException($"The state database holds '{text}' where a {typeof(T).Name} belongs.");
}

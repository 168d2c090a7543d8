using System.Buffers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Routing.Core.Agents;
using Routing.Core.Events;
using Routing.Core.Urgencies;
using SQLitePCL;

namespace Routing.Storage;

/// <summary>
/// Read access (and the one retention write) to the hash-chained audit records that <see cref="SqliteEventJournal"/>
/// writes in the same transaction as the events: a call's timeline, chain verification, JSON-lines export, the
/// failure-to-clinically-escalate report, and pruning. Opens its own connection per operation (never the journal's
/// writer), so it can run beside a live server: each operation reads one consistent WAL snapshot.
/// Thread-safe; holds no state besides the path. Every result contains patient data: authorised reviewers only.
/// </summary>
/// <remarks>
/// Retention: by default nothing is ever deleted (HIPAA requires documentation to be kept 6 years,
/// 45 CFR 164.316(b)(2); Medicare Advantage contracts 10). <see cref="Prune"/> is an explicit operator action
/// (<c>Routing.AuditTool prune</c>); nothing in the server calls it.
/// </remarks>
public sealed class AuditStore
{
    private const int ProgressEvery = 100_000;
    private const string AnchorSequenceKey = "audit_anchor_seq";
    private const string AnchorAtKey = "audit_anchor_at_ms";

    private readonly string _connectionString;

    /// <param name="databasePath">The journal's SQLite file. It is not opened (or required to exist) until an operation runs.</param>
    public AuditStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = databasePath;

        // ReadWrite, never Create: a mistyped path fails instead of creating an empty journal that "verifies".
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    /// <summary>
    /// Every audit record of one call in chain order, with the actor (and an agent's role as of the record) and the
    /// call's urgency and queue after each entry. Null when the call has no audit record.
    /// </summary>
    /// <exception cref="AuditRecordUnreadableException">A record's JSON is not a journaled event (corruption or tampering).</exception>
    public CallTimeline? Timeline(string callId)
    {
        ArgumentException.ThrowIfNullOrEmpty(callId);
        using var connection = OpenRead();
        using var transaction = connection.BeginTransaction(deferred: true);
        var records = new List<(AuditEntry Record, RoutingEvent Event)>();
        using (var command = Command(connection, transaction, $"SELECT {AuditEntry.Columns} FROM audit WHERE call_id = $call ORDER BY id"))
        {
            command.Parameters.AddWithValue("$call", callId);
            using var rows = command.ExecuteReader();
            while (rows.Read())
            {
                var record = AuditEntry.Read(rows);
                records.Add((record, Deserialize(record)));
            }
        }

        if (records.Count == 0)
        {
            return null;
        }

        var entries = new List<CallTimelineEntry>(records.Count);
        var urgency = Urgency.Unspecified;
        string? queue = null;
        string? gateway = null;
        foreach (var (record, e) in records)
        {
            Urgency? previousUrgency = null;
            string? previousQueue = null;
            switch (e)
            {
                case CallArrived x:
                    urgency = x.Decision.Urgency;
                    gateway = x.GatewayId;
                    break;
                case CallRetriaged x:
                    previousUrgency = x.From;
                    urgency = x.To;
                    break;
                case CallUrgencyChanged x:
                    previousUrgency = x.From;
                    urgency = x.To;
                    break;
                case CallQueued x:
                    previousQueue = queue is not null && !string.Equals(queue, x.QueueId, StringComparison.Ordinal) ? queue : null;
                    queue = x.QueueId;
                    break;
                case CallTransferred x:
                    previousQueue = x.FromQueueId;
                    queue = x.ToQueueId;
                    break;
            }

            entries.Add(new CallTimelineEntry(record, e, AuditActorInfo.Parse(record.Actor, gateway), urgency, previousUrgency, queue, previousQueue));
        }

        AddAgentRoles(connection, transaction, entries);
        return new CallTimeline(callId, entries);
    }

    /// <summary>
    /// Walks the whole chain in id order from genesis (or the retention anchor) and reports the first broken link:
    /// a record whose hash does not match its fields, a gap in the ids, or a prev_hash that is not the previous
    /// record's hash; then checks that no call event in the journal is newer than the last audit record (a truncated
    /// chain). Streams the table: constant memory, about a second per million records.
    /// </summary>
    /// <param name="progress">Called with the number of records checked every 100,000 records.</param>
    public AuditVerification Verify(Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        using var connection = OpenRead();
        using var transaction = connection.BeginTransaction(deferred: true);
        return Verify(connection, transaction, progress, cancellationToken);
    }

    /// <summary>
    /// Streams the audit records matching <paramref name="filter"/> in id order. The connection stays open until
    /// the enumeration ends or is disposed.
    /// </summary>
    public IEnumerable<AuditEntry> Read(AuditExportFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return ReadIterator(filter, cancellationToken);
    }

    /// <summary>
    /// Writes the matching records as JSON lines (see <see cref="AuditExport"/>) to <paramref name="output"/>;
    /// returns how many were written.
    /// </summary>
    /// <param name="progress">Called with the number of records written every 100,000 records.</param>
    public long Export(Stream output, AuditExportFilter filter, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(filter);

        // Lines are built in memory and written in 64 KB chunks; the caller's stream is flushed, never closed.
        var buffer = new ArrayBufferWriter<byte>(1 << 17);
        using var writer = new Utf8JsonWriter(buffer);
        long written = 0;
        foreach (var entry in Read(filter, cancellationToken))
        {
            AuditExport.WriteLine(writer, buffer, entry);
            if (buffer.WrittenCount >= 1 << 16)
            {
                output.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }

            if (++written % ProgressEvery == 0)
            {
                progress?.Invoke(written);
            }
        }

        output.Write(buffer.WrittenSpan);
        output.Flush();
        return written;
    }

    /// <summary>
    /// Retention: deletes, in one transaction, the oldest audit records, those before <paramref name="before"/>, and
    /// records the id and hash of the last deleted one as the anchor the remaining chain verifies from. Deletes a
    /// prefix of the chain only (a record older than the cut that follows a newer one, after a clock step back, is
    /// kept). Refuses when the part it would delete does not verify: pruning must never destroy the evidence of
    /// tampering. The events table is not touched (the engine's recovery replays it).
    /// </summary>
    /// <exception cref="AuditChainBrokenException">The chain is broken at or before the cut.</exception>
    public AuditPruneResult Prune(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var beforeMs = before.ToUnixTimeMilliseconds();
        using var connection = Open();

        // Verify on a read snapshot first, so the server's writer is not blocked for the seconds it takes.
        AuditVerification verification;
        using (var snapshot = connection.BeginTransaction(deferred: true))
        {
            verification = Verify(connection, snapshot, null, cancellationToken);
        }

        using var transaction = connection.BeginTransaction(deferred: false);

        // Only verified records are deleted: anything appended since the verification stays (and is verified next time).
        var cut = CutBefore(connection, transaction, beforeMs, verification.LastRecordId);
        if (cut is not { } last)
        {
            transaction.Rollback();
            return new AuditPruneResult(0, null, null, null, verification.AnchorRecordId);
        }

        if (verification.FirstBreak is { } broken && broken.RecordId <= last.Id + 1)
        {
            throw new AuditChainBrokenException(verification);
        }

        long deleted;
        using (var delete = Command(connection, transaction, "DELETE FROM audit WHERE id <= $id"))
        {
            delete.Parameters.AddWithValue("$id", last.Id);
            deleted = delete.ExecuteNonQuery();
        }

        new AuditAnchor(last.Id, last.Hash).Write(connection, transaction);
        using (var meta = Command(connection, transaction, $"INSERT OR REPLACE INTO meta (key, value) VALUES ('{AnchorSequenceKey}', $seq), ('{AnchorAtKey}', $at)"))
        {
            meta.Parameters.AddWithValue("$seq", last.EventSequence);
            meta.Parameters.AddWithValue("$at", last.AtMs);
            meta.ExecuteNonQuery();
        }

        transaction.Commit();
        return new AuditPruneResult(deleted, last.Id, last.Hash, DateTimeOffset.FromUnixTimeMilliseconds(last.AtMs), verification.AnchorRecordId);
    }

    /// <summary>
    /// The failure-to-clinically-escalate report for the calls whose first arrival is in [<paramref name="from"/>,
    /// <paramref name="to"/>): FTCE-A, FTCE-B against <paramref name="deadlines"/> (default: the published ones,
    /// <see cref="AuditIncidentReport.DefaultDeadlines"/>), escalation breaches and overdue safety-net callbacks.
    /// </summary>
    public AuditIncidentReport IncidentReport(DateTimeOffset from, DateTimeOffset to, IReadOnlyDictionary<Urgency, TimeSpan>? deadlines = null, CancellationToken cancellationToken = default)
    {
        if (to <= from)
        {
            throw new ArgumentException($"The end of the range ({to:O}) must be after its start ({from:O}).", nameof(to));
        }

        var fold = new IncidentFold(deadlines ?? AuditIncidentReport.DefaultDeadlines);
        using var connection = OpenRead();
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = Command(connection, transaction, """
            SELECT call_id, id, event_seq, at_ms, kind, actor, record, prev_hash, hash FROM audit
            WHERE call_id IN (SELECT call_id FROM audit WHERE kind = 'CallArrived' AND at_ms >= $from AND at_ms < $to)
            ORDER BY call_id, id
            """);
        command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        using var rows = command.ExecuteReader();
        string? callId = null;
        var events = new List<RoutingEvent>();
        while (rows.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = rows.GetString(0);
            if (!string.Equals(id, callId, StringComparison.Ordinal))
            {
                if (callId is not null)
                {
                    fold.Add(callId, events);
                }

                callId = id;
                events.Clear();
            }

            var record = new AuditEntry(rows.GetInt64(1), rows.GetInt64(2), rows.GetInt64(3), id, rows.GetString(4), rows.GetString(5), AuditEntry.Bytes(rows, 6), AuditEntry.Bytes(rows, 7), AuditEntry.Bytes(rows, 8));
            events.Add(Deserialize(record));
        }

        if (callId is not null)
        {
            fold.Add(callId, events);
        }

        return fold.Build(from, to);
    }

    private IEnumerable<AuditEntry> ReadIterator(AuditExportFilter filter, CancellationToken cancellationToken)
    {
        using var connection = OpenRead();
        using var transaction = connection.BeginTransaction(deferred: true);
        var conditions = new List<string>();
        using var command = Command(connection, transaction, string.Empty);
        if (filter.From is { } from)
        {
            conditions.Add("at_ms >= $from");
            command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        }

        if (filter.To is { } to)
        {
            conditions.Add("at_ms < $to");
            command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        }

        if (filter.CallId is { } call)
        {
            conditions.Add("call_id = $call");
            command.Parameters.AddWithValue("$call", call);
        }

        var where = conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", conditions);
        command.CommandText = $"SELECT {AuditEntry.Columns} FROM audit{where} ORDER BY id";
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return AuditEntry.Read(rows);
        }
    }

    private static AuditVerification Verify(SqliteConnection connection, SqliteTransaction transaction, Action<long>? progress, CancellationToken cancellationToken)
    {
        var anchor = ReadAnchor(connection, transaction);
        var expectedId = anchor is null ? 1 : anchor.Value.Id + 1;
        long checkedCount = 0;
        long firstId = 0;
        long lastId = 0;
        long lastSequence = anchor?.Sequence ?? 0;

        // Raw SQLite statement: the columns are read as spans over SQLite's own buffers (text as its stored UTF-8),
        // so a record costs one step and one SHA-256, with no allocation. Constant memory.
        var previous = (byte[])(anchor?.Hash ?? AuditHash.Genesis).Clone();
        var previousLength = previous.Length;
        Span<byte> computed = stackalloc byte[AuditHash.Size];
        using var hasher = new AuditHasher();
        var db = connection.Handle!;
        RawStatement.ThrowOnError(db, raw.sqlite3_prepare_v2(db, $"SELECT {AuditEntry.Columns} FROM audit ORDER BY id", out var statement));
        using (statement)
        {
            int step;
            while ((step = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var id = raw.sqlite3_column_int64(statement, 0);
                var sequence = raw.sqlite3_column_int64(statement, 1);
                var atMs = raw.sqlite3_column_int64(statement, 2);
                hasher.Compute(
                    raw.sqlite3_column_blob(statement, 7),
                    id,
                    sequence,
                    atMs,
                    raw.sqlite3_column_blob(statement, 3),
                    raw.sqlite3_column_blob(statement, 4),
                    raw.sqlite3_column_blob(statement, 5),
                    raw.sqlite3_column_blob(statement, 6),
                    computed);
                var prevHash = raw.sqlite3_column_blob(statement, 7);
                var hash = raw.sqlite3_column_blob(statement, 8);
                checkedCount++;
                firstId = checkedCount == 1 ? id : firstId;
                lastId = id;
                lastSequence = sequence;
                var link = new ChainLink(id, sequence, expectedId, checkedCount == 1, anchor?.Id);
                if (Check(link, computed.SequenceEqual(hash), prevHash.SequenceEqual(previous.AsSpan(0, previousLength))) is { } broken)
                {
                    return new AuditVerification(checkedCount, firstId, lastId, anchor?.Id, hash.ToArray(), broken);
                }

                expectedId = id + 1;
                if (hash.Length > previous.Length)
                {
                    previous = new byte[hash.Length];
                }

                hash.CopyTo(previous);
                previousLength = hash.Length;
                if (checkedCount % ProgressEvery == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Invoke(checkedCount);
                }
            }

            RawStatement.ThrowOnError(db, step == raw.SQLITE_DONE ? raw.SQLITE_OK : step);
        }

        var lastHash = previous.AsSpan(0, previousLength).ToArray();

        // The chain cannot see its own tail being cut off; the events written in the same transactions can. Without
        // a known anchor sequence (an anchor written by another tool, with every record pruned) there is nothing to
        // compare with.
        if (checkedCount > 0 || anchor is null || anchor.Value.Sequence is not null)
        {
            using var command = Command(connection, transaction, "SELECT seq FROM events WHERE seq > $seq AND call_id IS NOT NULL ORDER BY seq LIMIT 1");
            command.Parameters.AddWithValue("$seq", lastSequence);
            if (command.ExecuteScalar() is long orphan)
            {
                var after = checkedCount > 0 ? $"the last audit record ({lastId}, event {lastSequence})" : anchor is null ? "an empty audit table" : $"the retention anchor ({anchor.Value.Id})";
                var broken = new AuditChainBreak(expectedId, orphan, AuditBreakKind.MissingRecord, $"the journal has call event {orphan} after {after} but no audit record for it: records at the end of the chain are missing");
                return new AuditVerification(checkedCount, firstId, lastId, anchor?.Id, lastHash, broken);
            }
        }

        return new AuditVerification(checkedCount, firstId, lastId, anchor?.Id, lastHash, null);
    }

    private static AuditChainBreak? Check(in ChainLink r, bool hashMatches, bool previousMatches)
    {
        if (r.Id > r.ExpectedId)
        {
            var missing = r.Id - 1 == r.ExpectedId ? $"record {r.ExpectedId} is" : $"records {r.ExpectedId}..{r.Id - 1} are";
            var where = r.First && r.AnchorId is null ? "before the first record (and no retention anchor says they were pruned)" : $"between {r.ExpectedId - 1} and {r.Id}";
            return new AuditChainBreak(r.Id, r.Sequence, AuditBreakKind.MissingRecord, $"{missing} missing {where}");
        }

        if (r.Id < r.ExpectedId)
        {
            return new AuditChainBreak(r.Id, r.Sequence, AuditBreakKind.PrevHashMismatch, $"record {r.Id} is at or before the retention anchor ({r.AnchorId}): the anchor does not match the chain");
        }

        if (!hashMatches)
        {
            return new AuditChainBreak(r.Id, r.Sequence, AuditBreakKind.HashMismatch, $"the stored hash does not match the record's fields: record {r.Id} was altered");
        }

        if (!previousMatches)
        {
            var description = r.First && r.AnchorId is not null
                ? $"prev_hash is not the retention anchor's hash (record {r.AnchorId})"
                : r.First ? "prev_hash of the first record is not the genesis hash" : $"prev_hash is not the stored hash of record {r.Id - 1}: that record was rewritten (with a recomputed hash) or replaced";
            return new AuditChainBreak(r.Id, r.Sequence, AuditBreakKind.PrevHashMismatch, description);
        }

        return null;
    }

    private static AuditEntry? CutBefore(SqliteConnection connection, SqliteTransaction transaction, long beforeMs, long maxId)
    {
        using var command = Command(connection, transaction, $"""
            SELECT {AuditEntry.Columns} FROM audit
            WHERE id < COALESCE((SELECT MIN(id) FROM audit WHERE at_ms >= $before), (SELECT MAX(id) FROM audit) + 1) AND id <= $max
            ORDER BY id DESC LIMIT 1
            """);
        command.Parameters.AddWithValue("$before", beforeMs);
        command.Parameters.AddWithValue("$max", maxId);
        using var rows = command.ExecuteReader();
        return rows.Read() ? AuditEntry.Read(rows) : null;
    }

    /// <summary>
    /// Adds each agent actor's role as of the entry: the latest login before it. Scans the journal's login events
    /// backwards from the call's last entry and stops as soon as every agent's login before their first entry is
    /// found, so the cost is bounded by the logins since then, not the journal's size.
    /// </summary>
    private static void AddAgentRoles(SqliteConnection connection, SqliteTransaction transaction, List<CallTimelineEntry> entries)
    {
        var firstSequence = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Actor.Kind == AuditActorKind.Agent && !firstSequence.ContainsKey(entry.Actor.Id))
            {
                firstSequence.Add(entry.Actor.Id, entry.Record.EventSequence);
            }
        }

        if (firstSequence.Count == 0)
        {
            return;
        }

        var logins = new Dictionary<string, List<(long Sequence, AgentRole Role)>>(StringComparer.Ordinal);
        var unresolved = firstSequence.Count;
        using (var command = Command(connection, transaction, "SELECT seq, payload FROM events WHERE type = 'AgentLoggedIn' AND seq < $max ORDER BY seq DESC"))
        {
            command.Parameters.AddWithValue("$max", entries[^1].Record.EventSequence);
            using var rows = command.ExecuteReader();
            while (unresolved > 0 && rows.Read())
            {
                if (EventJson.Deserialize(AuditEntry.Bytes(rows, 1)) is not AgentLoggedIn login || !firstSequence.TryGetValue(login.AgentId, out var first))
                {
                    continue;
                }

                var sequence = rows.GetInt64(0);
                if (!logins.TryGetValue(login.AgentId, out var list))
                {
                    list = [];
                    logins.Add(login.AgentId, list);
                }

                var resolvedBefore = list.Count > 0 && list[^1].Sequence < first;
                list.Add((sequence, login.Role));
                if (!resolvedBefore && sequence < first)
                {
                    unresolved--;
                }
            }
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Actor.Kind == AuditActorKind.Agent && logins.TryGetValue(entry.Actor.Id, out var list))
            {
                // Newest first: the first login before the entry is the one in force.
                foreach (var (sequence, role) in list)
                {
                    if (sequence < entry.Record.EventSequence)
                    {
                        entries[i] = entry with { Actor = entry.Actor with { Role = role } };
                        break;
                    }
                }
            }
        }
    }

    private static (long Id, byte[] Hash, long? Sequence)? ReadAnchor(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = Command(connection, transaction, $"""
            SELECT (SELECT value FROM meta WHERE key = 'audit_anchor_id'), (SELECT value FROM meta WHERE key = 'audit_anchor_hash'),
                   (SELECT value FROM meta WHERE key = '{AnchorSequenceKey}')
            """);
        using var row = command.ExecuteReader();
        if (!row.Read() || row.IsDBNull(0) || row.IsDBNull(1))
        {
            return null;
        }

        return (row.GetInt64(0), AuditEntry.Bytes(row, 1), row.IsDBNull(2) ? null : row.GetInt64(2));
    }

    private static RoutingEvent Deserialize(AuditEntry record)
    {
        try
        {
            return record.ReadEvent();
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new AuditRecordUnreadableException(record.Id, record.EventSequence, e);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private SqliteConnection Open()
    {
        if (!File.Exists(DatabasePath))
        {
            throw new FileNotFoundException($"No journal database at {DatabasePath}.", DatabasePath);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var probe = connection.CreateCommand();
            probe.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('audit', 'events', 'meta')";
            if (Convert.ToInt64(probe.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 3)
            {
                throw new InvalidDataException($"{DatabasePath} is not a Routing journal (no audit, events and meta tables).");
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private SqliteConnection OpenRead()
    {
        var connection = Open();
        SqliteEventJournal.Execute(connection, "PRAGMA query_only = 1");
        return connection;
    }

    /// <summary>Where a record sits in the chain, for <see cref="Check(in ChainLink, bool, bool)"/>.</summary>
    private readonly record struct ChainLink(long Id, long Sequence, long ExpectedId, bool First, long? AnchorId);
}

/// <summary>What <see cref="AuditStore.Prune"/> did.</summary>
/// <param name="Deleted">Records deleted; 0 when none was older than the cut.</param>
/// <param name="AnchorRecordId">The new anchor: id of the last deleted record (null when nothing was deleted).</param>
/// <param name="AnchorHash">Its hash: record it outside the database with the date of the pruning.</param>
/// <param name="AnchorAt">Its time.</param>
/// <param name="PreviousAnchorRecordId">The anchor before this pruning, if any.</param>
public sealed record AuditPruneResult(long Deleted, long? AnchorRecordId, byte[]? AnchorHash, DateTimeOffset? AnchorAt, long? PreviousAnchorRecordId);

/// <summary>An audit record whose JSON is not a journaled event: corruption or tampering. Run a verification.</summary>
public sealed class AuditRecordUnreadableException : Exception
{
    public AuditRecordUnreadableException()
    {
    }

    public AuditRecordUnreadableException(string message)
        : base(message)
    {
    }

    public AuditRecordUnreadableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AuditRecordUnreadableException(long recordId, long eventSequence, Exception innerException)
        : base($"Audit record {recordId} (event {eventSequence}) cannot be read as an event; verify the audit chain.", innerException)
    {
        RecordId = recordId;
        EventSequence = eventSequence;
    }

    public long RecordId { get; }

    public long EventSequence { get; }
}

/// <summary>The operation refused because the audit chain is broken where it would act.</summary>
public sealed class AuditChainBrokenException : Exception
{
    public AuditChainBrokenException()
    {
    }

    public AuditChainBrokenException(string message)
        : base(message)
    {
    }

    public AuditChainBrokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AuditChainBrokenException(AuditVerification verification)
        : base($"Refusing to prune: the audit chain is broken where pruning would delete ({verification}). Pruning would destroy the evidence; export the trail and investigate first.")
    {
        Verification = verification;
    }

    public AuditVerification? Verification { get; }
}

using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using System.Text.Json;
using Routing.Core.Events;
using Routing.Core.Snapshots;
using Routing.Runtime;

namespace Routing.Storage;

/// <summary>
/// The default durable journal: one embedded SQLite file in WAL mode with synchronous=FULL, so a committed batch
/// survives power loss. Every append is one transaction holding the batch's events and, in the same transaction,
/// the hash-chained audit records of its call events: either both are on disk or neither is. The runtime calls
/// <see cref="AppendAsync"/> once per batch of commands (group commit) and acknowledges none of them before it
/// returns; an exception stops the domain.
/// </summary>
public sealed class SqliteEventJournal : IEventJournal, ISnapshotStore, IDisposable
{
    private readonly SqliteConnection _writer;
    private readonly string _connectionString;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _insertAudit;
    private readonly SqliteParameter[] _eventParameters;
    private readonly SqliteParameter[] _auditParameters;

    // One SHA-256 instance for the writer's whole life: creating one per record was a measurable share of a commit.
    private readonly AuditHasher _hasher = new();

    // Appends and snapshot writes share the writer connection and may come from different threads (snapshots are
    // written in the background): one at a time.
    private readonly Lock _writeLock = new();
    private long _lastSequence;
    private long _lastAuditId;
    private byte[] _lastAuditHash;

    public SqliteEventJournal(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        Path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        // cache_size: the audit index is keyed by call id, so inserts land on scattered pages; a 64 MiB cache keeps them
        // in memory instead of reading them back for every commit. wal_autocheckpoint: checkpoint every ~40 MiB of WAL
        // rather than every 4 MiB, so the commit that happens to run the checkpoint stalls callers ten times less often.
        Execute(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=10000;");
        JournalSchema.Create(_writer);

        _insertEvent = _writer.CreateCommand();
        _insertEvent.CommandText = "INSERT INTO events (seq, at_ms, type, call_id, payload) VALUES ($seq, $at, $type, $call, $payload)";
        _insertEvent.Parameters.Add("$seq", SqliteType.Integer);
        _insertEvent.Parameters.Add("$at", SqliteType.Integer);
        _insertEvent.Parameters.Add("$type", SqliteType.Text);
        _insertEvent.Parameters.Add("$call", SqliteType.Text);
        _insertEvent.Parameters.Add("$payload", SqliteType.Blob);
        _eventParameters = [.. _insertEvent.Parameters.Cast<SqliteParameter>()];

        _insertAudit = _writer.CreateCommand();
        _insertAudit.CommandText = "INSERT INTO audit (id, event_seq, at_ms, call_id, kind, actor, record, prev_hash, hash) VALUES ($id, $seq, $at, $call, $kind, $actor, $record, $prev, $hash)";
        foreach (var name in new[] { "$id", "$seq", "$at" })
        {
            _insertAudit.Parameters.Add(name, SqliteType.Integer);
        }

        foreach (var name in new[] { "$call", "$kind", "$actor" })
        {
            _insertAudit.Parameters.Add(name, SqliteType.Text);
        }

        foreach (var name in new[] { "$record", "$prev", "$hash" })
        {
            _insertAudit.Parameters.Add(name, SqliteType.Blob);
        }

        _auditParameters = [.. _insertAudit.Parameters.Cast<SqliteParameter>()];
        _lastSequence = Scalar(_writer, "SELECT COALESCE(MAX(seq), 0) FROM events");
        (_lastAuditId, _lastAuditHash) = LastAudit(_writer);
    }

    public string Path { get; }

    /// <summary>Sequence of the last committed event.</summary>
    public long LastSequence => Volatile.Read(ref _lastSequence);

    public ValueTask AppendAsync(IReadOnlyList<RoutingEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        lock (_writeLock)
        {
            AppendLocked(events);
        }

        return ValueTask.CompletedTask;
    }

    private void AppendLocked(IReadOnlyList<RoutingEvent> events)
    {
        var expected = _lastSequence + 1;
        var auditId = _lastAuditId;
        var auditHash = _lastAuditHash;
        using var transaction = _writer.BeginTransaction();
        _insertEvent.Transaction = transaction;
        _insertAudit.Transaction = transaction;
        foreach (var e in events)
        {
            if (e.Sequence != expected)
            {
                throw new InvalidOperationException($"Journal append out of order: event {e.Sequence} where {expected} was expected.");
            }

            var payload = EventJson.SerializeToUtf8Bytes(e);
            var atMs = e.At.ToUnixTimeMilliseconds();
            var kind = EventJson.TypeName(e);
            var call = e as CallEvent;

            // Parameters by position, in the order they were added: $seq, $at, $type, $call, $payload.
            var p = _eventParameters;
            p[0].Value = e.Sequence;
            p[1].Value = atMs;
            p[2].Value = kind;
            p[3].Value = (object?)call?.CallId ?? DBNull.Value;
            p[4].Value = payload;
            _insertEvent.ExecuteNonQuery();

            if (call is not null)
            {
                auditId++;
                var actor = AuditActor.Of(call);
                var hash = new byte[AuditHash.Size];
                _hasher.Compute(auditHash, auditId, e.Sequence, atMs, call.CallId, kind, actor, payload, hash);

                // $id, $seq, $at, $call, $kind, $actor, $record, $prev, $hash.
                var a = _auditParameters;
                a[0].Value = auditId;
                a[1].Value = e.Sequence;
                a[2].Value = atMs;
                a[3].Value = call.CallId;
                a[4].Value = kind;
                a[5].Value = actor;
                a[6].Value = payload;
                a[7].Value = auditHash;
                a[8].Value = hash;
                _insertAudit.ExecuteNonQuery();
                auditHash = hash;
            }

            expected++;
        }

        transaction.Commit();

        // Only a committed batch moves the cursors: a failed commit leaves them where the file is.
        Volatile.Write(ref _lastSequence, expected - 1);
        _lastAuditId = auditId;
        _lastAuditHash = auditHash;
    }

    public async IAsyncEnumerable<RoutingEvent> ReadAllAsync(long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A separate connection reads a consistent WAL snapshot while the writer keeps committing.
        using var reader = new SqliteConnection(_connectionString);
        await reader.OpenAsync(cancellationToken);
        using var command = reader.CreateCommand();
        command.CommandText = "SELECT payload FROM events WHERE seq >= $from ORDER BY seq";
        command.Parameters.AddWithValue("$from", fromSequence);
        using var rows = await command.ExecuteReaderAsync(cancellationToken);

        // Recovery is bound by JSON parsing: parse one chunk on another core while this one reads rows and the
        // caller applies the previous chunk. Order is kept: chunks are yielded in the order they were read.
        const int ChunkSize = 4_096;
        var chunk = new List<byte[]>(ChunkSize);
        Task<RoutingEvent[]>? parsing = null;
        while (await rows.ReadAsync(cancellationToken))
        {
            chunk.Add((byte[])rows[0]);
            if (chunk.Count < ChunkSize)
            {
                continue;
            }

            var next = ParseAsync(chunk.ToArray(), cancellationToken);
            chunk.Clear();
            if (parsing is not null)
            {
                foreach (var e in await parsing)
                {
                    yield return e;
                }
            }

            parsing = next;
        }

        if (parsing is not null)
        {
            foreach (var e in await parsing)
            {
                yield return e;
            }
        }

        foreach (var payload in chunk)
        {
            yield return EventJson.Deserialize(payload.AsSpan());
        }
    }

    private static Task<RoutingEvent[]> ParseAsync(byte[][] payloads, CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            var events = new RoutingEvent[payloads.Length];
            for (var i = 0; i < payloads.Length; i++)
            {
                events[i] = EventJson.Deserialize(payloads[i].AsSpan());
            }

            return events;
        },
        cancellationToken);

    /// <summary>Stores a snapshot and keeps only the two newest (one spare in case the newest cannot be read).</summary>
    public void SaveSnapshot(RoutingStateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        // Serialized outside the lock: that is the slow part, and appends must not wait for it.
        var payload = JsonSerializer.SerializeToUtf8Bytes(snapshot, EventJson.Options);
        lock (_writeLock)
        {
            WriteSnapshotLocked(snapshot, payload);
        }
    }

    private void WriteSnapshotLocked(RoutingStateSnapshot snapshot, byte[] payload)
    {
        using var transaction = _writer.BeginTransaction();
        using (var insert = _writer.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR REPLACE INTO snapshots (seq, taken_at_ms, payload) VALUES ($seq, $at, $payload)";
            insert.Parameters.AddWithValue("$seq", snapshot.LastSequence);
            insert.Parameters.AddWithValue("$at", snapshot.LastEventAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$payload", payload);
            insert.ExecuteNonQuery();
        }

        using (var prune = _writer.CreateCommand())
        {
            prune.Transaction = transaction;
            prune.CommandText = "DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT 2)";
            prune.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The newest snapshot that the journal's events reach; an unreadable one falls back to the one before.</summary>
    public RoutingStateSnapshot? LoadLatestSnapshot()
    {
        using var command = _writer.CreateCommand();
        command.CommandText = "SELECT payload FROM snapshots WHERE seq <= $last ORDER BY seq DESC";
        command.Parameters.AddWithValue("$last", _lastSequence);
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            try
            {
                return JsonSerializer.Deserialize<RoutingStateSnapshot>((byte[])rows[0], EventJson.Options);
            }
            catch (JsonException)
            {
                // A snapshot written by an older version: try the previous one, or replay everything.
            }
        }

        return null;
    }

    public void Dispose()
    {
        _insertEvent.Dispose();
        _insertAudit.Dispose();
        _hasher.Dispose();
        _writer.Dispose();
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static (long Id, byte[] Hash) LastAudit(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1";
        using var row = command.ExecuteReader();
        if (row.Read())
        {
            return (row.GetInt64(0), (byte[])row[1]);
        }

        return AuditAnchor.Read(connection) is { } anchor ? (anchor.Id, anchor.Hash) : (0, AuditHash.Genesis);
    }
}

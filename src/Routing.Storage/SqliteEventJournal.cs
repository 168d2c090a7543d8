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
public sealed class SqliteEventJournal : IPreparingJournal, ISnapshotStore, IDisposable
{
    private readonly SqliteConnection _writer;
    private readonly string _connectionString;
    private readonly RawStatement _insertEvent;
    private readonly RawStatement _insertAudit;

    // Preparation (encoding and hashing, see Prepare) runs on the domain's loop while the committer's thread writes
    // earlier batches; it has its own lock, state and buffers, and the chain as prepared runs ahead of the chain as
    // committed. A failed append sends it back to the committed state and bumps the generation, so batches prepared
    // on the assumption that it would land are refused.
    private readonly Lock _prepareLock = new();
    private readonly Utf8JsonWriter _json;
    private readonly Dictionary<Type, byte[]> _kinds = [];
    private readonly PreparedAppend[] _own = new PreparedAppend[1];
    private long _preparedSequence;
    private long _preparedAuditId;
    private readonly byte[] _preparedHash = new byte[AuditHash.Size];
    private int _generation;

    // One SHA-256 instance for the writer's whole life: creating one per record was a measurable share of a commit.
    private readonly AuditHasher _hasher = new();

    // The runtime appends one batch at a time (from its committer's thread, or the caller's when not pipelined): the
    // lock makes the writer connection's single-threaded use explicit.
    private readonly Lock _writeLock = new();
    private readonly SnapshotFiles _snapshots;
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
        // (Checkpointing on a thread of its own instead was measured and was worse: a passive checkpoint racing the
        // writer copies pages again and again, and its writes slowed the WAL's fsync.)
        Execute(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=10000;");
        JournalSchema.Create(_writer);
        _snapshots = new SnapshotFiles(path, JournalSchema.JournalId(_writer));

        _insertEvent = new RawStatement(_writer, "INSERT INTO events (seq, at_ms, type, call_id, payload) VALUES (?1, ?2, ?3, ?4, ?5)");
        _insertAudit = new RawStatement(_writer, "INSERT INTO audit (id, event_seq, at_ms, call_id, kind, actor, record, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        _json = new Utf8JsonWriter(System.IO.Stream.Null, new JsonWriterOptions { Encoder = EventJson.Options.Encoder, SkipValidation = true });
        _lastSequence = Scalar(_writer, "SELECT COALESCE(MAX(seq), 0) FROM events");
        (_lastAuditId, _lastAuditHash) = LastAudit(_writer);
        _preparedSequence = _lastSequence;
        _preparedAuditId = _lastAuditId;
        _lastAuditHash.CopyTo(_preparedHash, 0);
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

        // The unpipelined path: prepare and write in one go, reusing one batch.
        _own[0] = Prepare(events, _own[0]);
        AppendPrepared(_own);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public PreparedAppend Prepare(IReadOnlyList<RoutingEvent> events, PreparedAppend? reuse)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfZero(events.Count, nameof(events));
        var batch = reuse as PreparedBatch ?? new PreparedBatch();
        batch.Clear();
        lock (_prepareLock)
        {
            var expected = _preparedSequence + 1;
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i].Sequence != expected + i)
                {
                    throw new InvalidOperationException($"Journal append out of order: event {events[i].Sequence} where {expected + i} was expected.");
                }
            }

            var bytes = batch.Bytes;
            var auditId = _preparedAuditId;
            var previousHash = -1;
            Span<byte> hash = stackalloc byte[AuditHash.Size];
            foreach (var e in events)
            {
                var atMs = e.At.ToUnixTimeMilliseconds();
                var kind = KindUtf8(e);
                var call = e as CallEvent;
                var (callOffset, callLength) = call is null ? (0, -1) : WriteUtf8(bytes, call.CallId);
                var payloadOffset = bytes.WrittenCount;
                _json.Reset(bytes);
                JsonSerializer.Serialize(_json, e, EventJson.Options);
                _json.Flush();
                var payloadLength = bytes.WrittenCount - payloadOffset;
                if (call is null)
                {
                    batch.Rows.Add(new PreparedRow(e.Sequence, atMs, kind, 0, -1, payloadOffset, payloadLength, 0, 0, 0, 0, 0));
                    continue;
                }

                auditId++;
                var (actorOffset, actorLength) = WriteUtf8(bytes, AuditActor.Of(call));
                if (previousHash < 0)
                {
                    // The batch's first record chains to the last one prepared before it.
                    previousHash = bytes.WrittenCount;
                    _preparedHash.CopyTo(bytes.GetSpan(AuditHash.Size));
                    bytes.Advance(AuditHash.Size);
                }

                var written = bytes.WrittenSpan;
                _hasher.Compute(
                    written.Slice(previousHash, AuditHash.Size), auditId, e.Sequence, atMs, written.Slice(callOffset, callLength), kind,
                    written.Slice(actorOffset, actorLength), written.Slice(payloadOffset, payloadLength), hash);
                var hashOffset = bytes.WrittenCount;
                hash.CopyTo(bytes.GetSpan(AuditHash.Size));
                bytes.Advance(AuditHash.Size);
                batch.Rows.Add(new PreparedRow(e.Sequence, atMs, kind, callOffset, callLength, payloadOffset, payloadLength, auditId, actorOffset, actorLength, previousHash, hashOffset));
                previousHash = hashOffset;
            }

            batch.Generation = _generation;
            batch.LastAuditId = auditId;
            if (previousHash >= 0)
            {
                bytes.WrittenSpan.Slice(previousHash, AuditHash.Size).CopyTo(_preparedHash);
            }

            _preparedHash.CopyTo(batch.LastAuditHash, 0);
            _preparedSequence = events[^1].Sequence;
            _preparedAuditId = auditId;
        }

        return batch;
    }

    /// <inheritdoc/>
    public void AppendPrepared(IReadOnlyList<PreparedAppend> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        lock (_writeLock)
        {
            var expected = _lastSequence + 1;
            foreach (var prepared in batches)
            {
                var batch = prepared as PreparedBatch ?? throw new ArgumentException("A batch prepared by another journal.", nameof(batches));
                if (batch.Generation != Volatile.Read(ref _generation) || batch.FirstSequence != expected)
                {
                    throw new InvalidOperationException($"Journal append out of order: a batch from event {batch.FirstSequence} where {expected} was expected (prepared before a failed append?).");
                }

                expected = batch.LastSequence + 1;
            }

            try
            {
                using var transaction = _writer.BeginTransaction();
                foreach (var prepared in batches)
                {
                    Write((PreparedBatch)prepared);
                }

                transaction.Commit();
            }
            catch
            {
                // Whatever was prepared after the last commit assumed this append would land: start again from the file.
                lock (_prepareLock)
                {
                    _generation++;
                    _preparedSequence = _lastSequence;
                    _preparedAuditId = _lastAuditId;
                    _lastAuditHash.CopyTo(_preparedHash, 0);
                }

                throw;
            }

            // Only a committed batch moves the cursors: a failed commit leaves them where the file is.
            var last = (PreparedBatch)batches[^1];
            _lastAuditId = last.LastAuditId;
            _lastAuditHash = (byte[])last.LastAuditHash.Clone();
            Volatile.Write(ref _lastSequence, last.LastSequence);
        }
    }

    private void Write(PreparedBatch batch)
    {
        foreach (var row in batch.Rows)
        {
            // Parameters by position: $seq, $at, $type, $call, $payload.
            _insertEvent.Bind(1, row.Sequence);
            _insertEvent.Bind(2, row.AtMs);
            _insertEvent.BindText(3, row.Kind);
            if (row.CallLength < 0)
            {
                _insertEvent.BindNull(4);
            }
            else
            {
                _insertEvent.BindText(4, batch.Slice(row.CallOffset, row.CallLength));
            }

            var payload = batch.Slice(row.PayloadOffset, row.PayloadLength);
            _insertEvent.BindBlob(5, payload);
            _insertEvent.Execute();
            if (row.AuditId == 0)
            {
                continue;
            }

            // $id, $seq, $at, $call, $kind, $actor, $record, $prev, $hash.
            _insertAudit.Bind(1, row.AuditId);
            _insertAudit.Bind(2, row.Sequence);
            _insertAudit.Bind(3, row.AtMs);
            _insertAudit.BindText(4, batch.Slice(row.CallOffset, row.CallLength));
            _insertAudit.BindText(5, row.Kind);
            _insertAudit.BindText(6, batch.Slice(row.ActorOffset, row.ActorLength));
            _insertAudit.BindBlob(7, payload);
            _insertAudit.BindBlob(8, batch.Slice(row.PreviousHashOffset, AuditHash.Size));
            _insertAudit.BindBlob(9, batch.Slice(row.HashOffset, AuditHash.Size));
            _insertAudit.Execute();
        }
    }

    private static (int Offset, int Length) WriteUtf8(System.Buffers.ArrayBufferWriter<byte> bytes, string text)
    {
        var offset = bytes.WrittenCount;
        var written = System.Text.Encoding.UTF8.GetBytes(text, bytes.GetSpan(System.Text.Encoding.UTF8.GetMaxByteCount(text.Length)));
        bytes.Advance(written);
        return (offset, written);
    }

    private byte[] KindUtf8(RoutingEvent e)
    {
        var type = e.GetType();
        if (!_kinds.TryGetValue(type, out var utf8))
        {
            utf8 = System.Text.Encoding.UTF8.GetBytes(EventJson.TypeName(e));
            _kinds.Add(type, utf8);
        }

        return utf8;
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

    /// <summary>
    /// Stores a snapshot in its own file next to the journal (see <see cref="SnapshotFiles"/>), outside the write lock:
    /// appends go on while it is written.
    /// </summary>
    public void SaveSnapshot(RoutingStateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _snapshots.Save(snapshot);
    }

    /// <summary>The newest snapshot of this journal that its events reach; an unreadable one falls back to the one before.</summary>
    public RoutingStateSnapshot? LoadLatestSnapshot() => _snapshots.LoadLatest(LastSequence);

    /// <summary>Where snapshots are kept: a directory next to the journal file.</summary>
    public string SnapshotDirectory => _snapshots.Directory;

    public void Dispose()
    {
        _insertEvent.Dispose();
        _insertAudit.Dispose();
        _json.Dispose();
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

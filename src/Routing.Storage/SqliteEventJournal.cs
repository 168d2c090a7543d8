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
    private readonly RawStatement _insertEvent;
    private readonly RawStatement _insertAudit;

    // Reused by every append (under the write lock), so a commit allocates nothing per event but the events' JSON
    // serializer's own state.
    private readonly System.Buffers.ArrayBufferWriter<byte> _payload = new(1024);
    private readonly Utf8JsonWriter _json;
    private readonly byte[][] _hashScratch = [new byte[AuditHash.Size], new byte[AuditHash.Size]];
    private readonly Utf8Scratch _callScratch = new();
    private readonly Utf8Scratch _actorScratch = new();
    private readonly Dictionary<Type, byte[]> _kinds = [];

    // One SHA-256 instance for the writer's whole life: creating one per record was a measurable share of a commit.
    private readonly AuditHasher _hasher = new();

    // The runtime appends one batch at a time, but from whichever pool thread runs the commit: the lock makes the
    // writer connection's single-threaded use explicit.
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
        Execute(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=10000;");
        JournalSchema.Create(_writer);
        _snapshots = new SnapshotFiles(path, JournalSchema.JournalId(_writer));

        _insertEvent = new RawStatement(_writer, "INSERT INTO events (seq, at_ms, type, call_id, payload) VALUES (?1, ?2, ?3, ?4, ?5)");
        _insertAudit = new RawStatement(_writer, "INSERT INTO audit (id, event_seq, at_ms, call_id, kind, actor, record, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        _json = new Utf8JsonWriter(_payload, new JsonWriterOptions { Encoder = EventJson.Options.Encoder, SkipValidation = true });
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

        // The chain advances in two scratch buffers; _lastAuditHash moves only once the transaction has committed.
        var previous = _hashScratch[0];
        var next = _hashScratch[1];
        _lastAuditHash.CopyTo(previous, 0);
        using var transaction = _writer.BeginTransaction();
        foreach (var e in events)
        {
            if (e.Sequence != expected)
            {
                throw new InvalidOperationException($"Journal append out of order: event {e.Sequence} where {expected} was expected.");
            }

            var payload = Serialize(e);
            var atMs = e.At.ToUnixTimeMilliseconds();
            var kind = KindUtf8(e);
            var call = e as CallEvent;
            var callId = call is null ? default : _callScratch.Encode(call.CallId);

            // Parameters by position: $seq, $at, $type, $call, $payload.
            _insertEvent.Bind(1, e.Sequence);
            _insertEvent.Bind(2, atMs);
            _insertEvent.BindText(3, kind);
            if (call is null)
            {
                _insertEvent.BindNull(4);
            }
            else
            {
                _insertEvent.BindText(4, callId);
            }

            _insertEvent.BindBlob(5, payload);
            _insertEvent.Execute();

            if (call is not null)
            {
                auditId++;
                var actor = _actorScratch.Encode(AuditActor.Of(call));
                _hasher.Compute(previous, auditId, e.Sequence, atMs, callId, kind, actor, payload, next);

                // $id, $seq, $at, $call, $kind, $actor, $record, $prev, $hash.
                _insertAudit.Bind(1, auditId);
                _insertAudit.Bind(2, e.Sequence);
                _insertAudit.Bind(3, atMs);
                _insertAudit.BindText(4, callId);
                _insertAudit.BindText(5, kind);
                _insertAudit.BindText(6, actor);
                _insertAudit.BindBlob(7, payload);
                _insertAudit.BindBlob(8, previous);
                _insertAudit.BindBlob(9, next);
                _insertAudit.Execute();
                (previous, next) = (next, previous);
            }

            expected++;
        }

        transaction.Commit();

        // Only a committed batch moves the cursors: a failed commit leaves them where the file is.
        Volatile.Write(ref _lastSequence, expected - 1);
        _lastAuditId = auditId;
        _lastAuditHash = (byte[])previous.Clone();
    }

    /// <summary>The event's JSON, in a buffer reused for the next event (SQLite copies what it binds).</summary>
    private ReadOnlySpan<byte> Serialize(RoutingEvent e)
    {
        _payload.ResetWrittenCount();
        _json.Reset(_payload);
        JsonSerializer.Serialize(_json, e, EventJson.Options);
        _json.Flush();
        return _payload.WrittenSpan;
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

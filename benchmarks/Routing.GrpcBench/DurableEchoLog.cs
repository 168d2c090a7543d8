using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Routing.GrpcBench;

/// <summary>
/// The least a durable server can do per request: append it to a SQLite file (WAL, <c>synchronous=FULL</c>, the
/// Routing journal's own pragmas) and answer only once the append is on disk. One writer thread takes whatever is
/// queued, writes it as one transaction with one fsync (group commit), then answers all of it. That is the shape of
/// Routing's <c>JournalCommitter</c>, written again here on purpose: the floor must not include any of Routing's
/// runtime, and there is no domain, triage, audit or fan-out either, only the rows asked for (by default one holding
/// the request). Its throughput over gRPC bounds what a durable OfferCall on the SQLite journal can reach on this
/// machine, so it separates what durability itself costs from what Routing adds on top.
/// </summary>
internal sealed class DurableEchoLog : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _id;
    private readonly SqliteParameter _payload;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _ready = new(0);
    private readonly Thread _thread;
    private readonly int _rowsPerRequest;
    private readonly byte[]? _rowPayload;
    private List<Pending> _queued = [];
    private List<Pending> _taking = [];
    private bool _stopping;
    private long _commits;
    private long _rows;

    /// <param name="path">The SQLite file, created fresh.</param>
    /// <param name="rowsPerRequest">Rows written per request (1: the request itself).</param>
    /// <param name="rowBytes">Bytes of each row; 0: the request's own payload.</param>
    public DurableEchoLog(string path, int rowsPerRequest, int rowBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerRequest, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(rowBytes);
        _rowsPerRequest = rowsPerRequest;
        _rowPayload = rowBytes == 0 ? null : new byte[rowBytes];
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        using (var pragmas = _connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=10000; " +
                "CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, payload BLOB NOT NULL);";
            pragmas.ExecuteNonQuery();
        }

        _insert = _connection.CreateCommand();
        _insert.CommandText = "INSERT INTO log (id, payload) VALUES ($id, $payload)";
        _id = _insert.Parameters.Add("$id", SqliteType.Text);
        _payload = _insert.Parameters.Add("$payload", SqliteType.Blob);
        _insert.Prepare();
        _thread = new Thread(Run) { IsBackground = true, Name = "durable echo commit" };
        _thread.Start();
    }

    /// <summary>Commits so far and rows in them: the mean group size says how much each fsync was shared.</summary>
    public (long Commits, long Rows) Counts => (Interlocked.Read(ref _commits), Interlocked.Read(ref _rows));

    /// <summary>Completes (on the thread pool) once the request is durable.</summary>
    public Task AppendAsync(string id, byte[] payload)
    {
        var pending = new Pending(id, payload);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            _queued.Add(pending);
        }

        _ready.Release();
        return pending.Completion.Task;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stopping = true;
        }

        _ready.Release();
        _thread.Join();
        _insert.Dispose();
        _connection.Dispose();
        _ready.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            _ready.Wait();
            bool stopping;
            lock (_lock)
            {
                (_taking, _queued) = (_queued, _taking);
                stopping = _stopping;
            }

            if (_taking.Count > 0)
            {
                Commit(_taking);
                _taking.Clear();
            }
            else if (stopping)
            {
                return;
            }
        }
    }

    private void Commit(List<Pending> batch)
    {
        try
        {
            using var transaction = _connection.BeginTransaction();
            _insert.Transaction = transaction;
            foreach (var pending in batch)
            {
                _id.Value = pending.Id;
                _payload.Value = _rowPayload ?? pending.Payload;
                for (var row = 0; row < _rowsPerRequest; row++)
                {
                    _insert.ExecuteNonQuery();
                }
            }

            transaction.Commit();
            Interlocked.Increment(ref _commits);
            Interlocked.Add(ref _rows, (long)batch.Count * _rowsPerRequest);
            foreach (var pending in batch)
            {
                pending.Completion.SetResult();
            }
        }
        catch (SqliteException ex)
        {
            Debug.Fail(ex.Message);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(ex);
            }
        }
    }

    private sealed class Pending(string id, byte[] payload)
    {
        public string Id { get; } = id;

        public byte[] Payload { get; } = payload;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Routing.Storage;

/// <summary>
/// A prepared statement driven through SQLitePCL directly, for the append path. Microsoft.Data.Sqlite boxes every
/// parameter value and re-binds through its parameter collection on each execution; a commit runs two inserts per
/// call event, and that overhead was a measurable share of the journal's CPU. Here values are bound straight from
/// spans and longs. Not thread-safe: the journal uses it under its write lock.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement, out _));
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Binds UTF-8 text; SQLite copies it, so the span may be reused at once.</summary>
    public void BindText(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, index, utf8));

    /// <summary>Binds a blob; SQLite copies it, so the span may be reused at once.</summary>
    public void BindBlob(int index, ReadOnlySpan<byte> bytes) => Check(raw.sqlite3_bind_blob(_statement, index, bytes));

    public void BindNull(int index) => Check(raw.sqlite3_bind_null(_statement, index));

    /// <summary>Runs the statement to completion and resets it for the next execution (bindings are replaced, not cleared).</summary>
    public void Execute()
    {
        var step = raw.sqlite3_step(_statement);
        var reset = raw.sqlite3_reset(_statement);
        if (step != raw.SQLITE_DONE)
        {
            Throw(step);
        }

        Check(reset);
    }

    public void Dispose() => _statement.Dispose();

    /// <summary>Throws what Microsoft.Data.Sqlite would for a failed call, with SQLite's own message.</summary>
    internal static void ThrowOnError(sqlite3 db, int result)
    {
        if (result != raw.SQLITE_OK)
        {
            Throw(db, result);
        }
    }

    private void Check(int result) => ThrowOnError(_db, result);

    private void Throw(int result) => Throw(_db, result);

    private static void Throw(sqlite3 db, int result) =>
        throw new SqliteException($"SQLite Error {result}: '{raw.sqlite3_errmsg(db).utf8_to_string()}'.", result, raw.sqlite3_extended_errcode(db));
}

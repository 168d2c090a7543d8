using Microsoft.Data.Sqlite;

namespace Routing.Storage;

/// <summary>The journal's tables. Created on first open; statements are idempotent.</summary>
internal static class JournalSchema
{
    public static void Create(SqliteConnection connection) => SqliteEventJournal.Execute(connection, """
        CREATE TABLE IF NOT EXISTS events (
            seq INTEGER PRIMARY KEY,
            at_ms INTEGER NOT NULL,
            type TEXT NOT NULL,
            call_id TEXT,
            payload BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS audit (
            id INTEGER PRIMARY KEY,
            event_seq INTEGER NOT NULL,
            at_ms INTEGER NOT NULL,
            call_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            actor TEXT NOT NULL,
            record BLOB NOT NULL,
            prev_hash BLOB NOT NULL,
            hash BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_by_call ON audit (call_id, id);
        CREATE INDEX IF NOT EXISTS audit_by_time ON audit (at_ms);
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB);
        DROP TABLE IF EXISTS snapshots;
        """);

    /// <summary>
    /// The journal's identity, created on first open, that its snapshot files carry (snapshots are no longer kept in
    /// the journal: an older version's <c>snapshots</c> table is dropped above, which only costs one longer replay).
    /// </summary>
    public static string JournalId(SqliteConnection connection)
    {
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT OR IGNORE INTO meta (key, value) VALUES ('journal_id', $id)";
            insert.Parameters.AddWithValue("$id", Guid.NewGuid().ToString("N"));
            insert.ExecuteNonQuery();
        }

        using var select = connection.CreateCommand();
        select.CommandText = "SELECT value FROM meta WHERE key = 'journal_id'";
        return Convert.ToString(select.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)
            ?? throw new InvalidDataException("The journal has no id.");
    }
}

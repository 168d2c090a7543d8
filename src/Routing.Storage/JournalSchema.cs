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
        CREATE TABLE IF NOT EXISTS snapshots (
            seq INTEGER PRIMARY KEY,
            taken_at_ms INTEGER NOT NULL,
            payload BLOB NOT NULL);
        """);
}

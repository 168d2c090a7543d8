using Microsoft.Data.Sqlite;

namespace Routing.Storage.Tests.Infrastructure;

/// <summary>Writes a long valid audit chain straight into a journal file (audit rows only), for volume tests.</summary>
internal static class BulkChain
{
    private static readonly string[] Names = ["$id", "$seq", "$at", "$call", "$kind", "$actor", "$record", "$prev", "$hash"];

    public static void Write(string path, int records)
    {
        new SqliteEventJournal(path).Dispose();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO audit (id, event_seq, at_ms, call_id, kind, actor, record, prev_hash, hash) VALUES ($id, $seq, $at, $call, $kind, $actor, $record, $prev, $hash)";
        var parameters = Names.Select(n => insert.Parameters.Add(n, SqliteType.Blob)).ToArray();
        var previous = AuditHash.Genesis;
        var start = AuditHarness.Start.ToUnixTimeMilliseconds();
        for (long id = 1; id <= records; id++)
        {
            var callId = $"bulk-{id / 10:D7}";
            var at = start + (id * 250);
            var record = System.Text.Encoding.UTF8.GetBytes(
                $$"""{"$type":"CallQueued","queueId":"clinical-triage","reason":"Arrival","at":"{{DateTimeOffset.FromUnixTimeMilliseconds(at):O}}","callId":"{{callId}}","sequence":{{id * 2}},"padding":"{{new string('x', 300)}}"}""");
            var hash = AuditHash.Compute(previous, id, id * 2, at, callId, "CallQueued", "system", record);
            object[] values = [id, id * 2, at, callId, "CallQueued", "system", record, previous, hash];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].SqliteType = values[i] is byte[] ? SqliteType.Blob : values[i] is string ? SqliteType.Text : SqliteType.Integer;
                parameters[i].Value = values[i];
            }

            insert.ExecuteNonQuery();
            previous = hash;
        }

        transaction.Commit();
    }
}

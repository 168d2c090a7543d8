using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Routing.Durability.Tests.Storage;

/// <summary>
/// Verifies a journal file's audit hash chain from the raw tables, independently of Routing.Storage's internals:
/// each row's hash is SHA-256 over prev_hash (32 bytes) | id, event_seq, at_ms as int64 LE | call_id, kind, actor each
/// as int64 LE byte length + UTF-8 | record, exactly as AuditHash.Compute; each prev_hash is the hash of the row
/// before (zeros at genesis, or the anchor after pruning); ids run without gaps; and every call event in the events
/// table has exactly its audit row (same sequence, time, call, kind and payload), in order.
/// </summary>
internal static class AuditChain
{
    private const int HashSize = 32;

    /// <summary>Every problem found, described; empty when the chain verifies.</summary>
    public static IReadOnlyList<string> Verify(string path, out int rows)
    {
        var problems = new List<string>();
        rows = 0;
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();

        var (previousId, previousHash) = ReadAnchor(connection);
        var audit = new List<(long Id, long Seq, long AtMs, string CallId, string Kind, byte[] Record)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, event_seq, at_ms, call_id, kind, actor, record, prev_hash, hash FROM audit ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                var seq = reader.GetInt64(1);
                var atMs = reader.GetInt64(2);
                var callId = reader.GetString(3);
                var kind = reader.GetString(4);
                var actor = reader.GetString(5);
                var record = (byte[])reader[6];
                var prev = (byte[])reader[7];
                var hash = (byte[])reader[8];
                if (id != previousId + 1)
                {
                    problems.Add(Invariant($"audit id {id} follows {previousId}"));
                }

                if (!prev.AsSpan().SequenceEqual(previousHash))
                {
                    problems.Add(Invariant($"audit {id}: prev_hash is not the hash of record {previousId}"));
                }

                if (!Compute(prev, id, seq, atMs, callId, kind, actor, record).AsSpan().SequenceEqual(hash))
                {
                    problems.Add(Invariant($"audit {id}: hash does not match its fields"));
                }

                audit.Add((id, seq, atMs, callId, kind, record));
                previousId = id;
                previousHash = hash;
                rows++;
            }
        }

        // Every call event has its audit row, in the same order, with the same content.
        var index = 0;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT seq, at_ms, call_id, type, payload FROM events WHERE call_id IS NOT NULL ORDER BY seq";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var seq = reader.GetInt64(0);
                if (index >= audit.Count)
                {
                    problems.Add(Invariant($"call event {seq} has no audit record"));
                    continue;
                }

                var row = audit[index++];
                if (row.Seq != seq || row.AtMs != reader.GetInt64(1) || row.CallId != reader.GetString(2) || row.Kind != reader.GetString(3)
                    || !row.Record.AsSpan().SequenceEqual((byte[])reader[4]))
                {
                    problems.Add(Invariant($"audit {row.Id} (event {row.Seq}) does not match call event {seq}"));
                }
            }
        }

        if (index < audit.Count)
        {
            problems.Add(Invariant($"{audit.Count - index} audit records have no call event"));
        }

        return problems;
    }

    /// <summary>The same bytes, in the same order, as Routing.Storage's AuditHash.Compute.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> previous, long id, long eventSequence, long atMs, string callId, string kind, string actor, ReadOnlySpan<byte> record)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previous);
        Span<byte> number = stackalloc byte[8];
        foreach (var n in (ReadOnlySpan<long>)[id, eventSequence, atMs])
        {
            BinaryPrimitives.WriteInt64LittleEndian(number, n);
            hash.AppendData(number);
        }

        foreach (var text in (ReadOnlySpan<string>)[callId, kind, actor])
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            BinaryPrimitives.WriteInt64LittleEndian(number, bytes.Length);
            hash.AppendData(number);
            hash.AppendData(bytes);
        }

        hash.AppendData(record);
        return hash.GetHashAndReset();
    }

    private static (long Id, byte[] Hash) ReadAnchor(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT value FROM meta WHERE key = 'audit_anchor_id'), (SELECT value FROM meta WHERE key = 'audit_anchor_hash')";
        using var row = command.ExecuteReader();
        if (row.Read() && !row.IsDBNull(0) && !row.IsDBNull(1))
        {
            return (row.GetInt64(0), (byte[])row[1]);
        }

        return (0, new byte[HashSize]);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

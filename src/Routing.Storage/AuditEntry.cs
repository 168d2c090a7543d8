using Microsoft.Data.Sqlite;
using Routing.Core.Events;

namespace Routing.Storage;

/// <summary>
/// One row of the audit table as stored: the event's own JSON (<see cref="Record"/>), who caused it, and the two
/// hashes that chain it to the record before. Contains patient data (the triage inputs inside the record).
/// </summary>
/// <param name="Id">Position in the chain: 1, 2, 3... without gaps (pruning removes a prefix only).</param>
/// <param name="EventSequence">The journal sequence of the event the record was written for.</param>
/// <param name="AtMs">The event's time, Unix milliseconds UTC.</param>
/// <param name="CallId">The call the event is about.</param>
/// <param name="Kind">The event's record type name, for example CallArrived (the JSON "$type").</param>
/// <param name="Actor">"system", "gateway" or "agent:ID".</param>
/// <param name="Record">The event as UTF-8 JSON (<see cref="EventJson"/>).</param>
/// <param name="PrevHash">The hash of the record before (zeros for the first record; the anchor's after pruning).</param>
/// <param name="Hash">SHA-256 over <see cref="PrevHash"/> and every other field (<see cref="AuditHash"/>).</param>
public sealed record AuditEntry(long Id, long EventSequence, long AtMs, string CallId, string Kind, string Actor, byte[] Record, byte[] PrevHash, byte[] Hash)
{
    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    internal const string Columns = "id, event_seq, at_ms, call_id, kind, actor, record, prev_hash, hash";

    /// <summary>The event's time (UTC, millisecond precision as stored in the row).</summary>
    public DateTimeOffset At => DateTimeOffset.FromUnixTimeMilliseconds(AtMs);

    /// <summary>The record's JSON deserialized; throws <see cref="System.Text.Json.JsonException"/> when it is not a journaled event.</summary>
    public RoutingEvent ReadEvent() => EventJson.Deserialize(Record);

    /// <summary>True when <see cref="Hash"/> matches this row's own fields (it says nothing about the link to the row before).</summary>
    public bool HashMatches() => AuditHash.Compute(PrevHash, Id, EventSequence, AtMs, CallId, Kind, Actor, Record).AsSpan().SequenceEqual(Hash);

    internal static AuditEntry Read(SqliteDataReader row) => new(
        row.GetInt64(0),
        row.GetInt64(1),
        row.GetInt64(2),
        row.GetString(3),
        row.GetString(4),
        row.GetString(5),
        Bytes(row, 6),
        Bytes(row, 7),
        Bytes(row, 8));

    /// <summary>A BLOB column (or TEXT, if someone rewrote it by hand) as bytes; NULL as empty, so a verifier reports it instead of crashing.</summary>
    internal static byte[] Bytes(SqliteDataReader row, int ordinal) => row.IsDBNull(ordinal)
        ? []
        : row.GetFieldType(ordinal) == typeof(string) ? System.Text.Encoding.UTF8.GetBytes(row.GetString(ordinal)) : (byte[])row.GetValue(ordinal);
}

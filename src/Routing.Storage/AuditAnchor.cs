using Microsoft.Data.Sqlite;

namespace Routing.Storage;

/// <summary>
/// Where the chain starts after retention pruned older records: the id and hash of the last pruned record, so the
/// remaining chain still verifies from a known link instead of from genesis.
/// </summary>
internal sealed record AuditAnchor(long Id, byte[] Hash)
{
    public static AuditAnchor? Read(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT value FROM meta WHERE key = 'audit_anchor_id'), (SELECT value FROM meta WHERE key = 'audit_anchor_hash')";
        using var row = command.ExecuteReader();
        if (!row.Read() || row.IsDBNull(0) || row.IsDBNull(1))
        {
            return null;
        }

        return new AuditAnchor(row.GetInt64(0), (byte[])row[1]);
    }

    public void Write(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_anchor_id', $id), ('audit_anchor_hash', $hash)";
        command.Parameters.AddWithValue("$id", Id);
        command.Parameters.AddWithValue("$hash", Hash);
        command.ExecuteNonQuery();
    }
}

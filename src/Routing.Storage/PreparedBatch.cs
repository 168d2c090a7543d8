using System.Buffers;
using Routing.Runtime;

namespace Routing.Storage;

/// <summary>
/// One batch encoded for <see cref="SqliteEventJournal"/>: each event's JSON, its call id, actor and audit hash, all
/// in one reusable byte buffer, and the rows that point into it. Built on the domain's loop, written by the
/// committer's thread; a batch object is reused once the domain gets it back from a landed commit.
/// </summary>
internal sealed class PreparedBatch : PreparedAppend
{
    public ArrayBufferWriter<byte> Bytes { get; } = new(16 * 1024);

    public List<PreparedRow> Rows { get; } = [];

    /// <summary>The journal's preparation generation when this was built; a failed append invalidates older ones.</summary>
    public int Generation { get; set; }

    public long FirstSequence => Rows[0].Sequence;

    public long LastSequence => Rows[^1].Sequence;

    /// <summary>The last audit id and hash this batch leaves the chain at (unchanged from before when it has no call event).</summary>
    public long LastAuditId { get; set; }

    public byte[] LastAuditHash { get; } = new byte[AuditHash.Size];

    public ReadOnlySpan<byte> Slice(int offset, int length) => Bytes.WrittenSpan.Slice(offset, length);

    public void Clear()
    {
        Bytes.ResetWrittenCount();
        Rows.Clear();
    }
}

/// <summary>
/// One event of a <see cref="PreparedBatch"/>: its columns, and where its bytes sit in the batch's buffer. A call
/// event also has an audit record (<see cref="AuditId"/> above zero); its previous hash is the row before's.
/// </summary>
internal readonly record struct PreparedRow(
    long Sequence,
    long AtMs,
    byte[] Kind,
    int CallOffset,
    int CallLength,
    int PayloadOffset,
    int PayloadLength,
    long AuditId,
    int ActorOffset,
    int ActorLength,
    int PreviousHashOffset,
    int HashOffset);

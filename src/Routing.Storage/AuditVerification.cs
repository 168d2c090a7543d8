namespace Routing.Storage;

/// <summary>What is wrong at the first broken link of the audit chain.</summary>
public enum AuditBreakKind
{
    /// <summary>Not set; never reported.</summary>
    Unspecified = 0,

    /// <summary>The record's stored hash does not match its fields: the record (or its hash) was altered.</summary>
    HashMismatch = 1,

    /// <summary>
    /// Records are missing: a gap in the ids (reported at the record after the gap), records before the first one
    /// without a retention anchor, or call events in the journal after the last audit record (a truncated chain).
    /// </summary>
    MissingRecord = 2,

    /// <summary>
    /// The record's prev_hash is not the stored hash of the record before (or of the retention anchor): the record
    /// before was rewritten with a recomputed hash, or records were reordered or replaced.
    /// </summary>
    PrevHashMismatch = 3,
}

/// <summary>The first broken link: which record, which event, what is wrong.</summary>
/// <param name="RecordId">The audit record id where the chain breaks (for a gap, the record after it).</param>
/// <param name="EventSequence">That record's event sequence (for a truncated tail, the first journal event without a record).</param>
public sealed record AuditChainBreak(long RecordId, long EventSequence, AuditBreakKind Kind, string Description);

/// <summary>The result of walking the chain from its start (genesis or the retention anchor) to the newest record.</summary>
/// <param name="RecordsChecked">Records read, up to and including the broken one.</param>
/// <param name="FirstRecordId">Id of the first record read; 0 when the table is empty.</param>
/// <param name="LastRecordId">Id of the last record read; 0 when the table is empty.</param>
/// <param name="AnchorRecordId">Id of the last pruned record the chain starts after; null when nothing was pruned.</param>
/// <param name="LastHash">Stored hash of the last record read (the anchor's, or zeros, when the table is empty). Recording it outside the database lets a later verification prove that nothing was rewritten wholesale.</param>
/// <param name="FirstBreak">The first broken link; null when the chain is intact.</param>
public sealed record AuditVerification(long RecordsChecked, long FirstRecordId, long LastRecordId, long? AnchorRecordId, byte[] LastHash, AuditChainBreak? FirstBreak)
{
    public bool Intact => FirstBreak is null;

    /// <summary>One line for operators: "intact, N records" or where and what the first break is.</summary>
    public override string ToString() => FirstBreak is { } b
        ? $"BROKEN at audit record {b.RecordId} (event {b.EventSequence}): {b.Kind}: {b.Description} ({RecordsChecked} records checked)"
        : $"intact: {RecordsChecked} records checked (ids {FirstRecordId}..{LastRecordId}{(AnchorRecordId is { } a ? $", anchored after {a}" : string.Empty)}), last hash {Convert.ToHexStringLower(LastHash)}";
}

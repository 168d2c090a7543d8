namespace Routing.Server.Audit;

/// <summary>Audit service logs: record ids and counts only, never the records' content (patient data).</summary>
internal static partial class AuditLog
{
    [LoggerMessage(100, LogLevel.Warning, "Audit chain verification found a broken link at record {RecordId}: {Kind}")]
    public static partial void ChainBroken(ILogger logger, long recordId, string kind);

    [LoggerMessage(101, LogLevel.Error, "Audit record {RecordId} cannot be read as an event")]
    public static partial void RecordUnreadable(ILogger logger, long recordId);
}

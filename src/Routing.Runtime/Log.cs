using Microsoft.Extensions.Logging;

namespace Routing.Runtime;

/// <summary>
/// Runtime logs. They name the domain, sequences and counts only: never a caller's words, red-flag codes or any
/// other part of a command or event, which may hold patient data.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Routing domain {Domain} started after event {LastSequence}.")]
    public static partial void DomainStarted(ILogger logger, string domain, long lastSequence);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Routing domain {Domain} stopped after event {LastSequence}.")]
    public static partial void DomainStopped(ILogger logger, string domain, long lastSequence);

    // The exception is logged by type and message; a journal's or engine's message names ids, never patient data.
    [LoggerMessage(EventId = 3, Level = LogLevel.Critical, Message = "Routing domain {Domain} faulted after durable event {LastDurableSequence}; {Refused} queued commands were refused. Rebuild it from the journal.")]
    public static partial void DomainFaulted(ILogger logger, Exception exception, string domain, long lastDurableSequence, int refused);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Routing domain {Domain}: a subscriber fell {Capacity} events behind and was disconnected after event {LastDelivered}.")]
    public static partial void SubscriberLagged(ILogger logger, string domain, int capacity, long lastDelivered);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Routing domain {Domain}: replaying the journal to a subscriber failed after event {LastDelivered}.")]
    public static partial void CatchUpFailed(ILogger logger, Exception exception, string domain, long lastDelivered);

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Domain {Domain} could not store a snapshot at event {Sequence}; the next start replays more of the journal")]
    public static partial void SnapshotFailed(ILogger logger, Exception exception, string domain, long sequence);
}

using Routing.Core.Events;

namespace Routing.Runtime;

/// <summary>
/// A journal that can do the CPU part of an append (encoding events, sealing audit records) ahead of the write. A
/// pipelined domain prepares each batch on its loop right after executing it, while earlier batches commit, so the
/// committer's thread, whose chain of commits bounds a durable domain's throughput, only writes.
/// </summary>
public interface IPreparingJournal : IEventJournal
{
    /// <summary>
    /// Prepares events (in sequence order, continuing the previous prepared batch without a gap) for
    /// <see cref="AppendPrepared"/>. Called by one thread at a time, in sequence order. Throws, changing nothing, when
    /// the events do not continue the journal.
    /// </summary>
    /// <param name="events">The batch's events; read during the call only.</param>
    /// <param name="reuse">A prepared batch already appended, whose buffers may be reused; null for a new one.</param>
    PreparedAppend Prepare(IReadOnlyList<RoutingEvent> events, PreparedAppend? reuse);

    /// <summary>
    /// Makes prepared batches durable in one transaction, in the order prepared, all or none, and returns once they
    /// are. After a failure, batches prepared before it are refused: the caller prepares again from what is durable.
    /// </summary>
    void AppendPrepared(IReadOnlyList<PreparedAppend> batches);
}

/// <summary>What a <see cref="IPreparingJournal"/> prepared for one batch; opaque to the domain.</summary>
public abstract class PreparedAppend
{
}

using Routing.Core.Events;

namespace Routing.Runtime;

/// <summary>
/// Where a routing domain makes its events durable. A command's reply is released only after the append that holds
/// its events has completed, so what a caller was told always survives a restart. Replaying the journal in order
/// rebuilds the domain's state, timers included.
/// </summary>
public interface IEventJournal
{
    /// <summary>
    /// Appends events whose sequences continue the journal without a gap. Completes only once they are durable.
    /// An implementation appends all of them or, by throwing, none: a throw stops the domain, whose callers are
    /// never acknowledged.
    /// </summary>
    /// <param name="events">
    /// Events in sequence order. The list belongs to the caller, who reuses it once the returned task completes:
    /// copy what must be kept.
    /// </param>
    /// <param name="cancellationToken">Cancels the append; the domain does not cancel an append in flight.</param>
    ValueTask AppendAsync(IReadOnlyList<RoutingEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// Reads events from <paramref name="fromSequence"/> (inclusive) in sequence order, without gaps, up to at least
    /// the last append completed before the call. Safe to call while appends go on.
    /// </summary>
    /// <param name="fromSequence">First sequence to return; 1 reads everything.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    IAsyncEnumerable<RoutingEvent> ReadAllAsync(long fromSequence, CancellationToken cancellationToken);
}

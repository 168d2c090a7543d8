using System.Diagnostics;
using System.Threading.Channels;
using Routing.Core.Events;

namespace Routing.Runtime;

/// <summary>
/// A live feed of a routing domain's durable events, in sequence order, without gaps or duplicates. Read
/// <see cref="Reader"/>; dispose to stop. The feed ends normally when the domain stops, with a
/// <see cref="RoutingDomainStoppedException"/> when it faulted, and with a <see cref="SubscriberLaggedException"/>
/// when this subscriber fell more than its buffer behind: the domain never waits for a subscriber and never skips one.
/// </summary>
public sealed class EventSubscription : IDisposable
{
    private readonly RoutingDomain _domain;
    private readonly Channel<RoutingEvent> _channel;

    internal EventSubscription(RoutingDomain domain, int capacity, long skipThrough)
    {
        _domain = domain;
        SkipThrough = skipThrough;
        LastDelivered = skipThrough;
        _channel = Channel.CreateBounded<RoutingEvent>(new BoundedChannelOptions(capacity)
        {
            // Wait (not Drop*) so TryWrite reports a full buffer instead of silently discarding: a full buffer is a lag.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,

            // The loop writes; a reader's continuation must never run inline on it.
            AllowSynchronousContinuations = false,
        });
    }

    /// <summary>The events, in sequence order. Its completion tells how the subscription ended.</summary>
    public ChannelReader<RoutingEvent> Reader => _channel.Reader;

    internal ChannelWriter<RoutingEvent> Writer => _channel.Writer;

    /// <summary>Events up to this sequence were delivered by catch-up, or precede the requested start: the loop skips them.</summary>
    internal long SkipThrough { get; set; }

    /// <summary>Sequence of the last event written to the channel. Written by one party at a time: the catch-up, then the loop.</summary>
    internal long LastDelivered { get; set; }

    /// <summary>Set under the domain's subscription lock.</summary>
    internal bool Disposed { get; set; }

    public void Dispose() => _domain.Unsubscribe(this);

    /// <summary>Called by the loop, under the subscription lock. Never waits.</summary>
    internal DeliveryOutcome TryDeliver(List<RoutingEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Sequence <= SkipThrough)
            {
                continue;
            }

            Debug.Assert(e.Sequence == LastDelivered + 1, "a subscriber receives every sequence once, in order");
            if (!_channel.Writer.TryWrite(e))
            {
                // Full, or completed by Dispose. Only the first completion counts, so a disposed reader is not "lagged".
                return _channel.Writer.TryComplete(new SubscriberLaggedException(LastDelivered))
                    ? DeliveryOutcome.Lagged
                    : DeliveryOutcome.Closed;
            }

            LastDelivered = e.Sequence;
        }

        return DeliveryOutcome.Delivered;
    }

    internal enum DeliveryOutcome
    {
        Delivered = 0,
        Lagged = 1,
        Closed = 2,
    }
}

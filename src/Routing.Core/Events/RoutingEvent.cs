namespace Routing.Core.Events;

/// <summary>
/// Something that happened in a routing domain. Events are the only way state changes, so journaling them and
/// applying them again in order rebuilds the exact state. <see cref="Sequence"/> is assigned by the engine when the
/// event is emitted: strictly increasing, without gaps, per domain.
/// </summary>
public abstract record RoutingEvent(DateTimeOffset At)
{
    private long _sequence;

    /// <summary>Settable at construction so a journal can rebuild events it reads back; the engine assigns it on emit.</summary>
    public long Sequence
    {
        get => _sequence;
        init => _sequence = value;
    }

    internal void AssignSequence(long sequence) => _sequence = sequence;
}

/// <summary>An event about one call.</summary>
public abstract record CallEvent(DateTimeOffset At, string CallId) : RoutingEvent(At);

/// <summary>An event about one agent.</summary>
public abstract record AgentEvent(DateTimeOffset At, string AgentId) : RoutingEvent(At);

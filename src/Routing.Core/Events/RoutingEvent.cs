namespace Routing.Core.Events;

/// <summary>
/// Something that happened in a routing domain. Events are the only way state changes, so journaling them and
/// applying them again in order rebuilds the exact state. <see cref="Sequence"/> is assigned by the engine when the
/// event is emitted: strictly increasing, without gaps, per domain.
/// </summary>
public abstract record RoutingEvent(DateTimeOffset At)
{
    public long Sequence { get; internal set; }
}

/// <summary>An event about one call.</summary>
public abstract record CallEvent(DateTimeOffset At, string CallId) : RoutingEvent(At);

/// <summary>An event about one agent.</summary>
public abstract record AgentEvent(DateTimeOffset At, string AgentId) : RoutingEvent(At);

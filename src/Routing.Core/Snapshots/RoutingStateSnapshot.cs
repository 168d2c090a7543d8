namespace Routing.Core.Snapshots;

/// <summary>
/// Everything <see cref="Engine.RoutingState"/> holds, as plain data, at one event sequence. Restoring it and then
/// applying the journal's later events gives exactly the state that applying every event would have given, so
/// restart time depends on the live state and the tail, not on the length of history.
/// </summary>
public sealed record RoutingStateSnapshot
{
    public required long LastSequence { get; init; }

    public required DateTimeOffset LastEventAt { get; init; }

    public required IReadOnlyList<CallSnapshot> Calls { get; init; }

    public required IReadOnlyList<AgentSnapshot> Agents { get; init; }

    /// <summary>Pending timers in firing order.</summary>
    public required IReadOnlyList<TimerSnapshot> Timers { get; init; }

    /// <summary>Each queue's running average handle time (seconds), in configuration order.</summary>
    public required IReadOnlyList<double> QueueHandleSeconds { get; init; }
}

namespace Routing.Core.Statistics;

/// <summary>Wallboard figures at one moment. Counts, durations and classes only: no patient data.</summary>
/// <param name="AsOf">The moment the live figures describe.</param>
/// <param name="WindowStart">Start of the first interval in the counting window of the cumulative figures.</param>
/// <param name="Queues">Configured queues in configuration order, then any other queue with calls, by id.</param>
/// <param name="Agents">Every logged-in agent by role and state.</param>
/// <param name="LongestWait">The longest <see cref="UrgencyClassSnapshot.OldestWait"/> of any queue and class.</param>
public sealed record StatisticsSnapshot(
    DateTimeOffset AsOf,
    DateTimeOffset WindowStart,
    IReadOnlyList<QueueSnapshot> Queues,
    IReadOnlyList<AgentStateCounts> Agents,
    TimeSpan LongestWait);

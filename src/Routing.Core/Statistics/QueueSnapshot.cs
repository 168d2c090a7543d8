namespace Routing.Core.Statistics;

/// <summary>Live figures for one queue. No patient data.</summary>
/// <param name="QueueId">The queue.</param>
/// <param name="Classes">Classes with calls now or traffic in the window, most urgent first.</param>
/// <param name="Agents">
/// Agents who may take calls from the queue (at some overflow level), by role and state; an agent eligible for
/// several queues is counted in each. Empty for a queue the options do not configure.
/// </param>
public sealed record QueueSnapshot(string QueueId, IReadOnlyList<UrgencyClassSnapshot> Classes, IReadOnlyList<AgentStateCounts> Agents);

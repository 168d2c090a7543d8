namespace Routing.Core.Configuration;

/// <summary>
/// A time-based overflow step, measured from when the call entered the queue: after <see cref="After"/> either
/// widen the set of agents that may take it (<see cref="WidenTo"/>, like Genesys bullseye rings or Asterisk
/// penaltychange) or move it to another queue (<see cref="MoveToQueueId"/>), keeping its original arrival time.
/// Exactly one of the two is set.
/// </summary>
public sealed record OverflowStep(TimeSpan After, IReadOnlyList<SkillRequirement>? WidenTo = null, string? MoveToQueueId = null);

using Routing.Core.Agents;

namespace Routing.Core.Events;

public sealed record AgentLoggedIn(DateTimeOffset At, string AgentId, AgentRole Role, IReadOnlyList<AgentSkill> Skills)
    : AgentEvent(At, AgentId);

public sealed record AgentLoggedOut(DateTimeOffset At, string AgentId) : AgentEvent(At, AgentId);

/// <summary>Why an agent became available.</summary>
public enum AvailabilityCause
{
    Ready = 1,
    WrapUpEnded = 2,
    PauseEnded = 3,
}

public sealed record AgentBecameAvailable(DateTimeOffset At, string AgentId, AvailabilityCause Cause) : AgentEvent(At, AgentId);

/// <summary>
/// The agent is not ready. With <see cref="ResumeAt"/> the engine makes them available again at that time
/// (the pause after a decline or a single miss); without it only the agent can.
/// </summary>
public sealed record AgentNotReady(DateTimeOffset At, string AgentId, string Reason, DateTimeOffset? ResumeAt) : AgentEvent(At, AgentId);

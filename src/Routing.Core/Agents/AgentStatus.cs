namespace Routing.Core.Agents;

/// <summary>An agent's routing state. Only <see cref="Available"/> agents are offered calls.</summary>
public enum AgentStatus
{
    LoggedOut = 0,
    Available = 1,

    /// <summary>An offer is ringing on the agent's desktop.</summary>
    Reserved = 2,
    OnCall = 3,
    WrapUp = 4,
    NotReady = 5,
}

using Routing.Core.Configuration;

namespace Routing.Core.Agents;

/// <summary>
/// Mutable agent state owned by <see cref="Engine.RoutingState"/>. While an agent sits in an available-agent index
/// the fields its ordering reads (<see cref="IdleSince"/>, <see cref="CallsHandled"/>) do not change.
/// </summary>
public sealed class Agent
{
    internal Agent(string id, AgentRole role, IReadOnlyList<AgentSkill> skills, long order)
    {
        Id = id;
        Role = role;
        Skills = skills;
        Order = order;
    }

    public string Id { get; }

    public AgentRole Role { get; internal set; }

    public IReadOnlyList<AgentSkill> Skills { get; internal set; }

    /// <summary>Login order: the final tie-breaker so agent choice is deterministic.</summary>
    public long Order { get; internal set; }

    public AgentStatus Status { get; internal set; } = AgentStatus.LoggedOut;

    /// <summary>Reason for <see cref="AgentStatus.NotReady"/>; empty otherwise.</summary>
    public string NotReadyReason { get; internal set; } = string.Empty;

    /// <summary>The call offered to, connected to or being wrapped up by the agent.</summary>
    public string? CallId { get; internal set; }

    public DateTimeOffset IdleSince { get; internal set; }

    /// <summary>When the current call was answered; handle time for the estimated-wait figure starts here.</summary>
    public DateTimeOffset? ConnectedAt { get; internal set; }

    public int CallsHandled { get; internal set; }

    public int ConsecutiveMisses { get; internal set; }

    /// <summary>Sequence of the event that set the current status; timers carry it to detect staleness.</summary>
    public long StatusStamp { get; internal set; }

    /// <summary>Per queue index: the lowest overflow level at which this agent qualifies, or -1.</summary>
    internal int[] QueueLevels { get; set; } = [];

    public bool IsClinician => Role == AgentRole.Clinician;

    public int ProficiencyIn(string skill)
    {
        foreach (var s in Skills)
        {
            if (string.Equals(s.Name, skill, StringComparison.Ordinal))
            {
                return s.Proficiency;
            }
        }

        return 0;
    }

    public bool Satisfies(IReadOnlyList<SkillRequirement> requirements)
    {
        foreach (var r in requirements)
        {
            if (ProficiencyIn(r.Skill) < r.MinProficiency)
            {
                return false;
            }
        }

        return true;
    }
}

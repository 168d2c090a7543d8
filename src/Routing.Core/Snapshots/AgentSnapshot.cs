using Routing.Core.Agents;

namespace Routing.Core.Snapshots;

/// <summary>One agent's state. Field for field what <see cref="Agent"/> holds.</summary>
public sealed record AgentSnapshot
{
    public required string Id { get; init; }

    public required AgentRole Role { get; init; }

    public required IReadOnlyList<AgentSkill> Skills { get; init; }

    public required long Order { get; init; }

    public required AgentStatus Status { get; init; }

    public required string NotReadyReason { get; init; }

    public string? CallId { get; init; }

    public required DateTimeOffset IdleSince { get; init; }

    public DateTimeOffset? ConnectedAt { get; init; }

    public required int CallsHandled { get; init; }

    public required int ConsecutiveMisses { get; init; }

    public required long StatusStamp { get; init; }
}

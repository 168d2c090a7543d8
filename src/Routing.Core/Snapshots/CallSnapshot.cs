using Routing.Core.Calls;
using Routing.Core.Triage;
using Routing.Core.Urgencies;

namespace Routing.Core.Snapshots;

/// <summary>One call's state. Field for field what <see cref="Call"/> holds.</summary>
public sealed record CallSnapshot
{
    public required string Id { get; init; }

    public required TriageInput OriginalInput { get; init; }

    public required TriageInput Input { get; init; }

    public required TriageDecision OriginalDecision { get; init; }

    public required TriageDecision Decision { get; init; }

    public required int Priority { get; init; }

    public required DateTimeOffset ArrivedAt { get; init; }

    public required long ArrivalOrder { get; init; }

    public required long OrderKey { get; init; }

    public required Urgency Urgency { get; init; }

    public required CallPlace Place { get; init; }

    public required string QueueId { get; init; }

    public required int Level { get; init; }

    public required int OverflowStep { get; init; }

    public required bool Waiting { get; init; }

    public required DateTimeOffset QueueEnteredAt { get; init; }

    public required long QueueStamp { get; init; }

    public string? AgentId { get; init; }

    public required long OfferStamp { get; init; }

    public required bool IsCallback { get; init; }

    public required bool IsSafetyNet { get; init; }

    public required bool SafetyNetOverdue { get; init; }

    public DateTimeOffset? ClinicianContactAt { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public required bool Abandoned { get; init; }

    public required bool EscalationWarned { get; init; }

    public required bool EscalationBreached { get; init; }
}

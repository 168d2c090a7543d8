using Routing.Core.Agents;
using Routing.Core.Events;
using Routing.Core.Urgencies;

namespace Routing.Storage;

/// <summary>Who caused an audit record, parsed from the stored actor ("system", "gateway", "agent:ID").</summary>
public enum AuditActorKind
{
    /// <summary>An actor string this version does not know (shown, never dropped).</summary>
    Unknown = 0,
    System = 1,
    Gateway = 2,
    Agent = 3,
}

/// <param name="Id">The agent id; for the gateway, the gateway that owns the call when it was known; empty for the system.</param>
/// <param name="Role">For agents: the role they logged in with, as of the record (from the journal's login events); null when unknown.</param>
public sealed record AuditActorInfo(AuditActorKind Kind, string Id, AgentRole? Role)
{
    public static AuditActorInfo Parse(string actor, string? gatewayId = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor switch
        {
            AuditActor.System => new AuditActorInfo(AuditActorKind.System, string.Empty, null),
            AuditActor.Gateway => new AuditActorInfo(AuditActorKind.Gateway, gatewayId ?? string.Empty, null),
            _ when actor.StartsWith(AgentPrefix, StringComparison.Ordinal) => new AuditActorInfo(AuditActorKind.Agent, actor[AgentPrefix.Length..], null),
            _ => new AuditActorInfo(AuditActorKind.Unknown, actor, null),
        };
    }

    internal const string AgentPrefix = "agent:";
}

/// <summary>
/// One entry of a call's history: the stored record, the event it holds, and the call's state after it (folded from
/// the records before), so a reviewer reads "what happened, who did it, where the call was" without replaying.
/// </summary>
/// <param name="Urgency">The call's class after the entry.</param>
/// <param name="PreviousUrgency">The class before, for re-triage and urgency changes; null otherwise.</param>
/// <param name="QueueId">The queue the call is in after the entry; null before it was first queued.</param>
/// <param name="PreviousQueueId">The queue the call left, when the entry moved it; null otherwise.</param>
public sealed record CallTimelineEntry(
    AuditEntry Record,
    RoutingEvent Event,
    AuditActorInfo Actor,
    Urgency Urgency,
    Urgency? PreviousUrgency,
    string? QueueId,
    string? PreviousQueueId);

/// <summary>Every audit record of one call, in chain order.</summary>
public sealed record CallTimeline(string CallId, IReadOnlyList<CallTimelineEntry> Entries);

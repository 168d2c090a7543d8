using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Triage;
using Routing.Core.Urgencies;

namespace Routing.Core.Commands;

/// <summary>A request to a routing domain. Commands are validated against state; only their events change it.</summary>
public abstract record RoutingCommand;

/// <summary>A gateway offers a call. Idempotent on <see cref="CallId"/>: the same content returns the original decision.</summary>
public sealed record OfferCall(string CallId, TriageInput Input, int Priority = 0, string? GatewayId = null) : RoutingCommand;

/// <summary>New IVR input, red flags or words for a live call: re-triage, which can only raise urgency.</summary>
public sealed record UpdateCall(string CallId, TriageInput Input) : RoutingCommand;

public sealed record EndCall(string CallId, CallEndReason Reason) : RoutingCommand;

/// <summary>The caller keeps their place and hangs up.</summary>
public sealed record RequestCallback(string CallId) : RoutingCommand;

public sealed record LogIn(string AgentId, AgentRole Role, IReadOnlyList<AgentSkill> Skills) : RoutingCommand;

public sealed record SetReady(string AgentId) : RoutingCommand;

public sealed record SetNotReady(string AgentId, string Reason) : RoutingCommand;

public sealed record LogOut(string AgentId) : RoutingCommand;

public sealed record AcceptOffer(string AgentId, string CallId) : RoutingCommand;

public sealed record DeclineOffer(string AgentId, string CallId, string Reason) : RoutingCommand;

public sealed record CompleteCall(string AgentId, string CallId) : RoutingCommand;

public sealed record EndWrapUp(string AgentId) : RoutingCommand;

public sealed record TransferCall(string AgentId, string CallId, string QueueId) : RoutingCommand;

/// <summary>An agent changes a call's urgency. Raising is open to any agent; lowering needs a clinician and a reason.</summary>
public sealed record ChangeUrgency(string AgentId, string CallId, Urgency Urgency, string Reason) : RoutingCommand;

/// <summary>
/// Reads where waiting callers stand (position, estimated wait) so gateways can announce it. Changes nothing and
/// emits no event of its own; callers not waiting on the line (ringing, connected, held-place callbacks, ended,
/// unknown) are left out of the reply.
/// </summary>
public sealed record QueryStanding(IReadOnlyList<string> CallIds) : RoutingCommand;

/// <summary>Fires every timer due by now. The runtime sends it when the next timer is due; a simulator, whenever it likes.</summary>
public sealed record AdvanceTime : RoutingCommand
{
    public static readonly AdvanceTime Instance = new();
}

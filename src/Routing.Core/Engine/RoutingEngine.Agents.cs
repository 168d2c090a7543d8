using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Commands;
using Routing.Core.Events;
using Routing.Core.Urgencies;

namespace Routing.Core.Engine;

/// <summary>Agent desktop commands: login, readiness, offers, completion, transfer, urgency changes.</summary>
public sealed partial class RoutingEngine
{
    // An agent reply without a call is one of a handful of values, and records are immutable: one shared instance per
    // status saves an allocation on most agent commands (complete, end wrap-up, ready, not ready).
    private static readonly AgentReply[] ReplyWithoutCall = RepliesWithoutCall();

    private Outcome HandleLogIn(LogIn c, DateTimeOffset now)
    {
        if (ValidateId(c.AgentId, "agent_id") is { } idError)
        {
            return idError;
        }

        if (c.Role is not (AgentRole.NonClinical or AgentRole.Clinician))
        {
            return RoutingError.Invalid("role", "Role must be NON_CLINICAL or CLINICIAN.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var skill in c.Skills)
        {
            if (string.IsNullOrWhiteSpace(skill.Name))
            {
                return RoutingError.Invalid("skills.name", "Skill names must not be empty.");
            }

            if (skill.Proficiency is < 1 or > 5)
            {
                return RoutingError.Invalid("skills.proficiency", $"Proficiency of {skill.Name} must be 1-5, was {skill.Proficiency}.");
            }

            if (!names.Add(skill.Name))
            {
                return RoutingError.Invalid("skills.name", $"Skill {skill.Name} is listed twice.");
            }
        }

        if (State.FindAgent(c.AgentId) is { Status: not AgentStatus.LoggedOut } existing)
        {
            var same = existing.Role == c.Role && existing.Skills.SequenceEqual(c.Skills);
            return same
                ? Outcome.Ok(new AgentReply(existing.Status, existing.CallId))
                : RoutingError.Precondition($"Agent {c.AgentId} is already logged in with another role or skills; log out first.");
        }

        Emit(new AgentLoggedIn(now, c.AgentId, c.Role, c.Skills.ToArray()));
        return AgentOk(State.FindAgent(c.AgentId)!);
    }

    private Outcome HandleSetReady(SetReady c, DateTimeOffset now)
    {
        if (LoggedIn(c.AgentId, out var agent) is { } error)
        {
            return error;
        }

        switch (agent.Status)
        {
            case AgentStatus.Available:
                break;
            case AgentStatus.NotReady:
                Emit(new AgentBecameAvailable(now, agent.Id, AvailabilityCause.Ready));
                TryMatchAgent(agent, now);
                break;
            case AgentStatus.WrapUp:
                Emit(new AgentBecameAvailable(now, agent.Id, AvailabilityCause.WrapUpEnded));
                TryMatchAgent(agent, now);
                break;
            default:
                return RoutingError.Precondition($"Agent {agent.Id} is {agent.Status}; finish the current call first.");
        }

        return AgentOk(agent);
    }

    private Outcome HandleSetNotReady(SetNotReady c, DateTimeOffset now)
    {
        if (LoggedIn(c.AgentId, out var agent) is { } error)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(c.Reason))
        {
            return RoutingError.Invalid("reason", "A not-ready reason is required.");
        }

        if (agent.Status is AgentStatus.Reserved or AgentStatus.OnCall)
        {
            return RoutingError.Precondition($"Agent {agent.Id} is {agent.Status}; decline or finish the call first.");
        }

        Emit(new AgentNotReady(now, agent.Id, c.Reason, null));
        return AgentOk(agent);
    }

    private Outcome HandleLogOut(LogOut c, DateTimeOffset now)
    {
        if (ValidateId(c.AgentId, "agent_id") is { } idError)
        {
            return idError;
        }

        if (State.FindAgent(c.AgentId) is not { } agent)
        {
            return RoutingError.NotFound("agent_id", $"Agent {c.AgentId} is not known.");
        }

        if (agent.Status == AgentStatus.LoggedOut)
        {
            return AgentOk(agent);
        }

        if (agent.Status == AgentStatus.OnCall)
        {
            return RoutingError.Precondition($"Agent {agent.Id} is on a call; complete or transfer it first.");
        }

        Call? ringing = agent.Status == AgentStatus.Reserved ? State.FindCall(agent.CallId!) : null;
        if (ringing is not null)
        {
            CancelOffer(ringing, OfferCancelReason.AgentLoggedOut, now);
        }

        Emit(new AgentLoggedOut(now, agent.Id));
        if (ringing is not null)
        {
            TryMatchCall(ringing, now);
        }

        return AgentOk(agent);
    }

    private Outcome HandleAccept(AcceptOffer c, DateTimeOffset now)
    {
        if (OfferedTo(c.AgentId, c.CallId, out var agent, out var call) is { } error)
        {
            return error;
        }

        if (call.Urgency.IsClinical() && !agent.IsClinician)
        {
            // Unreachable by construction (clinical calls are never offered to non-clinicians); refuse rather than trust it.
            return new RoutingError(RoutingErrorCode.PermissionDenied, $"Call {call.Id} is clinical; only a clinician may take it.");
        }

        Emit(new CallAccepted(now, call.Id, agent.Id, ClinicianContact: agent.IsClinician));
        return AgentOk(agent);
    }

    private Outcome HandleDecline(DeclineOffer c, DateTimeOffset now)
    {
        if (OfferedTo(c.AgentId, c.CallId, out var agent, out var call) is { } error)
        {
            return error;
        }

        var reason = string.IsNullOrWhiteSpace(c.Reason) ? "declined" : c.Reason;
        Emit(new OfferDeclined(now, call.Id, agent.Id, reason, now + State.Options.MissPause));
        TryMatchCall(call, now);
        return AgentOk(agent);
    }

    private Outcome HandleComplete(CompleteCall c, DateTimeOffset now)
    {
        if (ConnectedTo(c.AgentId, c.CallId, out var agent, out var call) is { } error)
        {
            return error;
        }

        if (call.Urgency.IsClinical() && call.ClinicianContactAt is null)
        {
            // A booked appointment never closes a clinical call; clinician contact does.
            return RoutingError.Precondition(
                $"Call {call.Id} is {call.Urgency.ToCode()} and has not reached a clinician; transfer it to {Rules.ClinicalQueueId}.");
        }

        var wrapUp = State.QueueOf(call).Definition.WrapUp;
        Emit(new CallCompleted(now, call.Id, agent.Id, CompletedBy.Agent, wrapUp));
        AfterHandling(agent, wrapUp, now);
        return AgentOk(agent);
    }

    private Outcome HandleEndWrapUp(EndWrapUp c, DateTimeOffset now)
    {
        if (LoggedIn(c.AgentId, out var agent) is { } error)
        {
            return error;
        }

        if (agent.Status == AgentStatus.Available)
        {
            return AgentOk(agent);
        }

        if (agent.Status != AgentStatus.WrapUp)
        {
            return RoutingError.Precondition($"Agent {agent.Id} is {agent.Status}, not in wrap-up.");
        }

        Emit(new AgentBecameAvailable(now, agent.Id, AvailabilityCause.WrapUpEnded));
        TryMatchAgent(agent, now);
        return AgentOk(agent);
    }

    private Outcome HandleTransfer(TransferCall c, DateTimeOffset now)
    {
        if (ConnectedTo(c.AgentId, c.CallId, out var agent, out var call) is { } error)
        {
            return error;
        }

        if (ValidateId(c.QueueId, "queue_id") is { } queueIdError)
        {
            return queueIdError;
        }

        if (State.FindQueue(c.QueueId) is not { } target)
        {
            return RoutingError.NotFound("queue_id", $"Queue {c.QueueId} is not known.");
        }

        if (call.Urgency.IsClinical() && !target.Clinical)
        {
            return RoutingError.Precondition($"Call {call.Id} is {call.Urgency.ToCode()}: a clinical-class call never goes to administrative queue {target.Id}.");
        }

        var from = call.QueueId;
        var wrapUp = State.QueueOf(call).Definition.WrapUp;
        Emit(new CallTransferred(now, call.Id, agent.Id, from, target.Id, wrapUp));
        TryMatchCall(call, now);
        AfterHandling(agent, wrapUp, now);
        return AgentOk(agent);
    }

    private Outcome HandleChangeUrgency(ChangeUrgency c, DateTimeOffset now)
    {
        if (LoggedIn(c.AgentId, out var agent) is { } error)
        {
            return error;
        }

        if (LiveCall(c.CallId) is not { } call)
        {
            return CallError(c.CallId);
        }

        if (c.Urgency == Urgency.Unspecified || !Enum.IsDefined(c.Urgency))
        {
            return RoutingError.Invalid("urgency", "A valid urgency is required.");
        }

        if (c.Urgency < call.Urgency)
        {
            if (!agent.IsClinician)
            {
                return new RoutingError(RoutingErrorCode.PermissionDenied, "Only a clinician may lower a call's urgency.", "urgency");
            }

            if (string.IsNullOrWhiteSpace(c.Reason))
            {
                return RoutingError.Invalid("reason", "Lowering urgency requires a reason.");
            }
        }

        if (c.Urgency == call.Urgency)
        {
            return AgentOk(agent);
        }

        var from = call.Urgency;
        Emit(new CallUrgencyChanged(now, call.Id, from, c.Urgency, agent.Id, c.Reason ?? string.Empty));
        if (c.Urgency > from)
        {
            AfterUrgencyRaised(call, from, now);
        }

        return AgentOk(agent);
    }

    /// <summary>With no wrap-up configured the agent is free at once and may take the next call.</summary>
    private void AfterHandling(Agent agent, TimeSpan wrapUp, DateTimeOffset now)
    {
        if (wrapUp <= TimeSpan.Zero && agent.Status == AgentStatus.WrapUp)
        {
            Emit(new AgentBecameAvailable(now, agent.Id, AvailabilityCause.WrapUpEnded));
            TryMatchAgent(agent, now);
        }
    }

    private static AgentReply AgentReplyFor(Agent agent)
    {
        var status = agent.Status;
        if (agent.CallId is null && (uint)status < (uint)ReplyWithoutCall.Length)
        {
            return ReplyWithoutCall[(int)status];
        }

        return new AgentReply(status, agent.CallId);
    }

    private static Outcome AgentOk(Agent agent) => Outcome.Ok(AgentReplyFor(agent));

    private static AgentReply[] RepliesWithoutCall()
    {
        var replies = new AgentReply[(int)Enum.GetValues<AgentStatus>().Max() + 1];
        for (var i = 0; i < replies.Length; i++)
        {
            replies[i] = new AgentReply((AgentStatus)i, null);
        }

        return replies;
    }

    private RoutingError? LoggedIn(string agentId, out Agent agent)
    {
        agent = null!;
        if (ValidateId(agentId, "agent_id") is { } idError)
        {
            return idError;
        }

        if (State.FindAgent(agentId) is not { } found)
        {
            return RoutingError.NotFound("agent_id", $"Agent {agentId} is not known.");
        }

        if (found.Status == AgentStatus.LoggedOut)
        {
            return RoutingError.Precondition($"Agent {agentId} is logged out.");
        }

        agent = found;
        return null;
    }

    private RoutingError? OfferedTo(string agentId, string callId, out Agent agent, out Call call)
    {
        call = null!;
        if (LoggedIn(agentId, out agent) is { } error)
        {
            return error;
        }

        if (ValidateId(callId, "call_id") is { } idError)
        {
            return idError;
        }

        if (State.FindCall(callId) is not { } found)
        {
            return RoutingError.NotFound("call_id", $"Call {callId} is not known.");
        }

        if (found.Place != CallPlace.Offered || !string.Equals(found.AgentId, agentId, StringComparison.Ordinal))
        {
            return RoutingError.Precondition($"Call {callId} is not offered to agent {agentId}.");
        }

        call = found;
        return null;
    }

    private RoutingError? ConnectedTo(string agentId, string callId, out Agent agent, out Call call)
    {
        call = null!;
        if (LoggedIn(agentId, out agent) is { } error)
        {
            return error;
        }

        if (ValidateId(callId, "call_id") is { } idError)
        {
            return idError;
        }

        if (State.FindCall(callId) is not { } found)
        {
            return RoutingError.NotFound("call_id", $"Call {callId} is not known.");
        }

        if (found.Place != CallPlace.Connected || !string.Equals(found.AgentId, agentId, StringComparison.Ordinal))
        {
            return RoutingError.Precondition($"Call {callId} is not connected to agent {agentId}.");
        }

        call = found;
        return null;
    }
}

using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Commands;
using Routing.Core.Events;
using Routing.Core.Triage;
using Routing.Core.Urgencies;

namespace Routing.Core.Engine;

/// <summary>Gateway commands: offer, update, end, callback.</summary>
public sealed partial class RoutingEngine
{
    private const int MaxIdLength = 128;
    private const int MaxPriority = 9;

    private Outcome HandleOfferCall(OfferCall c, DateTimeOffset now)
    {
        if (ValidateId(c.CallId, "call_id") is { } idError)
        {
            return idError;
        }

        if (c.Priority is < 0 or > MaxPriority)
        {
            return RoutingError.Invalid("priority", $"Priority must be 0-{MaxPriority}, was {c.Priority}.");
        }

        if (ValidateInput(c.Input) is { } inputError)
        {
            return inputError;
        }

        if (State.FindCall(c.CallId) is { } existing)
        {
            // Idempotency: a gateway retrying after a timeout must get the original decision, never a second call.
            if (existing.Priority != c.Priority || !existing.OriginalInput.SameContentAs(c.Input))
            {
                return new RoutingError(RoutingErrorCode.AlreadyExists, $"Call {c.CallId} was already offered with different content.", "call_id");
            }

            var (position, wait) = Standing(existing);
            return Outcome.Ok(new OfferCallReply(existing.OriginalDecision, position, wait, existing.OriginalDecision.Urgency == Urgency.Emergency, Duplicate: true, existing.ArrivalOrder));
        }

        var decision = Rules.Evaluate(c.Input);
        var arrived = Emit(new CallArrived(now, c.CallId, c.Input, decision, c.Priority, c.GatewayId));
        var call = State.FindCall(c.CallId)!;
        if (decision.Urgency == Urgency.Emergency)
        {
            InstructEmergency(call, now, "emergency triage");
        }

        Emit(new CallQueued(now, call.Id, decision.QueueId, QueueEntryReason.Arrival));
        TryMatchCall(call, now);
        var (pos, ewt) = Standing(call);
        return Outcome.Ok(new OfferCallReply(decision, pos, ewt, decision.Urgency == Urgency.Emergency, Duplicate: false, arrived.Sequence));
    }

    private Outcome HandleUpdateCall(UpdateCall c, DateTimeOffset now)
    {
        if (LiveCall(c.CallId) is not { } call)
        {
            return CallError(c.CallId);
        }

        if (ValidateInput(c.Input) is { } inputError)
        {
            return inputError;
        }

        var merged = call.Input.Merge(c.Input);
        var decision = Rules.Evaluate(merged);

        // Rules only raise: a re-triage that finds less keeps the urgency the call already has.
        var to = UrgencyExtensions.Max(call.Urgency, decision.Urgency);
        var from = call.Urgency;
        Emit(new CallRetriaged(now, call.Id, merged, decision, from, to));
        if (to > from)
        {
            AfterUrgencyRaised(call, from, now);
        }

        return Outcome.Ok(new UpdateCallReply(decision, call.Urgency, to > from));
    }

    private Outcome HandleEndCall(EndCall c, DateTimeOffset now)
    {
        if (ValidateId(c.CallId, "call_id") is { } idError)
        {
            return idError;
        }

        if (State.FindCall(c.CallId) is not { } call)
        {
            return RoutingError.NotFound("call_id", $"Call {c.CallId} is not known.");
        }

        if (c.Reason == CallEndReason.Unspecified || !Enum.IsDefined(c.Reason))
        {
            return RoutingError.Invalid("reason", "An end reason is required.");
        }

        if (call.Place == CallPlace.Ended)
        {
            return Outcome.Ok(AcknowledgedReply.Instance);
        }

        if (call.Place == CallPlace.Connected)
        {
            var agent = State.FindAgent(call.AgentId!)!;
            var wrapUp = State.QueueOf(call).Definition.WrapUp;
            if (call.Urgency.IsClinical() && call.ClinicianContactAt is null)
            {
                // The caller left a front-line agent with a clinical problem nobody clinical has heard: the incident
                // pattern. The call does not end; it becomes a mandatory callback in the clinical queue.
                Emit(new CallTransferred(now, call.Id, agent.Id, call.QueueId, Rules.ClinicalQueueId, wrapUp, TransferredBy.SafetyNet));
                Emit(new CallAbandoned(now, call.Id, call.QueueId, BecomesSafetyNetCallback: true));
                Emit(new SafetyNetCallbackCreated(now, call.Id, now + State.Options.SafetyNetCallbackDeadline));
                AfterHandling(agent, wrapUp, now);
                TryMatchCall(call, now);
                return Outcome.Ok(AcknowledgedReply.Instance);
            }

            Emit(new CallCompleted(now, call.Id, agent.Id, CompletedBy.Gateway, wrapUp));
            AfterHandling(agent, wrapUp, now);
            return Outcome.Ok(AcknowledgedReply.Instance);
        }

        if (c.Reason == CallEndReason.Completed)
        {
            return RoutingError.Precondition($"Call {c.CallId} was never connected; a caller who hangs up while waiting ends with CALLER_HUNG_UP.");
        }

        if (call.IsSafetyNet)
        {
            return RoutingError.Precondition($"Call {c.CallId} is a safety-net callback; it ends only with clinician contact.");
        }

        if (call.IsCallback && call.Place == CallPlace.Queued && !(call.Urgency.RequiresSafetyNet() && call.ClinicianContactAt is null))
        {
            // The caller already hung up when asking for the callback: this withdraws the request.
            Emit(new CallAbandoned(now, call.Id, call.QueueId, BecomesSafetyNetCallback: false));
            return Outcome.Ok(AcknowledgedReply.Instance);
        }

        Abandon(call, now);
        return Outcome.Ok(AcknowledgedReply.Instance);
    }

    private Outcome HandleRequestCallback(RequestCallback c, DateTimeOffset now)
    {
        if (LiveCall(c.CallId) is not { } call)
        {
            return CallError(c.CallId);
        }

        if (call.Place == CallPlace.Connected)
        {
            return RoutingError.Precondition($"Call {c.CallId} is connected to an agent; a callback is for waiting callers.");
        }

        if (!call.IsCallback)
        {
            // The caller is leaving the line: a ringing agent could not reach them anyway.
            var freed = call.Place == CallPlace.Offered ? CancelOffer(call, OfferCancelReason.CallerHungUp, now) : null;
            Emit(new CallbackRequested(now, call.Id));
            MatchFreedAgentThenCall(freed, call, now);
        }

        var (position, wait) = Standing(call);
        return Outcome.Ok(new CallbackReply(position, wait));
    }

    /// <summary>A caller hung up before an answer. Clinical classes without clinician contact become safety-net callbacks.</summary>
    private void Abandon(Call call, DateTimeOffset now)
    {
        var freed = call.Place == CallPlace.Offered ? CancelOffer(call, OfferCancelReason.CallerHungUp, now) : null;
        var safetyNet = call.Urgency.RequiresSafetyNet() && call.ClinicianContactAt is null;
        Emit(new CallAbandoned(now, call.Id, call.QueueId, safetyNet));
        if (safetyNet)
        {
            Emit(new SafetyNetCallbackCreated(now, call.Id, now + State.Options.SafetyNetCallbackDeadline));
        }

        MatchFreedAgentThenCall(freed, call, now);
    }

    /// <summary>After a raise: fast-track an emergency, and take a clinical class away from a non-clinical agent.</summary>
    private void AfterUrgencyRaised(Call call, Urgency from, DateTimeOffset now)
    {
        if (call.Urgency == Urgency.Emergency && from < Urgency.Emergency && !call.IsCallback)
        {
            InstructEmergency(call, now, "urgency raised to emergency");
        }

        Agent? freed = null;
        if (call.Urgency.IsClinical() && call.Place == CallPlace.Offered && !State.FindAgent(call.AgentId!)!.IsClinician)
        {
            freed = CancelOffer(call, OfferCancelReason.UrgencyChanged, now);
        }

        // Matching moves it to the clinical queue if it waits in an administrative one. A connected call stays with
        // its agent: the deadline timers keep running and escalate if no clinician takes it.
        MatchFreedAgentThenCall(freed, call, now);
    }

    /// <summary>
    /// A freed agent and a returning call in one command: the agent picks first, so they take the head of the line
    /// rather than the call that happened to come back with them; then the call looks for any other agent.
    /// </summary>
    private void MatchFreedAgentThenCall(Agent? freed, Call call, DateTimeOffset now)
    {
        EnsureClinicalQueue(call, now);
        if (freed is not null)
        {
            TryMatchAgent(freed, now);
        }

        TryMatchCall(call, now);
    }

    private void InstructEmergency(Call call, DateTimeOffset now, string reason)
    {
        Emit(new EmergencyAdviceInstructed(now, call.Id));
        Emit(new PageIssued(now, call.Id, PageTarget.DutyClinician, reason));
    }

    /// <summary>
    /// Withdraws a ringing offer; the call returns to its place. Returns the freed agent, whom the caller matches
    /// only once the call is settled, so the agent is not offered the very call being moved.
    /// </summary>
    private Agent CancelOffer(Call call, OfferCancelReason reason, DateTimeOffset now)
    {
        var agent = State.FindAgent(call.AgentId!)!;
        Emit(new OfferCancelled(now, call.Id, agent.Id, reason));
        return agent;
    }

    private Outcome HandleQueryStanding(QueryStanding c)
    {
        if (c.CallIds is null)
        {
            return RoutingError.Invalid("call_ids", "call_ids is required.");
        }

        var standings = new List<CallStanding>(c.CallIds.Count);
        foreach (var id in c.CallIds)
        {
            if (!string.IsNullOrEmpty(id) && State.FindCall(id) is { Place: CallPlace.Queued, IsCallback: false } call)
            {
                var (position, wait) = Standing(call);
                standings.Add(new CallStanding(call.Id, position, wait));
            }
        }

        return Outcome.Ok(new StandingReply(standings));
    }

    private (int Position, TimeSpan Wait) Standing(Call call)
    {
        if (call.Place != CallPlace.Queued)
        {
            return (0, TimeSpan.Zero);
        }

        var queue = State.QueueOf(call);
        var position = queue.PositionOf(call);
        return (position, queue.EstimatedWait(position));
    }

    private Call? LiveCall(string callId)
    {
        var call = string.IsNullOrEmpty(callId) ? null : State.FindCall(callId);
        return call is { Place: not CallPlace.Ended } ? call : null;
    }

    private RoutingError CallError(string callId)
    {
        if (ValidateId(callId, "call_id") is { } idError)
        {
            return idError;
        }

        return State.FindCall(callId) is null
            ? RoutingError.NotFound("call_id", $"Call {callId} is not known.")
            : RoutingError.Precondition($"Call {callId} has ended.");
    }

    private static RoutingError? ValidateId(string? id, string field)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return RoutingError.Invalid(field, $"{field} is required.");
        }

        return id.Length > MaxIdLength ? RoutingError.Invalid(field, $"{field} is longer than {MaxIdLength} characters.") : null;
    }

    private static RoutingError? ValidateInput(TriageInput? input)
    {
        if (input is null)
        {
            return RoutingError.Invalid("input", "Triage input is required.");
        }

        if (input.CallerAge is < 0 or > 130)
        {
            return RoutingError.Invalid("caller_age", $"Caller age must be 0-130, was {input.CallerAge}.");
        }

        // Indexed: enumerating an IReadOnlyList through the interface allocates an enumerator on every offer.
        var flags = input.RedFlags;
        for (var i = 0; i < flags.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(flags[i]))
            {
                return RoutingError.Invalid("red_flags", "Red-flag codes must not be empty.");
            }
        }

        return null;
    }
}

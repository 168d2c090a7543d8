using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Events;
using Routing.Core.Timers;
using Routing.Core.Urgencies;

namespace Routing.Core.Engine;

/// <summary>Timer firing. Each event is stamped with the timer's due time, not the time it was noticed.</summary>
public sealed partial class RoutingEngine
{
    private void FireDueTimers(DateTimeOffset now)
    {
        while (State.Timers.TryTakeDue(now, out var timer))
        {
            Fire(timer);
        }
    }

    private void Fire(in DueTimer timer)
    {
        var at = timer.Due < State.LastEventAt ? State.LastEventAt : timer.Due;
        switch (timer.Kind)
        {
            case TimerKind.RingNoAnswer:
                FireRingNoAnswer(timer, at);
                break;
            case TimerKind.Overflow:
                FireOverflow(timer, at);
                break;
            case TimerKind.MaxWait:
                FireMaxWait(timer, at);
                break;
            case TimerKind.EscalationWarning:
            case TimerKind.EscalationBreach:
                FireEscalation(timer, at);
                break;
            case TimerKind.WrapUpEnd:
                FireAgentResume(timer, at, AgentStatus.WrapUp, AvailabilityCause.WrapUpEnded);
                break;
            case TimerKind.PauseEnd:
                FireAgentResume(timer, at, AgentStatus.NotReady, AvailabilityCause.PauseEnded);
                break;
            case TimerKind.SafetyNetDue:
                if (timer.Call is { IsSafetyNet: true, SafetyNetOverdue: false, ClinicianContactAt: null, Place: not CallPlace.Ended } overdue)
                {
                    Emit(new SafetyNetCallbackOverdue(at, overdue.Id, timer.Due));
                }

                break;
            default:
                throw new InvalidOperationException($"Unknown timer kind {timer.Kind}.");
        }
    }

    private void FireRingNoAnswer(in DueTimer timer, DateTimeOffset at)
    {
        if (timer.Call is not { Place: CallPlace.Offered } call || call.OfferStamp != timer.Stamp)
        {
            return;
        }

        var agent = State.FindAgent(call.AgentId!)!;
        var misses = agent.ConsecutiveMisses + 1;

        // One miss is a pause; N in a row means nobody is at the desk, so only the agent can make themselves ready again.
        DateTimeOffset? resume = misses >= State.Options.MaxConsecutiveMisses ? null : at + State.Options.MissPause;
        Emit(new OfferTimedOut(at, call.Id, agent.Id, misses, resume));
        TryMatchCall(call, at);
    }

    private void FireOverflow(in DueTimer timer, DateTimeOffset at)
    {
        if (timer.Call is not { Place: CallPlace.Queued } call
            || call.QueueStamp != timer.Stamp
            || call.OverflowStep != timer.Argument)
        {
            return;
        }

        var queue = State.QueueOf(call);
        var step = queue.Definition.Overflow[timer.Argument];
        if (step.MoveToQueueId is { } target)
        {
            if (call.Urgency.IsClinical() && !State.FindQueue(target)!.Clinical)
            {
                return;
            }

            Emit(new CallQueued(at, call.Id, target, QueueEntryReason.Overflow));
        }
        else
        {
            Emit(new CallOverflowed(at, call.Id, queue.Id, call.Level + 1));
        }

        TryMatchCall(call, at);
    }

    private void FireMaxWait(in DueTimer timer, DateTimeOffset at)
    {
        // Clinical classes never time out into a callback: their deadline escalates instead.
        if (timer.Call is not { Place: CallPlace.Queued, IsCallback: false } call
            || call.QueueStamp != timer.Stamp
            || call.Urgency.IsClinical())
        {
            return;
        }

        Emit(new CallMaxWaitReached(at, call.Id, call.QueueId));
    }

    private void FireEscalation(in DueTimer timer, DateTimeOffset at)
    {
        if (timer.Call is not { } call
            || call.Place == CallPlace.Ended
            || call.ClinicianContactAt is not null
            || (int)call.Urgency != timer.Argument
            || !State.Options.Escalation.TryGetValue(call.Urgency, out var policy))
        {
            return;
        }

        var deadline = call.ArrivedAt + policy.Deadline;
        if (timer.Kind == TimerKind.EscalationWarning)
        {
            if (!call.EscalationWarned)
            {
                Emit(new EscalationWarning(at, call.Id, call.Urgency, deadline));
            }

            return;
        }

        if (call.EscalationBreached)
        {
            return;
        }

        Emit(new EscalationBreached(at, call.Id, call.Urgency, deadline));
        if (call.Urgency >= Urgency.Emergent)
        {
            Emit(new PageIssued(at, call.Id, PageTarget.Supervisor, "deadline to clinician breached"));
            if (!call.IsCallback)
            {
                Emit(new EmergencyAdviceInstructed(at, call.Id));
            }
        }
    }

    private void FireAgentResume(in DueTimer timer, DateTimeOffset at, AgentStatus expected, AvailabilityCause cause)
    {
        if (timer.Agent is not { } agent || agent.Status != expected || agent.StatusStamp != timer.Stamp)
        {
            return;
        }

        Emit(new AgentBecameAvailable(at, agent.Id, cause));
        TryMatchAgent(agent, at);
    }
}

using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Events;
using Routing.Core.Urgencies;

namespace Routing.Core.Statistics;

/// <summary>Call events: outcomes, legs, clinician contact and FTCE.</summary>
public sealed partial class ServiceLevelStatistics
{
    private enum Outcome
    {
        Answered,
        Abandoned,
        Callback,
    }

    private void ApplyCallEvent(CallEvent e)
    {
        if (e is CallArrived arrived)
        {
            Arrive(arrived);
            return;
        }

        if (!_calls.TryGetValue(e.CallId, out var call))
        {
            return;
        }

        switch (e)
        {
            case CallQueued x:
                MoveTo(call, x.QueueId);
                call.Place = CallPlace.Queued;
                break;
            case CallRetriaged x:
                call.RedFlag |= x.Decision.HasRedFlag;
                ChangeUrgency(call, x.To);
                break;
            case CallUrgencyChanged x:
                ChangeUrgency(call, x.To);
                break;
            case CallOffered x:
                call.Place = CallPlace.Offered;
                SetAgentStatus(x.AgentId, AgentStatus.Reserved, x.At);
                break;
            case OfferDeclined x:
                call.Place = CallPlace.Queued;
                SetAgentStatus(x.AgentId, AgentStatus.NotReady, x.At);
                break;
            case OfferTimedOut x:
                call.Place = CallPlace.Queued;
                SetAgentStatus(x.AgentId, AgentStatus.NotReady, x.At);
                break;
            case OfferCancelled x:
                call.Place = CallPlace.Queued;
                SetAgentStatus(x.AgentId, AgentStatus.Available, x.At);
                break;
            case CallAccepted x:
                Accept(call, x);
                break;
            case CallTransferred x:
                FinishLeg(call, x.AgentId, x.At);
                MoveTo(call, x.ToQueueId);
                call.Place = CallPlace.Queued;
                break;
            case CallCompleted x:
                FinishLeg(call, x.AgentId, x.At);
                End(call);
                break;
            case CallAbandoned x:
                Abandon(call, x);
                break;
            case CallbackRequested x:
                BecomeCallback(call, x.At);
                break;
            case CallMaxWaitReached x:
                BecomeCallback(call, x.At);
                break;
            case SafetyNetCallbackCreated:
                call.IsCallback = true;
                break;
            case EscalationWarning x:
                if (Bucket(call.Interval, call.QueueId, x.Urgency) is { } warned)
                {
                    warned.EscalationWarnings++;
                }

                break;
            case EscalationBreached x:
                call.Breached = true;
                if (Bucket(call.Interval, call.QueueId, x.Urgency) is { } breached)
                {
                    breached.EscalationBreaches++;
                }

                break;
            default:
                break;
        }
    }

    private void Arrive(CallArrived e)
    {
        if (_calls.ContainsKey(e.CallId))
        {
            return;
        }

        var decision = e.Decision;
        var call = new CallTrack(e.CallId, e.At, IntervalOf(e.At), decision.QueueId, decision.Urgency, decision.HasRedFlag);
        _calls.Add(call.Id, call);
        CountUnresolved(call, 1);
    }

    /// <summary>Until its outcome a call is counted as unresolved under its current queue and highest class.</summary>
    private void CountUnresolved(CallTrack call, int delta)
    {
        if (!call.Resolved && Bucket(call.Interval, call.QueueId, call.Highest) is { } bucket)
        {
            bucket.Unresolved += delta;
        }
    }

    private void MoveTo(CallTrack call, string queueId)
    {
        if (string.Equals(call.QueueId, queueId, StringComparison.Ordinal))
        {
            return;
        }

        CountUnresolved(call, -1);
        call.QueueId = queueId;
        CountUnresolved(call, 1);
    }

    private void ChangeUrgency(CallTrack call, Urgency to)
    {
        if (to != call.Current)
        {
            // Like the engine: a new class has its own deadline; any breach so far belonged to the old one.
            call.Current = to;
            call.Breached = false;
        }

        if (to > call.Highest)
        {
            CountUnresolved(call, -1);
            call.Highest = to;
            CountUnresolved(call, 1);
        }
    }

    private void Accept(CallTrack call, CallAccepted e)
    {
        call.Place = CallPlace.Connected;
        call.LegStartedAt = e.At;
        call.LegQueueId = call.QueueId;
        call.LegUrgency = call.Highest;
        if (!call.Resolved)
        {
            Resolve(call, Outcome.Answered, e.At);
        }

        if (e.ClinicianContact && call.ClinicianContactAt is null)
        {
            call.ClinicianContactAt = e.At;
            if (call.Highest.IsClinical() && Bucket(call.Interval, call.QueueId, call.Highest) is { } bucket)
            {
                var toClinician = e.At - call.ArrivedAt;
                (bucket.TimeToClinician ??= new DurationHistogram()).Record(toClinician);
                var deadline = _deadlineTicks[(int)call.Highest];
                if (deadline >= 0 && toClinician.Ticks > deadline)
                {
                    bucket.FtceB++;
                }
            }
        }

        SetAgentStatus(e.AgentId, AgentStatus.OnCall, e.At);
    }

    private void Abandon(CallTrack call, CallAbandoned e)
    {
        if (!call.Resolved)
        {
            Resolve(call, Outcome.Abandoned, e.At);
        }

        if (e.BecomesSafetyNetCallback)
        {
            call.IsCallback = true;
            call.Place = CallPlace.Queued;
            return;
        }

        End(call);
    }

    private void BecomeCallback(CallTrack call, DateTimeOffset at)
    {
        call.IsCallback = true;
        if (!call.Resolved)
        {
            Resolve(call, Outcome.Callback, at);
        }
    }

    private void Resolve(CallTrack call, Outcome outcome, DateTimeOffset at)
    {
        var bucket = Bucket(call.Interval, call.QueueId, call.Highest);
        call.Resolved = true;
        if (bucket is null)
        {
            return;
        }

        bucket.Unresolved--;
        var wait = at - call.ArrivedAt;
        if (wait < TimeSpan.Zero)
        {
            wait = TimeSpan.Zero;
        }

        bucket.Waits.Record(wait);
        switch (outcome)
        {
            case Outcome.Answered:
                bucket.Answered++;
                bucket.AnsweredWaitTicks += wait.Ticks;
                if (wait <= bucket.Threshold)
                {
                    bucket.AnsweredWithinThreshold++;
                }

                break;
            case Outcome.Abandoned:
                bucket.Abandoned++;
                if (wait < _shortAbandon)
                {
                    bucket.ShortAbandons++;
                }

                break;
            default:
                bucket.Callbacks++;
                break;
        }
    }

    /// <summary>The agent leg ends: talk time counts now, handle time when the agent's wrap-up ends.</summary>
    private void FinishLeg(CallTrack call, string agentId, DateTimeOffset at)
    {
        SetAgentStatus(agentId, AgentStatus.WrapUp, at);
        if (call.LegStartedAt is not { } started)
        {
            return;
        }

        call.LegStartedAt = null;
        var talk = at - started;
        if (talk < TimeSpan.Zero)
        {
            talk = TimeSpan.Zero;
        }

        if (Bucket(call.Interval, call.LegQueueId, call.LegUrgency) is { } bucket)
        {
            bucket.TalkLegs++;
            bucket.TalkTicks += talk.Ticks;
        }

        if (_agents.TryGetValue(agentId, out var agent))
        {
            agent.Leg = new WrapUpLeg(call.Interval, call.LegQueueId, call.LegUrgency, talk.Ticks, at);
        }
    }

    /// <summary>The call is over: FTCE-A if a red flag never reached a clinician; then forget it.</summary>
    private void End(CallTrack call)
    {
        if (call.RedFlag && call.ClinicianContactAt is null && Bucket(call.Interval, call.QueueId, call.Highest) is { } bucket)
        {
            bucket.FtceA++;
        }

        _calls.Remove(call.Id);
    }
}

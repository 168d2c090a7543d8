using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Configuration;
using Routing.Core.Snapshots;
using Routing.Core.Timers;

namespace Routing.Core.Engine;

/// <summary>Capturing the state as a snapshot and restoring it, timers and indexes included.</summary>
public sealed partial class RoutingState
{
    public RoutingStateSnapshot Capture()
    {
        var calls = new CallSnapshot[_calls.Count];
        var i = 0;
        foreach (var c in _calls.Values)
        {
            calls[i++] = new CallSnapshot
            {
                Id = c.Id,
                OriginalInput = c.OriginalInput,
                Input = c.Input,
                OriginalDecision = c.OriginalDecision,
                Decision = c.Decision,
                Priority = c.Priority,
                ArrivedAt = c.ArrivedAt,
                ArrivalOrder = c.ArrivalOrder,
                OrderKey = c.OrderKey,
                Urgency = c.Urgency,
                Place = c.Place,
                QueueId = c.QueueId,
                Level = c.Level,
                OverflowStep = c.OverflowStep,
                Waiting = c.Waiting,
                QueueEnteredAt = c.QueueEnteredAt,
                QueueStamp = c.QueueStamp,
                AgentId = c.AgentId,
                OfferStamp = c.OfferStamp,
                IsCallback = c.IsCallback,
                IsSafetyNet = c.IsSafetyNet,
                SafetyNetOverdue = c.SafetyNetOverdue,
                ClinicianContactAt = c.ClinicianContactAt,
                AnsweredAt = c.AnsweredAt,
                EndedAt = c.EndedAt,
                Abandoned = c.Abandoned,
                EscalationWarned = c.EscalationWarned,
                EscalationBreached = c.EscalationBreached,
            };
        }

        var agents = new AgentSnapshot[_agents.Count];
        i = 0;
        foreach (var a in _agents.Values)
        {
            agents[i++] = new AgentSnapshot
            {
                Id = a.Id,
                Role = a.Role,
                Skills = a.Skills,
                Order = a.Order,
                Status = a.Status,
                NotReadyReason = a.NotReadyReason,
                CallId = a.CallId,
                IdleSince = a.IdleSince,
                ConnectedAt = a.ConnectedAt,
                CallsHandled = a.CallsHandled,
                ConsecutiveMisses = a.ConsecutiveMisses,
                StatusStamp = a.StatusStamp,
            };
        }

        var timers = Timers.InFiringOrder()
            .Select(t => new TimerSnapshot(t.Due, (int)t.Kind, IsAgentTimer(t.Kind) ? t.Agent.Id : t.Call.Id, t.Stamp, t.Argument))
            .ToArray();

        return new RoutingStateSnapshot
        {
            LastSequence = LastSequence,
            LastEventAt = LastEventAt,
            Calls = calls,
            Agents = agents,
            Timers = timers,
            QueueHandleSeconds = _queues.Select(q => q.AverageHandleTime.TotalSeconds).ToArray(),
        };
    }

    /// <summary>Rebuilds a state from a snapshot taken under the same queue configuration.</summary>
    public static RoutingState Restore(RoutingOptions options, RoutingStateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var state = new RoutingState(options);
        if (snapshot.QueueHandleSeconds.Count != state._queues.Length)
        {
            throw new InvalidOperationException(
                $"The snapshot at event {snapshot.LastSequence} has {snapshot.QueueHandleSeconds.Count} queues; the configuration has {state._queues.Length}. Replay the journal instead.");
        }

        foreach (var s in snapshot.Calls)
        {
            if (s.Waiting && state.FindQueue(s.QueueId) is null)
            {
                throw new InvalidOperationException($"Snapshot call {s.Id} waits in queue {s.QueueId}, which is not configured.");
            }

            var call = new Call(s.Id, s.OriginalInput, s.OriginalDecision, s.Priority, s.ArrivedAt, s.ArrivalOrder, s.OrderKey)
            {
                Input = s.Input,
                Decision = s.Decision,
                Urgency = s.Urgency,
                Place = s.Place,
                QueueId = s.QueueId,
                Level = s.Level,
                OverflowStep = s.OverflowStep,
                QueueEnteredAt = s.QueueEnteredAt,
                QueueStamp = s.QueueStamp,
                AgentId = s.AgentId,
                OfferStamp = s.OfferStamp,
                IsCallback = s.IsCallback,
                IsSafetyNet = s.IsSafetyNet,
                SafetyNetOverdue = s.SafetyNetOverdue,
                ClinicianContactAt = s.ClinicianContactAt,
                AnsweredAt = s.AnsweredAt,
                EndedAt = s.EndedAt,
                Abandoned = s.Abandoned,
                EscalationWarned = s.EscalationWarned,
                EscalationBreached = s.EscalationBreached,
            };
            state._calls.Add(call.Id, call);
            if (s.Waiting)
            {
                state.Wait(call);
            }
        }

        foreach (var call in state._calls.Values.Where(c => c.Place == CallPlace.Ended).OrderBy(c => c.EndedAt).ThenBy(c => c.ArrivalOrder))
        {
            state._ended.Enqueue(call);
        }

        foreach (var s in snapshot.Agents)
        {
            var agent = new Agent(s.Id, s.Role, s.Skills, s.Order)
            {
                NotReadyReason = s.NotReadyReason,
                CallId = s.CallId,
                IdleSince = s.IdleSince,
                ConnectedAt = s.ConnectedAt,
                CallsHandled = s.CallsHandled,
                ConsecutiveMisses = s.ConsecutiveMisses,
                QueueLevels = new int[state._queues.Length],
            };
            for (var q = 0; q < state._queues.Length; q++)
            {
                agent.QueueLevels[q] = state._queues[q].QualifyingLevel(agent);
            }

            state._agents.Add(agent.Id, agent);
            state.SetStatus(agent, s.Status, s.StatusStamp);
        }

        foreach (var t in snapshot.Timers)
        {
            var kind = (TimerKind)t.Kind;
            object target = IsAgentTimer(kind) ? state._agents[t.TargetId] : state._calls[t.TargetId];
            state.Timers.Schedule(new DueTimer(t.Due, kind, target, t.Stamp, t.Argument));
        }

        for (var q = 0; q < state._queues.Length; q++)
        {
            state._queues[q].RestoreAverageHandleTime(snapshot.QueueHandleSeconds[q]);
        }

        state.LastSequence = snapshot.LastSequence;
        state.LastEventAt = snapshot.LastEventAt;
        return state;
    }

    private static bool IsAgentTimer(TimerKind kind) => kind is TimerKind.WrapUpEnd or TimerKind.PauseEnd;
}

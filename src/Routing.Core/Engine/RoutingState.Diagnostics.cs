using System.Globalization;
using System.Text;
using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Urgencies;

namespace Routing.Core.Engine;

/// <summary>
/// Whole-state checks for tests and replay verification. They scan everything, so they never run on a hot path.
/// </summary>
public sealed partial class RoutingState
{
    /// <summary>A canonical text of the state: two states are equal exactly when their descriptions are.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.Append(c, $"seq {LastSequence}\n");
        foreach (var call in _calls.Values.OrderBy(x => x.Id, StringComparer.Ordinal))
        {
            sb.Append(c, $"call {call.Id} {call.Place} q={call.QueueId} L{call.Level}/{call.OverflowStep} {call.Urgency} agent={call.AgentId} ")
              .Append(c, $"arrived={call.ArrivedAt:O} key={call.OrderKey} cb={call.IsCallback}/{call.IsSafetyNet}/{call.SafetyNetOverdue} ")
              .Append(c, $"answered={call.AnsweredAt:O} clinician={call.ClinicianContactAt:O} ended={call.EndedAt:O} abandoned={call.Abandoned} ")
              .Append(c, $"esc={call.EscalationWarned}/{call.EscalationBreached}\n");
        }

        foreach (var agent in _agents.Values.OrderBy(x => x.Id, StringComparer.Ordinal))
        {
            sb.Append(c, $"agent {agent.Id} {agent.Role} {agent.Status} '{agent.NotReadyReason}' call={agent.CallId} ")
              .Append(c, $"idle={agent.IdleSince:O} handled={agent.CallsHandled} misses={agent.ConsecutiveMisses}\n");
        }

        foreach (var queue in _queues)
        {
            sb.Append(c, $"queue {queue.Id} waiting={queue.WaitingCount} staffed={queue.StaffedAgents} available={queue.AvailableAgents}:");
            foreach (var call in queue.WaitingInOrder())
            {
                sb.Append(' ').Append(call.Id);
            }

            sb.Append('\n');
        }

        sb.Append(c, $"availableClinicians {AvailableClinicians}\n");
        return sb.ToString();
    }

    /// <summary>Every broken invariant, described; empty when the state is consistent.</summary>
    public IReadOnlyList<string> CheckInvariants()
    {
        var errors = new List<string>();
        var waitingPerQueue = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var call in _calls.Values)
        {
            switch (call.Place)
            {
                case CallPlace.Queued:
                    if (!call.Waiting || call.AgentId is not null)
                    {
                        errors.Add($"call {call.Id} queued but not waiting or held by {call.AgentId}");
                    }

                    waitingPerQueue[call.QueueId] = waitingPerQueue.GetValueOrDefault(call.QueueId) + 1;
                    if (call.Urgency.IsClinical() && !QueueOf(call).Clinical)
                    {
                        errors.Add($"clinical call {call.Id} waits in administrative queue {call.QueueId}");
                    }

                    break;
                case CallPlace.Offered:
                case CallPlace.Connected:
                    var expected = call.Place == CallPlace.Offered ? AgentStatus.Reserved : AgentStatus.OnCall;
                    if (call.Waiting || call.AgentId is null || FindAgent(call.AgentId) is not { } agent
                        || agent.Status != expected || !string.Equals(agent.CallId, call.Id, StringComparison.Ordinal))
                    {
                        errors.Add($"call {call.Id} {call.Place} but its agent {call.AgentId} does not hold it as {expected}");
                    }
                    else if (call.Place == CallPlace.Offered && call.Urgency.IsClinical() && !agent.IsClinician)
                    {
                        errors.Add($"clinical call {call.Id} offered to non-clinician {agent.Id}");
                    }

                    break;
                case CallPlace.Ended:
                    if (call.Waiting || call.AgentId is not null)
                    {
                        errors.Add($"ended call {call.Id} still waiting or held");
                    }

                    break;
            }
        }

        foreach (var queue in _queues)
        {
            if (queue.WaitingCount != waitingPerQueue.GetValueOrDefault(queue.Id))
            {
                errors.Add($"queue {queue.Id} counts {queue.WaitingCount} waiting, calls say {waitingPerQueue.GetValueOrDefault(queue.Id)}");
            }

            if (queue.WaitingInOrder().Count() != queue.WaitingCount)
            {
                errors.Add($"queue {queue.Id} index holds a different number of calls than it counts");
            }

            var position = 0;
            foreach (var call in queue.WaitingInOrder())
            {
                if (queue.PositionOf(call) != position)
                {
                    errors.Add($"call {call.Id} is {position} in line in {queue.Id}, its position says {queue.PositionOf(call)}");
                    break;
                }

                position++;
            }
        }

        var held = new HashSet<string>(StringComparer.Ordinal);
        var availableClinicians = 0;
        foreach (var agent in _agents.Values)
        {
            var holds = agent.Status is AgentStatus.Reserved or AgentStatus.OnCall;
            if (holds != agent.CallId is not null)
            {
                errors.Add($"agent {agent.Id} is {agent.Status} with call {agent.CallId}");
            }

            if (agent.CallId is not null && !held.Add(agent.CallId))
            {
                errors.Add($"call {agent.CallId} held by two agents");
            }

            if (agent.Status == AgentStatus.Available && agent.IsClinician)
            {
                availableClinicians++;
            }

            if (agent.Status == AgentStatus.Available)
            {
                foreach (var queue in _queues)
                {
                    var level = agent.QueueLevels[queue.Index];
                    if (level >= 0 && queue.BestCallFor(level) is { } waiting && !(agent.IsClinician && ReserveBlocks(waiting.Urgency)))
                    {
                        errors.Add($"agent {agent.Id} is available while call {waiting.Id} waits for it in {queue.Id}");
                    }
                }
            }
        }

        if (availableClinicians != AvailableClinicians)
        {
            errors.Add($"available clinicians counted {AvailableClinicians}, actually {availableClinicians}");
        }

        foreach (var queue in _queues)
        {
            var staffed = _agents.Values.Count(a => IsStaffed(a.Status) && a.QueueLevels[queue.Index] >= 0);
            if (staffed != queue.StaffedAgents)
            {
                errors.Add($"queue {queue.Id} counts {queue.StaffedAgents} staffed agents, actually {staffed}");
            }
        }

        return errors;
    }

    /// <summary>
    /// The waiting call an agent should be offered next (the head of the global order among queues it qualifies for).
    /// Used to check that every offer respected class order.
    /// </summary>
    public Call? BestWaitingCallFor(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        Call? best = null;
        foreach (var queue in _queues)
        {
            var level = agent.QueueLevels.Length > queue.Index ? agent.QueueLevels[queue.Index] : -1;
            if (level >= 0 && queue.BestCallFor(level) is { } head && (best is null || Routing.Core.Queues.CallOrder.Instance.Compare(head, best) < 0))
            {
                best = head;
            }
        }

        return best;
    }
}

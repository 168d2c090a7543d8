using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Events;
using Routing.Core.Urgencies;

namespace Routing.Core.Engine;

/// <summary>
/// Matching runs only where something changed: a call entered or returned to a queue, or an agent became available.
/// Everything else is already matched (no available agent has a waiting call it may take), so looking at the one
/// changed call or agent is enough, and the cost is a few ordered-set minima, never a scan.
/// </summary>
public sealed partial class RoutingEngine
{
    private void TryMatchCall(Call call, DateTimeOffset now)
    {
        if (call.Place != CallPlace.Queued)
        {
            return;
        }

        var queue = State.QueueOf(call);
        if (queue.BestAgentFor(call.Level) is not { } agent)
        {
            return;
        }

        if (agent.IsClinician && State.ReserveBlocks(call.Urgency))
        {
            return;
        }

        Offer(call, agent, now);
    }

    private void TryMatchAgent(Agent agent, DateTimeOffset now)
    {
        if (agent.Status != AgentStatus.Available)
        {
            return;
        }

        Call? best = null;
        var queues = State.Queues;
        for (var i = 0; i < queues.Count; i++)
        {
            var level = agent.QueueLevels[i];
            if (level < 0)
            {
                continue;
            }

            var head = queues[i].BestCallFor(level);
            if (head is not null && (best is null || Queues.CallOrder.Instance.Compare(head, best) < 0))
            {
                best = head;
            }
        }

        if (best is null || (agent.IsClinician && State.ReserveBlocks(best.Urgency)))
        {
            return;
        }

        Offer(best, agent, now);
    }

    private void Offer(Call call, Agent agent, DateTimeOffset now)
    {
        if (call.Urgency.IsClinical() && !agent.IsClinician)
        {
            // Scope of practice is structural (clinical queues index clinicians only); reaching here is a bug.
            throw new InvalidOperationException($"Refusing to offer clinical call {call.Id} to non-clinical agent {agent.Id}.");
        }

        var queue = State.QueueOf(call);
        Emit(new CallOffered(now, call.Id, agent.Id, queue.Id, queue.Definition.RingTimeout));
    }
}

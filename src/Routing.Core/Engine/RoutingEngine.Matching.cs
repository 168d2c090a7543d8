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

        EnsureClinicalQueue(call, now);
        var queue = State.QueueOf(call);
        if (queue.BestAgentFor(call.Level, includeClinicians: !State.ReserveBlocks(call.Urgency)) is { } agent)
        {
            Offer(call, agent, now);
        }
    }

    /// <summary>
    /// Hard rule, enforced wherever a call (re)enters waiting: a clinical class never waits in an administrative
    /// queue, even when it was raised while ringing at a clinician who then did not answer.
    /// </summary>
    private void EnsureClinicalQueue(Call call, DateTimeOffset now)
    {
        if (call.Place == CallPlace.Queued && call.Urgency.IsClinical() && !State.QueueOf(call).Clinical)
        {
            Emit(new CallQueued(now, call.Id, Rules.ClinicalQueueId, QueueEntryReason.UrgencyChange));
        }
    }

    private void TryMatchAgent(Agent agent, DateTimeOffset now)
    {
        if (agent.Status == AgentStatus.Available && agent.IsClinician && State.Options.ReservedClinicians > 0
            && State.AvailableClinicians == State.Options.ReservedClinicians + 1)
        {
            ReleaseReserve(now);
        }
        else
        {
            TryMatchAgentCore(agent, now);
        }
    }

    /// <summary>
    /// The reserve just opened (this clinician is one more than held back): calls of lower classes held back may now
    /// go to any free clinician who qualifies, longest idle first, until the reserve is reached again. Only runs at
    /// that crossing, never on the hot path of a center with clinicians to spare.
    /// </summary>
    private void ReleaseReserve(DateTimeOffset now)
    {
        var free = State.Agents
            .Where(a => a.Status == AgentStatus.Available && a.IsClinician)
            .OrderBy(a => a.IdleSince)
            .ThenBy(a => a.Order)
            .ToList();
        foreach (var clinician in free)
        {
            if (State.AvailableClinicians <= State.Options.ReservedClinicians)
            {
                return;
            }

            TryMatchAgentCore(clinician, now);
        }
    }

    private void TryMatchAgentCore(Agent agent, DateTimeOffset now)
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
            if (head is not null && (best is null || Routing.Core.Queues.CallOrder.Instance.Compare(head, best) < 0))
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

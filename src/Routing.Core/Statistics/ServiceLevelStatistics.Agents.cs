using Routing.Core.Agents;
using Routing.Core.Events;

namespace Routing.Core.Statistics;

/// <summary>Agent states: time per interval for occupancy, handle time at the end of wrap-up.</summary>
public sealed partial class ServiceLevelStatistics
{
    private void LogIn(AgentLoggedIn e)
    {
        var eligible = new bool[_configured.Length];
        for (var i = 0; i < eligible.Length; i++)
        {
            eligible[i] = _configured[i].Accepts(e.Role, e.Skills);
        }

        if (_agents.TryGetValue(e.AgentId, out var agent))
        {
            // Logged in again without a logout: like the engine, take the new role and skills, not ready.
            ChangeStatus(agent, AgentStatus.NotReady, e.At);
            agent.Role = e.Role;
            agent.Eligible = eligible;
            return;
        }

        _agents.Add(e.AgentId, new AgentTrack(e.AgentId, e.Role, eligible, e.At));
    }

    private void LogOut(AgentLoggedOut e)
    {
        if (_agents.TryGetValue(e.AgentId, out var agent))
        {
            ChangeStatus(agent, AgentStatus.LoggedOut, e.At);
            _agents.Remove(e.AgentId);
        }
    }

    private void SetAgentStatus(string agentId, AgentStatus status, DateTimeOffset at)
    {
        if (_agents.TryGetValue(agentId, out var agent))
        {
            ChangeStatus(agent, status, at);
        }
    }

    private void ChangeStatus(AgentTrack agent, AgentStatus status, DateTimeOffset at)
    {
        CountAgentTime(agent, at);
        if (agent.Status == AgentStatus.WrapUp && status != AgentStatus.WrapUp)
        {
            CountHandleTime(agent, at);
        }

        agent.Status = status;
    }

    /// <summary>Adds the time since the agent's last change to the intervals it spans.</summary>
    private void CountAgentTime(AgentTrack agent, DateTimeOffset until)
    {
        var from = agent.Since.UtcTicks;
        var to = until.UtcTicks;
        if (to <= from)
        {
            return;
        }

        agent.Since = until;
        if (agent.Status == AgentStatus.LoggedOut || !_started)
        {
            return;
        }

        var index = from / _intervalTicks;
        if (index < _retainedFrom)
        {
            index = _retainedFrom;
            from = Math.Max(from, index * _intervalTicks);
        }

        var slotIndex = IntervalSlot.AgentTimeIndex(agent.Role, agent.Status);
        while (from < to)
        {
            var end = Math.Min((index + 1) * _intervalTicks, to);
            if (Slot(index) is { } slot)
            {
                slot.AgentTicks[slotIndex] += end - from;
            }

            from = end;
            index++;
        }
    }

    private void CountHandleTime(AgentTrack agent, DateTimeOffset at)
    {
        if (agent.Leg is not { } leg)
        {
            return;
        }

        agent.Leg = null;
        var wrapUp = Math.Max(0, (at - leg.WrapUpStartedAt).Ticks);
        if (Bucket(leg.Interval, leg.QueueId, leg.Urgency) is { } bucket)
        {
            bucket.HandledLegs++;
            bucket.HandleTicks += leg.TalkTicks + wrapUp;
        }
    }
}

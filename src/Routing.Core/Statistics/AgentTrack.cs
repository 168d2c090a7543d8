using Routing.Core.Agents;
using Routing.Core.Urgencies;

namespace Routing.Core.Statistics;

/// <summary>What the collector keeps about a logged-in agent; dropped at logout.</summary>
internal sealed class AgentTrack
{
    public AgentTrack(string id, AgentRole role, bool[] eligible, DateTimeOffset since)
    {
        Id = id;
        Role = role;
        Eligible = eligible;
        Since = since;
    }

    public string Id { get; }

    public AgentRole Role { get; set; }

    /// <summary>Per configured queue: the agent may take its calls at some overflow level.</summary>
    public bool[] Eligible { get; set; }

    public AgentStatus Status { get; set; } = AgentStatus.NotReady;

    /// <summary>Start of the time in <see cref="Status"/> not yet counted into intervals.</summary>
    public DateTimeOffset Since { get; set; }

    /// <summary>The leg being wrapped up: its handle time is counted when wrap-up ends.</summary>
    public WrapUpLeg? Leg { get; set; }
}

/// <summary>A finished leg waiting for its wrap-up to end.</summary>
internal sealed record WrapUpLeg(long Interval, string QueueId, Urgency Urgency, long TalkTicks, DateTimeOffset WrapUpStartedAt);

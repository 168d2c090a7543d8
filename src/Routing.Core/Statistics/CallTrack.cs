using Routing.Core.Calls;
using Routing.Core.Urgencies;

namespace Routing.Core.Statistics;

/// <summary>What the collector keeps about a live call; dropped when the call ends. No patient data.</summary>
internal sealed class CallTrack
{
    public CallTrack(string id, DateTimeOffset arrivedAt, long interval, string queueId, Urgency urgency, bool redFlag)
    {
        Id = id;
        ArrivedAt = arrivedAt;
        Interval = interval;
        QueueId = queueId;
        Current = urgency;
        Highest = urgency;
        RedFlag = redFlag;
    }

    public string Id { get; }

    /// <summary>First arrival: waits, time to clinician and deadlines count from it, across transfers.</summary>
    public DateTimeOffset ArrivedAt { get; }

    /// <summary>Interval of first arrival: every figure about the call is counted there.</summary>
    public long Interval { get; }

    public string QueueId { get; set; }

    public Urgency Current { get; set; }

    /// <summary>Highest class reached: the class the call is counted under.</summary>
    public Urgency Highest { get; set; }

    /// <summary>A red-flag rule fired at arrival or at any re-triage.</summary>
    public bool RedFlag { get; set; }

    public CallPlace Place { get; set; } = CallPlace.Queued;

    public bool IsCallback { get; set; }

    /// <summary>Answered, abandoned or turned into a callback: its service-level outcome is counted.</summary>
    public bool Resolved { get; set; }

    public DateTimeOffset? ClinicianContactAt { get; set; }

    public bool Breached { get; set; }

    /// <summary>When the current agent leg was answered; null between legs.</summary>
    public DateTimeOffset? LegStartedAt { get; set; }

    public string LegQueueId { get; set; } = string.Empty;

    public Urgency LegUrgency { get; set; }
}

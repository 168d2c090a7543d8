using Routing.Core.Queues;
using Routing.Core.Triage;
using Routing.Core.Urgencies;

namespace Routing.Core.Calls;

/// <summary>
/// Mutable call state owned by <see cref="Engine.RoutingState"/>. While a call sits in a waiting index the fields its
/// ordering reads (<see cref="Urgency"/>, <see cref="OrderKey"/>, <see cref="ArrivalOrder"/>) do not change:
/// the state removes it, changes them and re-inserts it.
/// </summary>
public sealed class Call
{
    private string _queueId;

    internal Call(string id, TriageInput input, TriageDecision decision, int priority, DateTimeOffset arrivedAt, long arrivalOrder, long orderKey)
    {
        Id = id;
        Input = input;
        OriginalInput = input;
        Decision = decision;
        OriginalDecision = decision;
        Priority = priority;
        ArrivedAt = arrivedAt;
        ArrivalOrder = arrivalOrder;
        OrderKey = orderKey;
        Urgency = decision.Urgency;
        _queueId = decision.QueueId;
    }

    public string Id { get; }

    /// <summary>Input as first offered: OfferCall idempotency compares against it.</summary>
    public TriageInput OriginalInput { get; }

    /// <summary>All input so far, merged across updates.</summary>
    public TriageInput Input { get; internal set; }

    /// <summary>The decision at arrival: what a retried OfferCall gets back.</summary>
    public TriageDecision OriginalDecision { get; }

    /// <summary>The latest triage decision (the one at arrival, or a later raise).</summary>
    public TriageDecision Decision { get; internal set; }

    public int Priority { get; }

    /// <summary>First arrival. Kept through transfers, declines, ring-no-answer and overflow; deadlines count from it.</summary>
    public DateTimeOffset ArrivedAt { get; }

    /// <summary>Sequence of the arrival event: the final tie-breaker of queue order.</summary>
    public long ArrivalOrder { get; }

    /// <summary>
    /// Arrival ticks minus priority x aging step. Linear aging at the same rate for everyone makes
    /// "priority + wait" order time-invariant, so a static key gives it without rescoring the queue.
    /// </summary>
    public long OrderKey { get; }

    public Urgency Urgency { get; internal set; }

    public CallPlace Place { get; internal set; } = CallPlace.Queued;

    public string QueueId
    {
        get => _queueId;
        internal set
        {
            _queueId = value;
            Queue = null;
        }
    }

    /// <summary>
    /// The queue <see cref="QueueId"/> names, remembered by the state on first use and forgotten whenever the id
    /// changes: most steps of a call's life ask for its queue, and a reference beats a dictionary lookup by string.
    /// </summary>
    internal RoutingQueue? Queue { get; set; }

    /// <summary>Overflow steps already applied in the current queue (widening and moving alike).</summary>
    public int OverflowStep { get; internal set; }

    /// <summary>True while the call sits in its queue's waiting index.</summary>
    internal bool Waiting { get; set; }

    // The call's node in its queue's order index (Queues.WaitingRank): children and subtree size, while it waits.
    internal Call? RankLeft { get; set; }

    internal Call? RankRight { get; set; }

    internal int RankSize { get; set; }

    internal uint RankPriority { get; set; }

    /// <summary>Overflow level within the current queue: 0 = the queue's own skills, higher = widened.</summary>
    public int Level { get; internal set; }

    public DateTimeOffset QueueEnteredAt { get; internal set; }

    /// <summary>Sequence of the event that put the call in its current queue; overflow timers carry it.</summary>
    public long QueueStamp { get; internal set; }

    public string? AgentId { get; internal set; }

    /// <summary>Sequence of the current offer; the ring-no-answer timer carries it.</summary>
    public long OfferStamp { get; internal set; }

    /// <summary>The caller hung up and will be called back; the call keeps its place.</summary>
    public bool IsCallback { get; internal set; }

    /// <summary>The callback was created by the safety net after a clinical abandonment.</summary>
    public bool IsSafetyNet { get; internal set; }

    /// <summary>The safety-net deadline passed without clinician contact (reported once).</summary>
    public bool SafetyNetOverdue { get; internal set; }

    public DateTimeOffset? ClinicianContactAt { get; internal set; }

    public DateTimeOffset? AnsweredAt { get; internal set; }

    public DateTimeOffset? EndedAt { get; internal set; }

    public bool Abandoned { get; internal set; }

    public bool EscalationWarned { get; internal set; }

    public bool EscalationBreached { get; internal set; }

    public bool HasRedFlag => Decision.HasRedFlag;
}

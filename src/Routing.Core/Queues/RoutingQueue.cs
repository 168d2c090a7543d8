using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Configuration;
using Routing.Core.Urgencies;

namespace Routing.Core.Queues;

/// <summary>
/// A queue's live indexes. Calls wait in one ordered set per overflow level; available agents sit in one ordered
/// set per level at the lowest level they qualify for. Matching peeks at a handful of set minima, so its cost
/// grows with log(calls) and log(agents), never with a scan.
/// </summary>
public sealed class RoutingQueue
{
    private readonly SortedSet<Call>[] _waiting;
    // Clinicians and other agents sit in separate sets so a call held back by the clinician reserve can still go
    // to the best non-clinician without scanning.
    private readonly SortedSet<Agent>[] _availableClinicians;
    private readonly SortedSet<Agent>[] _availableOthers;
    private readonly int[] _waitingByUrgency = new int[(int)Urgency.Emergency + 1];
    private readonly WaitingRank _rank = new();
    private double _averageHandleSeconds;

    internal RoutingQueue(QueueDefinition definition, int index)
    {
        Definition = definition;
        Index = index;
        var levels = new List<IReadOnlyList<SkillRequirement>> { definition.RequiredSkills };
        foreach (var step in definition.Overflow)
        {
            if (step.WidenTo is not null)
            {
                levels.Add(step.WidenTo);
            }
        }

        LevelRequirements = levels;
        var agentOrder = new AgentOrder(definition.Selection, definition.RequiredSkills.Count > 0 ? definition.RequiredSkills[0].Skill : null);
        _waiting = new SortedSet<Call>[levels.Count];
        _availableClinicians = new SortedSet<Agent>[levels.Count];
        _availableOthers = new SortedSet<Agent>[levels.Count];
        for (var i = 0; i < levels.Count; i++)
        {
            _waiting[i] = new SortedSet<Call>(CallOrder.Instance);
            _availableClinicians[i] = new SortedSet<Agent>(agentOrder);
            _availableOthers[i] = new SortedSet<Agent>(agentOrder);
        }

        _averageHandleSeconds = definition.ExpectedHandleTime.TotalSeconds;
    }

    public QueueDefinition Definition { get; }

    public string Id => Definition.Id;

    public bool Clinical => Definition.Clinical;

    internal int Index { get; }

    /// <summary>Skill requirements per overflow level; level 0 is the queue's own.</summary>
    public IReadOnlyList<IReadOnlyList<SkillRequirement>> LevelRequirements { get; }

    public int LevelCount => _waiting.Length;

    public int WaitingCount { get; private set; }

    /// <summary>
    /// Agents who qualify for this queue at some level and are staffed: available, ringing, on a call or in wrap-up
    /// (not on a break, not logged out), as occupancy counts them.
    /// </summary>
    public int StaffedAgents { get; internal set; }

    public int AvailableAgents { get; private set; }

    public TimeSpan AverageHandleTime => TimeSpan.FromSeconds(_averageHandleSeconds);

    public int WaitingWithUrgency(Urgency urgency) => _waitingByUrgency[(int)urgency];

    /// <summary>The lowest level the agent qualifies at, or -1. Scope of practice first: clinical queues take clinicians only.</summary>
    internal int QualifyingLevel(Agent agent)
    {
        if (Clinical && !agent.IsClinician)
        {
            return -1;
        }

        for (var level = 0; level < LevelRequirements.Count; level++)
        {
            if (agent.Satisfies(LevelRequirements[level]))
            {
                return level;
            }
        }

        return -1;
    }

    internal void AddWaiting(Call call)
    {
        var added = _waiting[call.Level].Add(call);
        System.Diagnostics.Debug.Assert(added, "a call waits in one place only");
        _rank.Add(call);
        WaitingCount++;
        _waitingByUrgency[(int)call.Urgency]++;
    }

    internal void RemoveWaiting(Call call)
    {
        var removed = _waiting[call.Level].Remove(call);
        if (!removed)
        {
            throw new InvalidOperationException($"Call {call.Id} was not waiting in queue {Id} at level {call.Level}.");
        }

        _rank.Remove(call);
        WaitingCount--;
        _waitingByUrgency[(int)call.Urgency]--;
    }

    internal void AddAvailable(Agent agent, int level)
    {
        if ((agent.IsClinician ? _availableClinicians : _availableOthers)[level].Add(agent))
        {
            AvailableAgents++;
        }
    }

    internal void RemoveAvailable(Agent agent, int level)
    {
        if ((agent.IsClinician ? _availableClinicians : _availableOthers)[level].Remove(agent))
        {
            AvailableAgents--;
        }
    }

    /// <summary>The first waiting call an agent qualifying at <paramref name="minLevel"/> may take.</summary>
    internal Call? BestCallFor(int minLevel)
    {
        Call? best = null;
        for (var level = minLevel; level < _waiting.Length; level++)
        {
            var set = _waiting[level];
            if (set.Count == 0)
            {
                continue;
            }

            var head = set.Min!;
            if (best is null || CallOrder.Instance.Compare(head, best) < 0)
            {
                best = head;
            }
        }

        return best;
    }

    /// <summary>
    /// The best available agent for a call at <paramref name="callLevel"/>, by this queue's strategy; clinicians only
    /// when <paramref name="includeClinicians"/> (false while the clinician reserve holds them back from this call).
    /// </summary>
    internal Agent? BestAgentFor(int callLevel, bool includeClinicians)
    {
        Agent? best = null;
        for (var level = 0; level <= callLevel && level < _waiting.Length; level++)
        {
            best = Better(best, _availableOthers[level]);
            if (includeClinicians)
            {
                best = Better(best, _availableClinicians[level]);
            }
        }

        return best;
    }

    private static Agent? Better(Agent? best, SortedSet<Agent> set)
    {
        if (set.Count == 0)
        {
            return best;
        }

        var head = set.Min!;
        return best is null || set.Comparer.Compare(head, best) < 0 ? head : best;
    }

    /// <summary>
    /// Calls ahead of <paramref name="call"/>: every waiting call of a higher class, plus those of its own class ahead
    /// of it. O(log n) wherever the call stands, and for a call not waiting here, where it would stand.
    /// </summary>
    internal int PositionOf(Call call) => _rank.Ahead(call);

    /// <summary>
    /// Estimated wait: calls ahead plus this one, served by the staffed agents at the observed handle time. With nobody
    /// staffed it assumes one agent: the estimate is then a floor, not a promise.
    /// </summary>
    internal TimeSpan EstimatedWait(int position)
    {
        var servers = Math.Max(1, StaffedAgents);
        return TimeSpan.FromSeconds((position + 1) * _averageHandleSeconds / servers);
    }

    internal void RestoreAverageHandleTime(double seconds) => _averageHandleSeconds = seconds;

    /// <summary>Exponentially weighted so the estimate follows the day's mix without storing history.</summary>
    internal void ObserveHandleTime(TimeSpan handle)
    {
        const double Weight = 0.05;
        _averageHandleSeconds += Weight * (handle.TotalSeconds - _averageHandleSeconds);
    }

    internal IEnumerable<Call> WaitingInOrder()
    {
        // Merging the per-level sets yields the queue's real order for describing state; not used on hot paths.
        return _waiting.SelectMany(s => s).Order(CallOrder.Instance);
    }
}

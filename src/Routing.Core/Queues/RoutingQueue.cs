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
    /// <summary>
    /// Per class, a bound that sorts after every call of that class and before every call of a lower one (key and
    /// arrival at their maximum, which no real call reaches). Never stored in a set; only used to bound views.
    /// </summary>
    private static readonly Call[] EndOfClass = EndsOfClasses();

    private readonly SortedSet<Call>[] _waiting;
    // Clinicians and other agents sit in separate sets so a call held back by the clinician reserve can still go
    // to the best non-clinician without scanning.
    private readonly SortedSet<Agent>[] _availableClinicians;
    private readonly SortedSet<Agent>[] _availableOthers;
    private readonly int[] _waitingByUrgency = new int[(int)Urgency.Emergency + 1];
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
    /// of it. The common case (the newest in its class) costs O(log n); otherwise it walks only the calls behind it.
    /// </summary>
    internal int PositionOf(Call call)
    {
        var ahead = 0;
        for (var u = (int)call.Urgency + 1; u < _waitingByUrgency.Length; u++)
        {
            ahead += _waitingByUrgency[u];
        }

        var sameClass = _waitingByUrgency[(int)call.Urgency];
        var behind = 0;
        var endOfClass = EndOfClass[(int)call.Urgency];
        foreach (var set in _waiting)
        {
            if (set.Count == 0 || CallOrder.Instance.Compare(set.Max!, call) <= 0)
            {
                continue;
            }

            // Only its own class can be behind it and count: the view stops at the end of the class, so a call does not
            // walk every lower-class call waiting after it (an URGENT call behind thousands of SAME_DAY callbacks).
            foreach (var other in set.GetViewBetween(call, endOfClass))
            {
                if (!ReferenceEquals(other, call))
                {
                    behind++;
                }
            }
        }

        var inQueue = call.Place == CallPlace.Queued && string.Equals(call.QueueId, Id, StringComparison.Ordinal) ? 1 : 0;
        return ahead + Math.Max(0, sameClass - behind - inQueue);
    }

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

    private static Call[] EndsOfClasses()
    {
        var ends = new Call[(int)Urgency.Emergency + 1];
        for (var u = 0; u < ends.Length; u++)
        {
            var decision = new Triage.TriageDecision((Urgency)u, string.Empty, [], string.Empty, HasRedFlag: false);
            ends[u] = new Call("end-of-class", new Triage.TriageInput(), decision, 0, default, arrivalOrder: long.MaxValue, orderKey: long.MaxValue);
        }

        return ends;
    }

    /// <summary>
    /// Fills in the position of each call in <paramref name="positions"/> (all waiting here) with one ordered walk of
    /// the queue, stopping at the last of them. <see cref="PositionOf"/> walks the calls behind one call, so asking
    /// where every caller stands that way (the periodic announcements) was quadratic in the line's length: with tens
    /// of thousands waiting it held the domain for seconds, emergencies included.
    /// </summary>
    internal void FillPositions(Dictionary<Call, int> positions)
    {
        // The per-level sets are disjoint and each is in queue order: merging them yields the queue's order.
        var heads = new SortedSet<Call>.Enumerator[_waiting.Length];
        var live = new bool[_waiting.Length];
        for (var i = 0; i < _waiting.Length; i++)
        {
            heads[i] = _waiting[i].GetEnumerator();
            live[i] = heads[i].MoveNext();
        }

        var remaining = positions.Count;
        for (var rank = 0; remaining > 0; rank++)
        {
            var next = -1;
            for (var i = 0; i < heads.Length; i++)
            {
                if (live[i] && (next < 0 || CallOrder.Instance.Compare(heads[i].Current, heads[next].Current) < 0))
                {
                    next = i;
                }
            }

            if (next < 0)
            {
                throw new InvalidOperationException("A call asked about is not waiting in this queue.");
            }

            var call = heads[next].Current;
            if (positions.ContainsKey(call))
            {
                positions[call] = rank;
                remaining--;
            }

            live[next] = heads[next].MoveNext();
        }
    }

    internal IEnumerable<Call> WaitingInOrder()
    {
        // Merging the per-level sets yields the queue's real order for describing state; not used on hot paths.
        return _waiting.SelectMany(s => s).Order(CallOrder.Instance);
    }
}

using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Configuration;
using Routing.Core.Events;
using Routing.Core.Queues;
using Routing.Core.Timers;
using Routing.Core.Urgencies;

namespace Routing.Core.Engine;

/// <summary>
/// The whole state of one routing domain. It changes only through <see cref="Apply"/>, which reads nothing but the
/// event and the options: that is what makes replaying a journal reproduce the state, timers included.
/// Decisions (which agent, which call, errors) live in <see cref="RoutingEngine"/>, never here.
/// </summary>
public sealed partial class RoutingState
{
    private readonly Dictionary<string, Call> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Agent> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RoutingQueue> _queuesById = new(StringComparer.Ordinal);
    private readonly RoutingQueue[] _queues;

    // Most lookups by id ask for the call or agent just looked up: a handler finds the call, then applies events that
    // name it; the agent's next command (accept, complete, end wrap-up) names the call and agent just offered. Entries
    // are never replaced, agents are never removed, and a call is removed only when forgotten after the retention,
    // which clears this cache if it held it; so the last object found is still the right answer for an equal id
    // (ordinal, as the dictionaries compare). Comparing one id is far cheaper than hashing into a dictionary of a day's
    // calls, whose buckets are mostly out of cache.
    private Call? _lastCall;

    // Ended calls in the order they ended; forgotten after Options.EndedCallRetention so memory and snapshots stay
    // bounded by a day's traffic instead of growing for the life of the process.
    private readonly Queue<Call> _ended = new();
    private Agent? _lastAgent;

    public RoutingState(RoutingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _queues = new RoutingQueue[options.Queues.Count];
        for (var i = 0; i < _queues.Length; i++)
        {
            _queues[i] = new RoutingQueue(options.Queues[i], i);
            _queuesById.Add(_queues[i].Id, _queues[i]);
        }
    }

    public RoutingOptions Options { get; }

    /// <summary>Sequence of the last applied event; 0 before any.</summary>
    public long LastSequence { get; private set; }

    /// <summary>Time of the last applied event: the domain's clock never runs backwards past it.</summary>
    public DateTimeOffset LastEventAt { get; private set; }

    public IReadOnlyList<RoutingQueue> Queues => _queues;

    public IReadOnlyCollection<Call> Calls => _calls.Values;

    public IReadOnlyCollection<Agent> Agents => _agents.Values;

    /// <summary>Available clinicians, for the reserved-capacity rule.</summary>
    public int AvailableClinicians { get; private set; }

    internal TimerQueue Timers { get; } = new();

    public Call? FindCall(string callId)
    {
        var last = _lastCall;
        if (last is not null && string.Equals(last.Id, callId, StringComparison.Ordinal))
        {
            return last;
        }

        if (_calls.TryGetValue(callId, out var call))
        {
            _lastCall = call;
            return call;
        }

        return null;
    }

    public Agent? FindAgent(string agentId)
    {
        var last = _lastAgent;
        if (last is not null && string.Equals(last.Id, agentId, StringComparison.Ordinal))
        {
            return last;
        }

        if (_agents.TryGetValue(agentId, out var agent))
        {
            _lastAgent = agent;
            return agent;
        }

        return null;
    }

    public RoutingQueue? FindQueue(string queueId) => _queuesById.GetValueOrDefault(queueId);

    internal RoutingQueue QueueOf(Call call) => call.Queue ??= _queuesById[call.QueueId];

    /// <summary>The call an event names; it must exist (as the dictionary indexer required).</summary>
    private Call CallOf(string callId) =>
        FindCall(callId) ?? throw new KeyNotFoundException($"The given key '{callId}' was not present in the dictionary.");

    private Agent AgentOf(string agentId) =>
        FindAgent(agentId) ?? throw new KeyNotFoundException($"The given key '{agentId}' was not present in the dictionary.");

    /// <summary>Applies one event. Sequences must follow each other without gaps.</summary>
    public void Apply(RoutingEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Sequence != LastSequence + 1)
        {
            throw new InvalidOperationException($"Event sequence {e.Sequence} does not follow {LastSequence}.");
        }

        ForgetEndedCallsBefore(e.At - Options.EndedCallRetention);
        switch (e)
        {
            case CallArrived x: ApplyArrived(x); break;
            case CallQueued x: ApplyQueued(x); break;
            case CallOverflowed x: ApplyOverflowed(x); break;
            case CallRetriaged x: ChangeUrgency(CallOf(x.CallId), x.To, x.Input, x.Decision); break;
            case CallUrgencyChanged x: ChangeUrgency(CallOf(x.CallId), x.To, null, null); break;
            case CallOffered x: ApplyOffered(x); break;
            case OfferDeclined x: ReturnOffer(x, x.CallId, x.AgentId, "offer-declined", x.ResumeAt, misses: null); break;
            case OfferTimedOut x: ReturnOffer(x, x.CallId, x.AgentId, x.ResumeAt is null ? "missed-offers" : "no-answer", x.ResumeAt, x.ConsecutiveMisses); break;
            case OfferCancelled x: ApplyOfferCancelled(x); break;
            case CallAccepted x: ApplyAccepted(x); break;
            case CallTransferred x: ApplyTransferred(x); break;
            case CallCompleted x: ApplyCompleted(x); break;
            case CallAbandoned x: ApplyAbandoned(x); break;
            case CallbackRequested x: CallOf(x.CallId).IsCallback = true; break;
            case CallMaxWaitReached x: CallOf(x.CallId).IsCallback = true; break;
            case SafetyNetCallbackCreated x: ApplySafetyNet(x); break;
            case SafetyNetCallbackOverdue x: CallOf(x.CallId).SafetyNetOverdue = true; break;
            case EscalationWarning x: CallOf(x.CallId).EscalationWarned = true; break;
            case EscalationBreached x: CallOf(x.CallId).EscalationBreached = true; break;
            case PageIssued: break;
            case EmergencyAdviceInstructed: break;
            case AgentLoggedIn x: ApplyLoggedIn(x); break;
            case AgentLoggedOut x: ApplyLoggedOut(x); break;
            case AgentBecameAvailable x: ApplyAvailable(x); break;
            case AgentNotReady x: ApplyNotReady(x); break;
            default: throw new InvalidOperationException($"Unknown event type {e.GetType().Name}.");
        }

        LastSequence = e.Sequence;
        if (e.At > LastEventAt)
        {
            LastEventAt = e.At;
        }
    }

    private void ApplyArrived(CallArrived e)
    {
        var orderKey = e.At.UtcTicks - (e.Priority * Options.AgingPerPriorityPoint.Ticks);
        var call = new Call(e.CallId, e.Input, e.Decision, e.Priority, e.At, e.Sequence, orderKey);
        _calls.Add(call.Id, call);
        _lastCall = call;
        ScheduleEscalation(call);
    }

    private void ApplyQueued(CallQueued e)
    {
        var call = CallOf(e.CallId);
        if (call.Waiting)
        {
            Unwait(call);
        }

        call.QueueId = e.QueueId;
        call.Level = 0;
        call.OverflowStep = 0;
        call.QueueEnteredAt = e.At;
        call.QueueStamp = e.Sequence;
        call.Place = CallPlace.Queued;
        Wait(call);
        ScheduleQueueTimers(call, e.At);
    }

    private void ApplyOverflowed(CallOverflowed e)
    {
        var call = CallOf(e.CallId);
        Unwait(call);
        call.Level = e.Level;
        call.OverflowStep++;
        Wait(call);
    }

    private void ChangeUrgency(Call call, Urgency to, Triage.TriageInput? input, Triage.TriageDecision? decision)
    {
        var waiting = call.Waiting;
        if (waiting)
        {
            Unwait(call);
        }

        var from = call.Urgency;
        call.Urgency = to;
        if (input is not null)
        {
            call.Input = input;
        }

        if (decision is not null)
        {
            call.Decision = decision;
        }

        if (to != from)
        {
            // A new class brings its own warning and deadline, still counted from first arrival.
            call.EscalationWarned = false;
            call.EscalationBreached = false;
            ScheduleEscalation(call);
        }

        if (waiting)
        {
            Wait(call);
        }
    }

    private void ApplyOffered(CallOffered e)
    {
        var call = CallOf(e.CallId);
        var agent = AgentOf(e.AgentId);
        Unwait(call);
        call.Place = CallPlace.Offered;
        call.AgentId = agent.Id;
        call.OfferStamp = e.Sequence;
        SetStatus(agent, AgentStatus.Reserved, e.Sequence);
        agent.CallId = call.Id;
        Timers.Schedule(new DueTimer(e.At + e.RingTimeout, TimerKind.RingNoAnswer, call, e.Sequence, 0));
    }

    private void ReturnOffer(RoutingEvent e, string callId, string agentId, string reason, DateTimeOffset? resumeAt, int? misses)
    {
        var call = CallOf(callId);
        var agent = AgentOf(agentId);
        ReturnToPlace(call, e.At);
        agent.CallId = null;
        if (misses is { } m)
        {
            agent.ConsecutiveMisses = m;
        }

        SetStatus(agent, AgentStatus.NotReady, e.Sequence);
        agent.NotReadyReason = reason;
        if (resumeAt is { } resume)
        {
            Timers.Schedule(new DueTimer(resume, TimerKind.PauseEnd, agent, e.Sequence, 0));
        }
    }

    private void ApplyOfferCancelled(OfferCancelled e)
    {
        var call = CallOf(e.CallId);
        var agent = AgentOf(e.AgentId);
        ReturnToPlace(call, e.At);
        agent.CallId = null;

        // The agent did nothing wrong: back to available without losing their place among idle agents.
        SetStatus(agent, AgentStatus.Available, e.Sequence);
    }

    private void ApplyAccepted(CallAccepted e)
    {
        var call = CallOf(e.CallId);
        var agent = AgentOf(e.AgentId);
        call.Place = CallPlace.Connected;
        call.AnsweredAt ??= e.At;
        if (e.ClinicianContact)
        {
            call.ClinicianContactAt ??= e.At;
        }

        agent.ConsecutiveMisses = 0;
        agent.ConnectedAt = e.At;
        SetStatus(agent, AgentStatus.OnCall, e.Sequence);
    }

    private void ApplyTransferred(CallTransferred e)
    {
        var call = CallOf(e.CallId);
        var agent = AgentOf(e.AgentId);
        FinishHandling(agent, e, _queuesById.GetValueOrDefault(e.FromQueueId), e.WrapUp);
        call.AgentId = null;
        call.QueueId = e.ToQueueId;
        call.Level = 0;
        call.OverflowStep = 0;
        call.QueueEnteredAt = e.At;
        call.QueueStamp = e.Sequence;
        call.Place = CallPlace.Queued;
        Wait(call);
        ScheduleQueueTimers(call, e.At);
    }

    private void ApplyCompleted(CallCompleted e)
    {
        var call = CallOf(e.CallId);
        var agent = AgentOf(e.AgentId);
        FinishHandling(agent, e, call.Queue ?? _queuesById.GetValueOrDefault(call.QueueId), e.WrapUp);
        call.Place = CallPlace.Ended;
        call.AgentId = null;
        call.EndedAt = e.At;
        _ended.Enqueue(call);
    }

    private void ApplyAbandoned(CallAbandoned e)
    {
        var call = CallOf(e.CallId);
        call.Abandoned = true;
        if (e.BecomesSafetyNetCallback)
        {
            return;
        }

        if (call.Waiting)
        {
            Unwait(call);
        }

        call.Place = CallPlace.Ended;
        call.EndedAt = e.At;
        _ended.Enqueue(call);
    }

    private void ApplySafetyNet(SafetyNetCallbackCreated e)
    {
        var call = CallOf(e.CallId);
        call.IsCallback = true;
        call.IsSafetyNet = true;
        Timers.Schedule(new DueTimer(e.DueBy, TimerKind.SafetyNetDue, call, e.Sequence, 0));
    }

    private void ApplyLoggedIn(AgentLoggedIn e)
    {
        if (!_agents.TryGetValue(e.AgentId, out var agent))
        {
            agent = new Agent(e.AgentId, e.Role, e.Skills, e.Sequence);
            _agents.Add(agent.Id, agent);
        }

        agent.Role = e.Role;
        agent.Skills = e.Skills;
        agent.Order = e.Sequence;
        agent.CallsHandled = 0;
        agent.ConsecutiveMisses = 0;
        agent.IdleSince = e.At;
        agent.QueueLevels = new int[_queues.Length];
        for (var i = 0; i < _queues.Length; i++)
        {
            agent.QueueLevels[i] = _queues[i].QualifyingLevel(agent);
        }

        SetStatus(agent, AgentStatus.NotReady, e.Sequence);
        agent.NotReadyReason = "logged-in";
    }

    private void ApplyLoggedOut(AgentLoggedOut e)
    {
        var agent = AgentOf(e.AgentId);
        SetStatus(agent, AgentStatus.LoggedOut, e.Sequence);
        agent.CallId = null;
        agent.NotReadyReason = string.Empty;
    }

    private void ApplyAvailable(AgentBecameAvailable e)
    {
        var agent = AgentOf(e.AgentId);
        agent.IdleSince = e.At;
        agent.NotReadyReason = string.Empty;
        SetStatus(agent, AgentStatus.Available, e.Sequence);
    }

    private void ApplyNotReady(AgentNotReady e)
    {
        var agent = AgentOf(e.AgentId);
        SetStatus(agent, AgentStatus.NotReady, e.Sequence);
        agent.NotReadyReason = e.Reason;
        if (e.ResumeAt is { } resume)
        {
            Timers.Schedule(new DueTimer(resume, TimerKind.PauseEnd, agent, e.Sequence, 0));
        }
    }

    /// <summary>Wrap-up after a completed or transferred call; counts the call and feeds the queue's handle time.</summary>
    private void FinishHandling(Agent agent, RoutingEvent e, RoutingQueue? queue, TimeSpan wrapUp)
    {
        if (agent.ConnectedAt is { } connected && queue is not null)
        {
            queue.ObserveHandleTime(e.At - connected);
        }

        agent.ConnectedAt = null;
        agent.CallId = null;
        agent.CallsHandled++;
        SetStatus(agent, AgentStatus.WrapUp, e.Sequence);
        Timers.Schedule(new DueTimer(e.At + wrapUp, TimerKind.WrapUpEnd, agent, e.Sequence, 0));
    }

    /// <summary>Back to the same queue, level and order key: its original place.</summary>
    private void ReturnToPlace(Call call, DateTimeOffset at)
    {
        call.Place = CallPlace.Queued;
        call.AgentId = null;
        Wait(call);

        // Overflow and max-wait checks that came due while it rang were skipped; re-arm them from now.
        ScheduleQueueTimers(call, at);
    }

    private void Wait(Call call)
    {
        QueueOf(call).AddWaiting(call);
        call.Waiting = true;
    }

    private void Unwait(Call call)
    {
        QueueOf(call).RemoveWaiting(call);
        call.Waiting = false;
    }

    private void SetStatus(Agent agent, AgentStatus status, long stamp)
    {
        var was = agent.Status;
        if (was == AgentStatus.Available && status != AgentStatus.Available)
        {
            for (var i = 0; i < _queues.Length; i++)
            {
                if (agent.QueueLevels[i] >= 0)
                {
                    _queues[i].RemoveAvailable(agent, agent.QueueLevels[i]);
                }
            }

            if (agent.IsClinician)
            {
                AvailableClinicians--;
            }
        }

        if (IsStaffed(was) != IsStaffed(status))
        {
            var change = IsStaffed(status) ? 1 : -1;
            for (var i = 0; i < _queues.Length; i++)
            {
                if (agent.QueueLevels[i] >= 0)
                {
                    _queues[i].StaffedAgents += change;
                }
            }
        }

        agent.Status = status;
        agent.StatusStamp = stamp;
        if (was != AgentStatus.Available && status == AgentStatus.Available)
        {
            for (var i = 0; i < _queues.Length; i++)
            {
                if (agent.QueueLevels[i] >= 0)
                {
                    _queues[i].AddAvailable(agent, agent.QueueLevels[i]);
                }
            }

            if (agent.IsClinician)
            {
                AvailableClinicians++;
            }
        }
    }

    // Staffed as occupancy counts it: taking or handling calls. An agent on a break (or just logged in and not yet
    // ready) serves no one, so counting them made estimated waits too short.
    private static bool IsStaffed(AgentStatus status) =>
        status is AgentStatus.Available or AgentStatus.Reserved or AgentStatus.OnCall or AgentStatus.WrapUp;

    private void ScheduleQueueTimers(Call call, DateTimeOffset now)
    {
        var definition = QueueOf(call).Definition;
        for (var step = call.OverflowStep; step < definition.Overflow.Count; step++)
        {
            var due = Later(call.QueueEnteredAt + definition.Overflow[step].After, now);
            Timers.Schedule(new DueTimer(due, TimerKind.Overflow, call, call.QueueStamp, step));
        }

        if (definition.MaxWait is { } maxWait && !call.IsCallback)
        {
            Timers.Schedule(new DueTimer(Later(call.QueueEnteredAt + maxWait, now), TimerKind.MaxWait, call, call.QueueStamp, 0));
        }
    }

    private void ScheduleEscalation(Call call)
    {
        if (call.ClinicianContactAt is not null || !Options.Escalation.TryGetValue(call.Urgency, out var policy))
        {
            return;
        }

        Timers.Schedule(new DueTimer(call.ArrivedAt + policy.Warning, TimerKind.EscalationWarning, call, 0, (int)call.Urgency));
        Timers.Schedule(new DueTimer(call.ArrivedAt + policy.Deadline, TimerKind.EscalationBreach, call, 0, (int)call.Urgency));
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    /// <summary>True when lower classes must wait to keep clinicians free for EMERGENCY and EMERGENT calls.</summary>
    internal bool ReserveBlocks(Urgency urgency) =>
        urgency < Urgency.Emergent && AvailableClinicians <= Options.ReservedClinicians;

    /// <summary>
    /// Drops ended calls older than the retention. Driven by event times only, so a replay forgets exactly what the
    /// live state forgot. A call id offered again after that is a new call; timers still holding a forgotten call
    /// find it ended and do nothing.
    /// </summary>
    private void ForgetEndedCallsBefore(DateTimeOffset cutoff)
    {
        while (_ended.Count > 0 && _ended.Peek().EndedAt < cutoff)
        {
            var call = _ended.Dequeue();
            _calls.Remove(call.Id);
            if (ReferenceEquals(_lastCall, call))
            {
                _lastCall = null;
            }
        }
    }
}

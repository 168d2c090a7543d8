using Routing.Core.Agents;
using Routing.Core.Events;
using Routing.Core.Statistics;
using Routing.Core.Triage;
using Routing.Core.Urgencies;

namespace Routing.Core.Tests.Statistics;

/// <summary>Builds engine events by hand, with times in seconds after <see cref="T0"/> and gap-free sequences.</summary>
internal sealed class EventScript
{
    /// <summary>An interval boundary (09:00 UTC), so second 0 starts a 15-minute interval.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly List<RoutingEvent> _events = [];

    public IReadOnlyList<RoutingEvent> Events => _events;

    public static DateTimeOffset At(double seconds) => T0 + TimeSpan.FromSeconds(seconds);

    public T Add<T>(T e)
        where T : RoutingEvent
    {
        e.AssignSequence(_events.Count + 1);
        _events.Add(e);
        return e;
    }

    public void Arrive(string callId, double at, string queueId = "scheduling", Urgency urgency = Urgency.Routine, bool redFlag = false) =>
        Arrive(callId, At(at), queueId, urgency, redFlag);

    public void Arrive(string callId, DateTimeOffset at, string queueId = "scheduling", Urgency urgency = Urgency.Routine, bool redFlag = false)
    {
        var decision = new TriageDecision(urgency, queueId, [], "test", redFlag);
        Add(new CallArrived(at, callId, new TriageInput(), decision, 0));
        Add(new CallQueued(at, callId, queueId, QueueEntryReason.Arrival));
    }

    public void Offer(string callId, string agentId, double at, string queueId = "scheduling") =>
        Add(new CallOffered(At(at), callId, agentId, queueId, TimeSpan.FromMinutes(1)));

    public void Answer(string callId, double at, string agentId = "agent", bool clinician = false) =>
        Add(new CallAccepted(At(at), callId, agentId, clinician));

    public void Complete(string callId, double at, string agentId = "agent") =>
        Add(new CallCompleted(At(at), callId, agentId, CompletedBy.Agent, TimeSpan.Zero));

    public void Abandon(string callId, double at, string queueId = "scheduling", bool safetyNet = false) =>
        Add(new CallAbandoned(At(at), callId, queueId, safetyNet));

    public void Raise(string callId, double at, Urgency from, Urgency to, bool redFlag = false, string queueId = "clinical-triage") =>
        Add(new CallRetriaged(At(at), callId, new TriageInput(), new TriageDecision(to, queueId, [], "test", redFlag), from, to));

    public void LogIn(string agentId, double at, AgentRole role) => Add(new AgentLoggedIn(At(at), agentId, role, []));

    public void Ready(string agentId, double at) => Add(new AgentBecameAvailable(At(at), agentId, AvailabilityCause.Ready));

    public ServiceLevelStatistics Feed(ServiceLevelStatistics? statistics = null)
    {
        statistics ??= new ServiceLevelStatistics(StatisticsTestOptions.StatsOptions());
        foreach (var e in _events)
        {
            statistics.Apply(e);
        }

        return statistics;
    }
}

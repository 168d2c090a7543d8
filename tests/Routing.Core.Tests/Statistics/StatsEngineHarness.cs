using Microsoft.Extensions.Time.Testing;
using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Commands;
using Routing.Core.Configuration;
using Routing.Core.Engine;
using Routing.Core.Events;
using Routing.Core.Statistics;
using Routing.Core.Triage;

namespace Routing.Core.Tests.Statistics;

/// <summary>A real engine on a fake clock whose events feed a collector and are kept as a journal.</summary>
internal sealed class StatsEngineHarness
{
    private static readonly TriageRuleSet Rules = TriageRuleSetLoader.LoadDefault();
    private readonly FakeTimeProvider _time = new(EventScript.T0);
    private readonly List<RoutingEvent> _journal = [];

    public StatsEngineHarness(RoutingOptions? options = null)
    {
        var routing = options ?? StatisticsTestOptions.DefaultRouting();
        Engine = new RoutingEngine(routing, Rules, _time);
        Statistics = new ServiceLevelStatistics(StatisticsOptions.For(routing));
    }

    public static TriageInput SchedulingInput { get; } = new() { ReasonCode = "SCHEDULING" };

    public RoutingEngine Engine { get; }

    public ServiceLevelStatistics Statistics { get; }

    public IReadOnlyList<RoutingEvent> Journal => _journal;

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Sets the clock to <paramref name="seconds"/> after <see cref="EventScript.T0"/>.</summary>
    public StatsEngineHarness At(double seconds)
    {
        _time.SetUtcNow(EventScript.At(seconds));
        return this;
    }

    public RoutingResult Run(RoutingCommand command)
    {
        var result = Execute(command);
        Assert.True(result.Succeeded, $"{command} failed: {result.Error}");
        return result;
    }

    /// <summary>Runs a command that may be refused; the timer events a refused command still carries are kept.</summary>
    public RoutingResult Execute(RoutingCommand command)
    {
        var result = Engine.Execute(command);
        foreach (var e in result.Events)
        {
            _journal.Add(e);
            Statistics.Apply(e);
        }

        return result;
    }

    public OfferCallReply Offer(string callId, TriageInput? input = null) =>
        (OfferCallReply)Run(new OfferCall(callId, input ?? SchedulingInput)).Reply!;

    public void LogIn(string agentId, AgentRole role) => Run(new LogIn(agentId, role, []));

    public void Ready(string agentId) => Run(new SetReady(agentId));

    public void Accept(string agentId, string callId) => Run(new AcceptOffer(agentId, callId));

    public void Complete(string agentId, string callId) => Run(new CompleteCall(agentId, callId));

    public void HangUp(string callId) => Run(new EndCall(callId, CallEndReason.CallerHungUp));

    /// <summary>The call the engine is ringing at the agent.</summary>
    public string Ringing(string agentId) => Engine.State.FindAgent(agentId)!.CallId!;
}

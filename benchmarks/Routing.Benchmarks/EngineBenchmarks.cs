using BenchmarkDotNet.Attributes;
using Routing.Core.Calls;
using Routing.Core.Commands;
using Routing.Core.Engine;

namespace Routing.Benchmarks;

/// <summary>
/// The engine's hot paths in steady state: every operation leaves the domain as it found it (same number of waiting
/// calls, same agents in the same states), so the size parameters hold during the whole measurement. Virtual time
/// moves <see cref="Scenario.Step"/> per command so timers carry realistic due times and stale ones drain as they
/// come due. One operation is one pass of the loop below, not one command.
/// </summary>
[Config(typeof(EngineJobConfig))]
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private const int Ops = EngineJobConfig.OperationsPerInvoke;

    // Iterations are 64 invocations; the jitting stage runs a few more after its own setup.
    private const int Capacity = Ops * (EngineJobConfig.InvocationsPerIteration + 4);

    private RoutingEngine _engine = null!;
    private ManualClock _clock = null!;
    private int _next;

    private OfferCall[] _offers = [];
    private AcceptOffer[] _accepts = [];
    private CompleteCall[] _completes = [];
    private EndCall[] _hangUps = [];
    private EndWrapUp[] _endWrapUps = [];

    /// <summary>Calls waiting while the measured operations run.</summary>
    [Params(10, 1_000, 10_000)]
    public int WaitingCalls { get; set; }

    /// <summary>Agents logged in.</summary>
    [Params(10, 200, 2_000)]
    public int Agents { get; set; }

    // ---- Lifecycle: a call reaches a ready agent at once --------------------------------------------------------

    /// <summary>
    /// Every agent is ready (scheduling skill); <see cref="WaitingCalls"/> billing calls wait in the billing queue,
    /// which none of them serves (an available agent never coexists with a call it may take: the engine's
    /// invariant). One operation: a ROUTINE scheduling call is offered, triaged, queued and offered at once to the
    /// longest-idle agent, who accepts, completes and ends wrap-up, becoming the most recently idle.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public void Lifecycle()
    {
        var k = Begin();
        for (var end = k + Ops; k < end; k++)
        {
            Run(_offers[k]);
            Run(_accepts[k]);
            Run(_completes[k]);
            Run(_endWrapUps[k % Agents]);
        }

        _next = k;
    }

    [GlobalSetup(Target = nameof(Lifecycle))]
    public void LifecycleCommands()
    {
        _offers = new OfferCall[Capacity];
        _accepts = new AcceptOffer[Capacity];
        _completes = new CompleteCall[Capacity];
        _endWrapUps = new EndWrapUp[Agents];
        for (var a = 0; a < Agents; a++)
        {
            _endWrapUps[a] = new EndWrapUp(Scenario.AgentId(a));
        }

        for (var k = 0; k < Capacity; k++)
        {
            // Longest idle first: agents take calls in turn, in login order.
            var callId = Scenario.CallId("L", k);
            var agentId = Scenario.AgentId(k % Agents);
            _offers[k] = new OfferCall(callId, Scenario.Scheduling);
            _accepts[k] = new AcceptOffer(agentId, callId);
            _completes[k] = new CompleteCall(agentId, callId);
        }
    }

    [IterationSetup(Target = nameof(Lifecycle))]
    public void LifecycleDomain()
    {
        (_engine, _clock) = Scenario.NewEngine();
        Scenario.LogInReady(_engine, _clock, Agents);
        for (var i = 0; i < WaitingCalls; i++)
        {
            Scenario.Offer(_engine, _clock, Scenario.CallId("W", i), Scenario.Billing, CallPlace.Queued);
        }

        _next = 0;
    }

    // ---- Match when an agent becomes ready: a saturated queue --------------------------------------------------

    /// <summary>
    /// <see cref="WaitingCalls"/> scheduling calls wait; every agent but one is on a call, the one is in wrap-up.
    /// One operation: a new call arrives and waits at the back (triage, queue, no agent, position and estimated
    /// wait); the agent ends wrap-up and is matched with the head of the line; accepts; completes (wrap-up again).
    /// First in, first out: the line keeps its length.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public void MatchOnReady()
    {
        var k = Begin();
        var endWrapUp = _endWrapUps[0];
        for (var end = k + Ops; k < end; k++)
        {
            Run(_offers[k]);
            Run(endWrapUp);
            Run(_accepts[k]);
            Run(_completes[k]);
        }

        _next = k;
    }

    [GlobalSetup(Target = nameof(MatchOnReady))]
    public void MatchOnReadyCommands()
    {
        var agentId = Scenario.AgentId(0);
        _offers = new OfferCall[Capacity];
        _accepts = new AcceptOffer[Capacity];
        _completes = new CompleteCall[Capacity];
        _endWrapUps = [new EndWrapUp(agentId)];
        for (var k = 0; k < Capacity; k++)
        {
            // The head of the line at operation k: the k-th call to have arrived after the agents were busy.
            var head = k < WaitingCalls ? Scenario.CallId("W", k) : Scenario.CallId("S", k - WaitingCalls);
            _offers[k] = new OfferCall(Scenario.CallId("S", k), Scenario.Scheduling);
            _accepts[k] = new AcceptOffer(agentId, head);
            _completes[k] = new CompleteCall(agentId, head);
        }
    }

    [IterationSetup(Target = nameof(MatchOnReady))]
    public void MatchOnReadyDomain()
    {
        (_engine, _clock) = BusyDomain();
        for (var i = 0; i < WaitingCalls; i++)
        {
            Scenario.Offer(_engine, _clock, Scenario.CallId("W", i), Scenario.Scheduling, CallPlace.Queued);
        }

        // Agent 0 (who took B-0) finishes and sits in wrap-up: the only agent who will come free. Last, so that the
        // wrap-up timer (30 s) cannot run out while the line fills up.
        Scenario.Must(_engine, _clock, new CompleteCall(Scenario.AgentId(0), Scenario.CallId("B", 0)));
        _next = 0;
    }

    // ---- Offer with triage into a waiting line -----------------------------------------------------------------

    /// <summary>
    /// <see cref="WaitingCalls"/> scheduling calls wait and every agent is on a call. One operation: a new call is
    /// offered (triage, queued at the back, no agent, position and estimated wait), and the caller at the head of the
    /// line hangs up (EndCall), so the line keeps its length.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public void OfferWithTriage()
    {
        var k = Begin();
        for (var end = k + Ops; k < end; k++)
        {
            Run(_offers[k]);
            Run(_hangUps[k]);
        }

        _next = k;
    }

    [GlobalSetup(Target = nameof(OfferWithTriage))]
    public void OfferWithTriageCommands()
    {
        _offers = new OfferCall[Capacity];
        _hangUps = new EndCall[Capacity];
        for (var k = 0; k < Capacity; k++)
        {
            var head = k < WaitingCalls ? Scenario.CallId("W", k) : Scenario.CallId("S", k - WaitingCalls);
            _offers[k] = new OfferCall(Scenario.CallId("S", k), Scenario.Scheduling);
            _hangUps[k] = new EndCall(head, CallEndReason.CallerHungUp);
        }
    }

    [IterationSetup(Target = nameof(OfferWithTriage))]
    public void OfferWithTriageDomain()
    {
        (_engine, _clock) = BusyDomain();
        for (var i = 0; i < WaitingCalls; i++)
        {
            Scenario.Offer(_engine, _clock, Scenario.CallId("W", i), Scenario.Scheduling, CallPlace.Queued);
        }

        _next = 0;
    }

    /// <summary>Every agent logged in, ready, and then connected to a call B-i.</summary>
    private (RoutingEngine, ManualClock) BusyDomain()
    {
        var (engine, clock) = Scenario.NewEngine();
        Scenario.LogInReady(engine, clock, Agents);
        for (var i = 0; i < Agents; i++)
        {
            Scenario.OfferAndConnect(engine, clock, Scenario.CallId("B", i));
        }

        return (engine, clock);
    }

    private int Begin()
    {
        if (_next + Ops > Capacity)
        {
            throw new InvalidOperationException($"More invocations per iteration than the {Capacity / Ops} prepared for.");
        }

        return _next;
    }

    private void Run(RoutingCommand command)
    {
        _clock.Advance(Scenario.Step);
        var result = _engine.Execute(command);
        if (!result.Succeeded)
        {
            Fail(command, result);
        }
    }

    private static void Fail(RoutingCommand command, RoutingResult result) =>
        throw new InvalidOperationException($"{command} failed: {result.Error}");
}

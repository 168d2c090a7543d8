using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Commands;
using Routing.Core.Configuration;
using Routing.Core.Engine;
using Routing.Core.Triage;

namespace Routing.Benchmarks;

/// <summary>
/// Builds routing domains in a known steady state and the commands that keep them there. Commands are built once
/// (outside measurement) so what a benchmark allocates is the engine's allocation, not the harness's.
/// </summary>
public static class Scenario
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Virtual time between two commands: 4 commands a lifecycle make 10 lifecycles per second, a large center.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(25);

    public static readonly TriageRuleSet Rules = TriageRuleSetLoader.LoadDefault();

    /// <summary>A ROUTINE scheduling call: no caller words, screen done.</summary>
    public static readonly TriageInput Scheduling = new() { ReasonCode = "SCHEDULING", ScreenCompleted = true };

    /// <summary>A ROUTINE billing call, parked in a queue nobody serves in the lifecycle scenario.</summary>
    public static readonly TriageInput Billing = new() { ReasonCode = "BILLING", ScreenCompleted = true };

    private static readonly AgentSkill[] SchedulingSkills = [new("scheduling", 3)];

    /// <summary>The five queues of the test harness (tests/Routing.Core.Tests/Engine/EngineHarness.cs).</summary>
    public static RoutingOptions Options() => new()
    {
        Queues =
        [
            new QueueDefinition { Id = "scheduling", RequiredSkills = [new SkillRequirement("scheduling")] },
            new QueueDefinition { Id = "prescriptions", RequiredSkills = [new SkillRequirement("refills")] },
            new QueueDefinition { Id = "billing", RequiredSkills = [new SkillRequirement("billing")] },
            new QueueDefinition { Id = "clinical-triage", Clinical = true, SlaThreshold = TimeSpan.FromSeconds(60) },
            new QueueDefinition
            {
                Id = "senior-line",
                RequiredSkills = [new SkillRequirement("seniors")],
                Overflow = [new OverflowStep(TimeSpan.FromSeconds(60), WidenTo: [new SkillRequirement("scheduling")])],
            },
        ],
    };

    public static string AgentId(int i) => FormattableString.Invariant($"agent-{i:D5}");

    public static string CallId(string prefix, int i) => FormattableString.Invariant($"{prefix}-{i:D8}");

    public static (RoutingEngine Engine, ManualClock Clock) NewEngine()
    {
        var clock = new ManualClock(Start);
        return (new RoutingEngine(Options(), Rules, clock), clock);
    }

    /// <summary>Runs a command that must succeed, one <see cref="Step"/> after the previous one.</summary>
    public static RoutingResult Must(RoutingEngine engine, ManualClock clock, RoutingCommand command)
    {
        clock.Advance(Step);
        var result = engine.Execute(command);
        return result.Succeeded ? result : throw new InvalidOperationException($"{command} failed: {result.Error}");
    }

    /// <summary><paramref name="agents"/> scheduling agents logged in and ready, longest idle first in login order.</summary>
    public static void LogInReady(RoutingEngine engine, ManualClock clock, int agents)
    {
        for (var i = 0; i < agents; i++)
        {
            Must(engine, clock, new LogIn(AgentId(i), AgentRole.NonClinical, SchedulingSkills));
            Must(engine, clock, new SetReady(AgentId(i)));
        }
    }

    /// <summary>Offers a call and has whichever agent it rings at accept it: that agent is then on the call.</summary>
    public static void OfferAndConnect(RoutingEngine engine, ManualClock clock, string callId)
    {
        Must(engine, clock, new OfferCall(callId, Scheduling));
        var call = engine.State.FindCall(callId)!;
        if (call.Place != CallPlace.Offered)
        {
            throw new InvalidOperationException($"{callId} was not offered at once.");
        }

        Must(engine, clock, new AcceptOffer(call.AgentId!, callId));
    }

    public static void Offer(RoutingEngine engine, ManualClock clock, string callId, TriageInput input, CallPlace expected)
    {
        Must(engine, clock, new OfferCall(callId, input));
        var place = engine.State.FindCall(callId)!.Place;
        if (place != expected)
        {
            throw new InvalidOperationException($"{callId} is {place}, expected {expected}.");
        }
    }
}

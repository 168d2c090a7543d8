using Microsoft.Extensions.Time.Testing;
using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Commands;
using Routing.Core.Configuration;
using Routing.Core.Engine;
using Routing.Core.Events;
using Routing.Core.Triage;

namespace Routing.Core.Tests.Engine;

/// <summary>
/// A routing domain on virtual time with the default triage rules and the five queues they route to.
/// Keeps every emitted event so tests can look at what happened and replay it.
/// </summary>
internal sealed class EngineHarness
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    public EngineHarness(Func<RoutingOptions, RoutingOptions>? configure = null)
    {
        Options = configure is null ? DefaultOptions() : configure(DefaultOptions());
        Time = new FakeTimeProvider(Start);
        Engine = new RoutingEngine(Options, TriageRuleSetLoader.LoadDefault(), Time);
    }

    public RoutingOptions Options { get; }

    public FakeTimeProvider Time { get; }

    public RoutingEngine Engine { get; }

    public RoutingState State => Engine.State;

    public List<RoutingEvent> Events { get; } = [];

    public static RoutingOptions DefaultOptions() => new()
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

    public RoutingResult Execute(RoutingCommand command)
    {
        var result = Engine.Execute(command);
        Events.AddRange(result.Events);
        return result;
    }

    /// <summary>Executes a command that must succeed and returns its reply.</summary>
    public T Must<T>(RoutingCommand command)
        where T : CommandReply
    {
        var result = Execute(command);
        Assert.True(result.Succeeded, $"{command} failed: {result.Error}");
        return Assert.IsAssignableFrom<T>(result.Reply);
    }

    public void Must(RoutingCommand command) => Must<CommandReply>(command);

    public OfferCallReply Offer(string callId, string reason = "SCHEDULING", string words = "", int priority = 0, params string[] redFlags) =>
        Must<OfferCallReply>(new OfferCall(callId, new TriageInput { ReasonCode = reason, CallerWords = words, RedFlags = redFlags, ScreenCompleted = true }, priority));

    public void LogInReady(string agentId, AgentRole role, params string[] skills)
    {
        Must(new LogIn(agentId, role, skills.Select(s => new AgentSkill(s, 3)).ToArray()));
        Must(new SetReady(agentId));
    }

    public void LogIn(string agentId, AgentRole role, params AgentSkill[] skills) => Must(new LogIn(agentId, role, skills));

    public void Advance(TimeSpan by)
    {
        Time.Advance(by);
        Must(AdvanceTime.Instance);
    }

    public Call Call(string id) => State.FindCall(id) ?? throw new InvalidOperationException($"no call {id}");

    public Agent Agent(string id) => State.FindAgent(id) ?? throw new InvalidOperationException($"no agent {id}");

    /// <summary>The call currently ringing at the agent, or null.</summary>
    public string? OfferedTo(string agentId) => Agent(agentId) is { Status: AgentStatus.Reserved } a ? a.CallId : null;

    /// <summary>Answers whatever rings at the agent, completes it and skips wrap-up; returns the call id.</summary>
    public string TakeNext(string agentId)
    {
        var callId = OfferedTo(agentId) ?? throw new InvalidOperationException($"nothing offered to {agentId}");
        Must(new AcceptOffer(agentId, callId));
        Must(new CompleteCall(agentId, callId));
        Must(new EndWrapUp(agentId));
        return callId;
    }

    public IEnumerable<T> EventsOf<T>() => Events.OfType<T>();

    /// <summary>Rebuilds the state from the recorded events alone.</summary>
    public RoutingState Replay()
    {
        var state = new RoutingState(Options);
        foreach (var e in Events)
        {
            state.Apply(e);
        }

        return state;
    }
}

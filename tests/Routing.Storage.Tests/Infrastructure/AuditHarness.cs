using Microsoft.Extensions.Time.Testing;
using Routing.Core.Agents;
using Routing.Core.Commands;
using Routing.Core.Configuration;
using Routing.Core.Engine;
using Routing.Core.Events;
using Routing.Core.Triage;

namespace Routing.Storage.Tests.Infrastructure;

/// <summary>
/// A real routing engine on virtual time (default triage rules, the five queues they route to) whose events are
/// appended, one batch per command as the runtime does, to a <see cref="SqliteEventJournal"/> in a temp file.
/// </summary>
internal sealed class AuditHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    public AuditHarness()
    {
        Time = new FakeTimeProvider(Start);
        Engine = new RoutingEngine(Options, TriageRuleSetLoader.LoadDefault(), Time);
        Journal = new SqliteEventJournal(Database.Path);
    }

    public static RoutingOptions Options { get; } = new()
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

    public TempDatabase Database { get; } = new();

    public FakeTimeProvider Time { get; }

    public RoutingEngine Engine { get; }

    public SqliteEventJournal Journal { get; }

    public AuditStore Store => new(Database.Path);

    /// <summary>Every event journaled so far.</summary>
    public List<RoutingEvent> Events { get; } = [];

    public long CallEvents => Events.Count(e => e is CallEvent);

    public RoutingResult Execute(RoutingCommand command)
    {
        var result = Engine.Execute(command);
        if (result.Events.Count > 0)
        {
            var append = Journal.AppendAsync(result.Events, CancellationToken.None);
            Assert.True(append.IsCompletedSuccessfully);
            Events.AddRange(result.Events);
        }

        return result;
    }

    public T Must<T>(RoutingCommand command)
        where T : CommandReply
    {
        var result = Execute(command);
        Assert.True(result.Succeeded, $"{command} failed: {result.Error}");
        return Assert.IsAssignableFrom<T>(result.Reply);
    }

    public void Must(RoutingCommand command) => Must<CommandReply>(command);

    public OfferCallReply Offer(string callId, string reason = "SCHEDULING", string words = "", int priority = 0, params string[] redFlags) =>
        Must<OfferCallReply>(new OfferCall(callId, new TriageInput { ReasonCode = reason, CallerWords = words, RedFlags = redFlags, ScreenCompleted = true }, priority, "gw-1"));

    public void LogInReady(string agentId, AgentRole role, params string[] skills)
    {
        Must(new LogIn(agentId, role, skills.Select(s => new AgentSkill(s, 3)).ToArray()));
        Must(new SetReady(agentId));
    }

    /// <summary>Moves the clock and fires every timer due by then, as the runtime would.</summary>
    public void Advance(TimeSpan by)
    {
        Time.Advance(by);
        Must(AdvanceTime.Instance);
    }

    public string? OfferedTo(string agentId) => Engine.State.FindAgent(agentId) is { Status: AgentStatus.Reserved } a ? a.CallId : null;

    public void Dispose()
    {
        Journal.Dispose();
        Database.Dispose();
    }
}

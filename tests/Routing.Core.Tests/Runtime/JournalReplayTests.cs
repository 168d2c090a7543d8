using Microsoft.Extensions.Time.Testing;
using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Commands;
using Routing.Core.Engine;
using Routing.Core.Events;
using Routing.Core.Triage;
using Routing.Runtime;
using static Routing.Core.Tests.Runtime.RuntimeTestKit;

namespace Routing.Core.Tests.Runtime;

public sealed class JournalReplayTests
{
    [Fact]
    public async Task Replaying_the_journal_reproduces_the_engine_state()
    {
        var time = new FakeTimeProvider();
        var journal = new InMemoryEventJournal();
        var engine = NewEngine(time);
        var domain = new RoutingDomain(engine, journal, time);
        using var events = domain.Subscribe();

        async Task<RoutingResult> Run(RoutingCommand command)
        {
            var result = await domain.ExecuteAsync(command).AsTask().WaitAsync(WaitLimit);
            Assert.True(result.Succeeded, result.Error?.ToString());
            return result;
        }

        await Run(Agent("a1"));
        await Run(Agent("a2"));
        await Run(Agent("c1", AgentRole.Clinician));
        await Run(new SetReady("a1"));
        await Run(new SetReady("a2"));
        await Run(new SetReady("c1"));

        // Answered, then completed into wrap-up that a timer ends.
        var first = (await Run(SchedulingCall("call-1"))).Events.OfType<CallOffered>().Single();
        await Run(new AcceptOffer(first.AgentId, "call-1"));
        await Run(new CompleteCall(first.AgentId, "call-1"));

        // Rings out on a timer.
        var second = (await Run(SchedulingCall("call-2"))).Events.OfType<CallOffered>().Single();
        time.Advance(RingTimeout);
        await NextAsync<OfferTimedOut>(events, e => e.CallId == "call-2");

        // A clinical call, a caller who hangs up, and one left waiting.
        await Run(new OfferCall("call-3", new TriageInput { ReasonCode = "SYMPTOM", ScreenCompleted = true }));
        await Run(SchedulingCall("call-4"));
        await Run(SchedulingCall("call-5"));
        await Run(new EndCall("call-5", CallEndReason.CallerHungUp));
        time.Advance(TimeSpan.FromSeconds(31));
        await Run(AdvanceTime.Instance);
        Assert.NotEqual(first.AgentId, second.AgentId);

        await domain.StopAsync().WaitAsync(WaitLimit);
        var rebuilt = await JournalReplay.RebuildAsync(journal, engine.State.Options).WaitAsync(WaitLimit);

        Assert.Equal(engine.State.LastSequence, rebuilt.LastSequence);
        Assert.Equal(engine.State.LastEventAt, rebuilt.LastEventAt);
        Assert.Equal(5, engine.State.Calls.Count);
        Assert.Equal(
            engine.State.Calls.Select(c => (c.Id, c.Place, c.QueueId, c.AgentId, c.Urgency, c.IsCallback, c.Abandoned)).OrderBy(c => c.Id, StringComparer.Ordinal),
            rebuilt.Calls.Select(c => (c.Id, c.Place, c.QueueId, c.AgentId, c.Urgency, c.IsCallback, c.Abandoned)).OrderBy(c => c.Id, StringComparer.Ordinal));
        Assert.Equal(
            engine.State.Agents.Select(a => (a.Id, a.Status, a.CallId, a.ConsecutiveMisses, a.CallsHandled)).OrderBy(a => a.Id, StringComparer.Ordinal),
            rebuilt.Agents.Select(a => (a.Id, a.Status, a.CallId, a.ConsecutiveMisses, a.CallsHandled)).OrderBy(a => a.Id, StringComparer.Ordinal));

        // The scenario touched more than one place and status, so the comparison means something.
        Assert.True(engine.State.Calls.Select(c => c.Place).Distinct().Count() >= 3);
        Assert.True(engine.State.Agents.Select(a => a.Status).Distinct().Count() >= 2);

        // Timers are rebuilt too. Replay re-schedules every timer ever set, including ones the live engine already
        // took; those are in the past and stale, so the first tick of the resumed engine skips them without an event.
        var resumed = new RoutingEngine(rebuilt, Rules, time);
        Assert.Empty(resumed.Execute(AdvanceTime.Instance).Events);
        Assert.Equal(engine.NextTimerDue, resumed.NextTimerDue);
    }

    [Fact]
    public async Task Rebuilding_an_empty_journal_gives_a_fresh_state()
    {
        var state = await JournalReplay.RebuildAsync(new InMemoryEventJournal(), Options());
        Assert.Equal(0, state.LastSequence);
        Assert.Empty(state.Calls);
    }
}

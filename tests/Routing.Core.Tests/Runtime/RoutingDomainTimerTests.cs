using Microsoft.Extensions.Time.Testing;
using Routing.Core.Agents;
using Routing.Core.Commands;
using Routing.Core.Engine;
using Routing.Core.Events;
using Routing.Runtime;
using static Routing.Core.Tests.Runtime.RuntimeTestKit;

namespace Routing.Core.Tests.Runtime;

public sealed class RoutingDomainTimerTests
{
    [Fact]
    public async Task Ring_no_answer_fires_on_virtual_time_without_any_command()
    {
        var time = new FakeTimeProvider();
        var journal = new InMemoryEventJournal();
        await using var domain = NewDomain(time, journal);
        using var events = domain.Subscribe();
        await domain.ExecuteAsync(Agent("a1")).AsTask().WaitAsync(WaitLimit);
        await domain.ExecuteAsync(new SetReady("a1")).AsTask().WaitAsync(WaitLimit);
        var offer = await domain.ExecuteAsync(SchedulingCall("call-1")).AsTask().WaitAsync(WaitLimit);
        var offered = Assert.Single(offer.Events.OfType<CallOffered>());
        Assert.Equal("a1", offered.AgentId);

        // Just short of the ring timeout nothing fires. Commands run in order, so once a later command is answered,
        // any tick queued before it has run.
        time.Advance(RingTimeout - TimeSpan.FromMilliseconds(1));
        var probe = await domain.ExecuteAsync(AdvanceTime.Instance).AsTask().WaitAsync(WaitLimit);
        Assert.Empty(probe.Events);

        time.Advance(TimeSpan.FromMilliseconds(1));
        var timedOut = await NextAsync<OfferTimedOut>(events);
        Assert.Equal("call-1", timedOut.CallId);
        Assert.Equal(offered.At + RingTimeout, timedOut.At);
        Assert.Equal(1, timedOut.ConsecutiveMisses);
        Assert.Contains(journal.ToArray(), e => e is OfferTimedOut);

        // The agent's pause end is the next timer: the loop re-armed for it, and the call is offered again.
        var pause = NewEngine(time).State.Options.MissPause;
        time.Advance(pause);
        var available = await NextAsync<AgentBecameAvailable>(events);
        Assert.Equal(AvailabilityCause.PauseEnded, available.Cause);
        var reoffered = await NextAsync<CallOffered>(events);
        Assert.Equal(("call-1", "a1"), (reoffered.CallId, reoffered.AgentId));

        // A second miss in a row leaves the agent not ready with no timer; the domain goes quiet.
        time.Advance(RingTimeout);
        var second = await NextAsync<OfferTimedOut>(events);
        Assert.Equal(2, second.ConsecutiveMisses);
        Assert.Null(second.ResumeAt);
    }

    [Fact]
    public async Task Timers_of_a_rebuilt_state_are_armed_when_the_domain_starts()
    {
        var time = new FakeTimeProvider();
        var journal = new InMemoryEventJournal();
        await using (var first = NewDomain(time, journal))
        {
            await first.ExecuteAsync(Agent("a1")).AsTask().WaitAsync(WaitLimit);
            await first.ExecuteAsync(new SetReady("a1")).AsTask().WaitAsync(WaitLimit);
            await first.ExecuteAsync(SchedulingCall("call-1")).AsTask().WaitAsync(WaitLimit);
        }

        var state = await JournalReplay.RebuildAsync(journal, Options()).WaitAsync(WaitLimit);
        await using var second = new RoutingDomain(new RoutingEngine(state, Rules, time), journal, time);
        using var events = second.Subscribe();

        time.Advance(RingTimeout);
        var timedOut = await NextAsync<OfferTimedOut>(events);
        Assert.Equal(("call-1", "a1"), (timedOut.CallId, timedOut.AgentId));
        Assert.Equal(timedOut.Sequence, journal.LastSequence);
    }

    [Fact]
    public async Task Timer_events_carried_by_a_refused_command_are_journaled_and_published()
    {
        // Timers never fire here, so the due ring timeout is noticed by the next command, which is refused.
        var clock = new FakeTimeProvider();
        var time = new SilentTimersTimeProvider(clock);
        var journal = new InMemoryEventJournal();
        await using var domain = new RoutingDomain(NewEngine(time), journal, time);
        using var events = domain.Subscribe();
        await domain.ExecuteAsync(Agent("a1")).AsTask().WaitAsync(WaitLimit);
        await domain.ExecuteAsync(new SetReady("a1")).AsTask().WaitAsync(WaitLimit);
        await domain.ExecuteAsync(SchedulingCall("call-1")).AsTask().WaitAsync(WaitLimit);

        clock.Advance(RingTimeout);
        var refused = await domain.ExecuteAsync(new SetReady("nobody")).AsTask().WaitAsync(WaitLimit);

        Assert.False(refused.Succeeded);
        var timedOut = Assert.IsType<OfferTimedOut>(Assert.Single(refused.Events));
        Assert.Equal(timedOut.Sequence, journal.LastSequence);
        Assert.Same(timedOut, await NextAsync<OfferTimedOut>(events));
        var rebuilt = await JournalReplay.RebuildAsync(journal, Options()).WaitAsync(WaitLimit);
        Assert.Equal(AgentStatus.NotReady, rebuilt.FindAgent("a1")!.Status);
    }

    /// <summary>The clock of a <see cref="FakeTimeProvider"/>, with timers that never fire.</summary>
    private sealed class SilentTimersTimeProvider(FakeTimeProvider clock) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new SilentTimer();

        private sealed class SilentTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}

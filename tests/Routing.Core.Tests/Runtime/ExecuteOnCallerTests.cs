using Microsoft.Extensions.Time.Testing;
using Routing.Core.Agents;
using Routing.Core.Commands;
using Routing.Core.Events;
using Routing.Runtime;
using static Routing.Core.Tests.Runtime.RuntimeTestKit;

namespace Routing.Core.Tests.Runtime;

/// <summary>
/// With the in-memory journal a caller executes its command on its own thread (RoutingDomainOptions.ExecuteOnCaller):
/// what the caller and subscribers see must be what the loop would have given them.
/// </summary>
public sealed class ExecuteOnCallerTests
{
    [Fact]
    public async Task The_answer_comes_back_at_once_with_its_events_already_journaled_and_published()
    {
        var time = new FakeTimeProvider();
        var journal = new InMemoryEventJournal();
        await using var domain = NewDomain(time, journal);
        using var subscription = domain.Subscribe();

        var pending = domain.ExecuteAsync(Agent("a1"));

        Assert.True(pending.IsCompletedSuccessfully, "no hop to the loop and back");
        var result = await pending;
        Assert.True(result.Succeeded);
        Assert.Equal(result.Events, journal.ToArray());
        Assert.Equal(result.Events, Drain(subscription));
    }

    [Fact]
    public async Task With_it_turned_off_the_loop_executes_and_callers_see_the_same()
    {
        var time = new FakeTimeProvider();
        var journal = new InMemoryEventJournal();
        await using var domain = NewDomain(time, journal, new RoutingDomainOptions { ExecuteOnCaller = false });
        using var subscription = domain.Subscribe();

        var result = await domain.ExecuteAsync(Agent("a1")).AsTask().WaitAsync(WaitLimit);

        Assert.True(result.Succeeded);
        Assert.Equal(result.Events, journal.ToArray());
        Assert.Equal(result.Events, await Task.Run(async () =>
        {
            var events = new List<RoutingEvent>();
            while (events.Count < result.Events.Count)
            {
                events.Add(await subscription.Reader.ReadAsync());
            }

            return events;
        }).WaitAsync(WaitLimit));
    }

    [Fact]
    public async Task Callers_on_many_threads_and_timers_firing_on_the_loop_keep_one_gapless_sequence_and_a_sound_state()
    {
        var time = new FakeTimeProvider();
        var journal = new InMemoryEventJournal();
        var engine = NewEngine(time);
        await using var domain = new RoutingDomain(engine, journal, time, new RoutingDomainOptions { SubscriberBufferCapacity = 1_000_000 });
        using var subscription = domain.Subscribe();

        // Agents take calls; unanswered offers ring out on the loop's timer ticks while callers keep executing.
        const int Threads = 4;
        const int CallsPerThread = 300;
        using var stop = new CancellationTokenSource();
        var clock = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                time.Advance(TimeSpan.FromSeconds(5));
                await Task.Yield();
            }
        });
        var callers = Enumerable.Range(0, Threads).Select(t => Task.Run(async () =>
        {
            var agent = $"agent-{t}";
            Assert.True((await domain.ExecuteAsync(Agent(agent))).Succeeded);
            Assert.True((await domain.ExecuteAsync(new SetReady(agent))).Succeeded);
            for (var c = 0; c < CallsPerThread; c++)
            {
                Assert.True((await domain.ExecuteAsync(SchedulingCall($"call-{t}-{c}"))).Succeeded);
                if (c % 3 == 0)
                {
                    // Refused or not (the offer may have rung out), the answer is the engine's, never a lost command.
                    await domain.ExecuteAsync(new SetReady(agent));
                }

                if (c % 20 == 0)
                {
                    // Let the clock move on (offers ring out) before going on, so ticks and callers interleave.
                    var now = time.GetUtcNow();
                    Assert.True(SpinWait.SpinUntil(() => time.GetUtcNow() >= now + RingTimeout, WaitLimit));
                }
            }
        }));
        await Task.WhenAll(callers).WaitAsync(WaitLimit);
        await stop.CancelAsync();
        await clock.WaitAsync(WaitLimit);
        await domain.StopAsync().WaitAsync(WaitLimit);

        var journaled = journal.ToArray();
        Assert.Equal(engine.State.LastSequence, journaled[^1].Sequence);
        AssertContiguous(journaled, 1, engine.State.LastSequence);
        Assert.Equal(journaled, await ReadToEndAsync(subscription).WaitAsync(WaitLimit));
        Assert.Equal(Threads * CallsPerThread, journaled.OfType<CallArrived>().Count());
        Assert.Contains(journaled, e => e is OfferTimedOut);
        Assert.Empty(engine.State.CheckInvariants());
        var rebuilt = await JournalReplay.RebuildAsync(journal, engine.State.Options).WaitAsync(WaitLimit);
        Assert.Equal(engine.State.LastSequence, rebuilt.LastSequence);
        Assert.Equal(engine.State.Calls.Count, rebuilt.Calls.Count);
    }

    [Fact]
    public async Task A_callers_failed_append_stops_the_domain_and_everything_after_it_is_refused()
    {
        var time = new FakeTimeProvider();
        var journal = new InMemoryEventJournal();

        // The journal already holds event 1, which a fresh engine does not know: its first append cannot continue it.
        await using (var earlier = NewDomain(time, journal))
        {
            Assert.True((await earlier.ExecuteAsync(Agent("earlier")).AsTask().WaitAsync(WaitLimit)).Succeeded);
        }

        var domain = NewDomain(time, journal);
        using var subscription = domain.Subscribe();

        var failed = await Assert.ThrowsAsync<RoutingDomainStoppedException>(() => domain.ExecuteAsync(Agent("a1")).AsTask().WaitAsync(WaitLimit));
        Assert.True(failed.Faulted);
        Assert.IsType<InvalidOperationException>(failed.InnerException);

        var later = await Assert.ThrowsAsync<RoutingDomainStoppedException>(() => domain.ExecuteAsync(Agent("a2")).AsTask().WaitAsync(WaitLimit));
        Assert.True(later.Faulted);
        await Assert.ThrowsAsync<RoutingDomainStoppedException>(() => domain.Completion.WaitAsync(WaitLimit));
        await Assert.ThrowsAsync<RoutingDomainStoppedException>(() => ReadToEndAsync(subscription).WaitAsync(WaitLimit));
        Assert.Single(journal.ToArray());
        await domain.DisposeAsync();
    }
}

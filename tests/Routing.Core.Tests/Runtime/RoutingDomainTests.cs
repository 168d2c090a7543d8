using Microsoft.Extensions.Time.Testing;
using Routing.Core.Agents;
using Routing.Core.Commands;
using Routing.Core.Events;
using Routing.Runtime;
using static Routing.Core.Tests.Runtime.RuntimeTestKit;

namespace Routing.Core.Tests.Runtime;

public sealed class RoutingDomainTests
{
    [Fact]
    public async Task Concurrent_commands_all_complete_with_contiguous_events_in_journal_and_subscriber()
    {
        var time = new FakeTimeProvider();
        var journal = new InMemoryEventJournal();
        await using var domain = NewDomain(time, journal, new RoutingDomainOptions { SubscriberBufferCapacity = 100_000 });
        using var subscription = domain.Subscribe();

        const int Tasks = 16;
        const int AgentsPerTask = 40;
        var results = await Task.WhenAll(Enumerable.Range(0, Tasks).Select(t => Task.Run(async () =>
        {
            var mine = new List<RoutingResult>();
            for (var a = 0; a < AgentsPerTask; a++)
            {
                var id = $"agent-{t}-{a}";
                mine.Add(await domain.ExecuteAsync(Agent(id)));
                mine.Add(await domain.ExecuteAsync(new SetReady(id)));
                mine.Add(await domain.ExecuteAsync(new SetNotReady(id, "break")));
            }

            return mine;
        }))).WaitAsync(WaitLimit);

        Assert.All(results.SelectMany(r => r), r => Assert.True(r.Succeeded, r.Error?.ToString()));
        await domain.StopAsync().WaitAsync(WaitLimit);

        const int Expected = Tasks * AgentsPerTask * 3;
        var journaled = journal.ToArray();
        AssertContiguous(journaled, 1, Expected);
        var published = await ReadToEndAsync(subscription).WaitAsync(WaitLimit);
        AssertContiguous(published, 1, Expected);
        Assert.Equal(journaled, published);

        // Each caller's own events keep its order: logged in, then available, then not ready.
        foreach (var agent in journaled.OfType<AgentEvent>().GroupBy(e => e.AgentId))
        {
            Assert.Collection(
                agent,
                e => Assert.IsType<AgentLoggedIn>(e),
                e => Assert.IsType<AgentBecameAvailable>(e),
                e => Assert.IsType<AgentNotReady>(e));
        }
    }

    [Fact]
    public async Task Reply_is_released_only_after_the_journal_append()
    {
        var time = new FakeTimeProvider();
        var journal = new ControlledJournal();
        await using var domain = NewDomain(time, journal);
        using var subscription = domain.Subscribe();
        var (started, release) = journal.HoldNextAppend();

        var pending = domain.ExecuteAsync(Agent("a1")).AsTask();
        await started.WaitAsync(WaitLimit);

        // Executed (the engine emitted), but not durable: no reply, nothing published.
        Assert.False(pending.IsCompleted);
        Assert.Equal(0, journal.Inner.LastSequence);
        Assert.False(subscription.Reader.TryRead(out _));

        release.SetResult();
        var result = await pending.WaitAsync(WaitLimit);
        Assert.True(result.Succeeded);
        Assert.Equal(result.Events[^1].Sequence, journal.Inner.LastSequence);

        // Published before the reply was released.
        Assert.True(subscription.Reader.TryRead(out var published));
        Assert.Same(result.Events[0], published);
    }

    [Fact]
    public async Task A_failing_journal_stops_the_domain_and_nothing_after_it_is_acknowledged()
    {
        var time = new FakeTimeProvider();
        var journal = new ControlledJournal();
        var engine = NewEngine(time);
        var domain = new RoutingDomain(engine, journal, time);
        using var subscription = domain.Subscribe();

        var first = await domain.ExecuteAsync(Agent("a1")).AsTask().WaitAsync(WaitLimit);
        Assert.True(first.Succeeded);

        // The second command's append fails; a third is queued behind it while that append is held.
        var (started, release) = journal.HoldNextAppend();
        journal.FailNextAppend(new IOException("disk full"));
        var second = domain.ExecuteAsync(Agent("a2")).AsTask();
        await started.WaitAsync(WaitLimit);
        var third = domain.ExecuteAsync(Agent("a3")).AsTask();
        release.SetResult();

        var secondError = await Assert.ThrowsAsync<RoutingDomainStoppedException>(() => second.WaitAsync(WaitLimit));
        Assert.IsType<IOException>(secondError.InnerException);
        Assert.True(secondError.Faulted);
        var thirdError = await Assert.ThrowsAsync<RoutingDomainStoppedException>(() => third.WaitAsync(WaitLimit));
        Assert.IsType<IOException>(thirdError.InnerException);

        // Later commands are refused at the door.
        var later = await Assert.ThrowsAsync<RoutingDomainStoppedException>(() => domain.ExecuteAsync(Agent("a4")).AsTask().WaitAsync(WaitLimit));
        Assert.IsType<IOException>(later.InnerException);

        // Only the acknowledged command is durable. The engine may have executed a3 ahead of the failed commit, but
        // it was never acknowledged nor journaled, and a restart does not know it; a4 never reached the engine.
        Assert.Equal(first.Events, journal.Inner.ToArray());
        Assert.Null(engine.State.FindAgent("a4"));
        var rebuilt = await JournalReplay.RebuildAsync(journal, engine.State.Options).WaitAsync(WaitLimit);
        Assert.NotNull(rebuilt.FindAgent("a1"));
        Assert.Null(rebuilt.FindAgent("a2"));
        Assert.Null(rebuilt.FindAgent("a3"));

        // Subscribers and the domain's completion report the fault; stopping does not throw.
        var published = new List<RoutingEvent>();
        var subscriptionError = await Assert.ThrowsAsync<RoutingDomainStoppedException>(() => ReadToEndAsync(subscription, published).WaitAsync(WaitLimit));
        Assert.IsType<IOException>(subscriptionError.InnerException);
        Assert.Equal(first.Events, published);
        await Assert.ThrowsAsync<RoutingDomainStoppedException>(() => domain.Completion.WaitAsync(WaitLimit));
        await domain.DisposeAsync();
    }

    [Fact]
    public async Task Group_commit_appends_many_commands_at_once()
    {
        var time = new FakeTimeProvider();
        var journal = new ControlledJournal();
        await using var domain = NewDomain(time, journal);
        var (started, release) = journal.HoldNextAppend();

        var first = domain.ExecuteAsync(Agent("a0")).AsTask();
        await started.WaitAsync(WaitLimit);

        const int Commands = 100;
        var queued = Enumerable.Range(1, Commands).Select(i => domain.ExecuteAsync(Agent($"a{i}")).AsTask()).ToArray();
        Assert.DoesNotContain(queued, t => t.IsCompleted);

        release.SetResult();
        var results = await Task.WhenAll(queued.Prepend(first)).WaitAsync(WaitLimit);

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.True(journal.Appends < Commands, $"{journal.Appends} appends for {Commands + 1} commands");

        // Deterministic here: the held append, then one batch for everything that queued behind it.
        Assert.Equal(2, journal.Appends);
        AssertContiguous(journal.Inner.ToArray(), 1, Commands + 1);
    }

    [Fact]
    public async Task The_next_batch_executes_while_the_previous_commits_and_is_answered_only_after_its_own_commit()
    {
        var time = new FakeTimeProvider();
        var journal = new ControlledJournal();
        var engine = NewEngine(time);
        await using var domain = new RoutingDomain(engine, journal, time);
        using var subscription = domain.Subscribe();
        var (firstStarted, releaseFirst) = journal.HoldNextAppend();
        var first = domain.ExecuteAsync(Agent("a1")).AsTask();
        await firstStarted.WaitAsync(WaitLimit);
        var afterFirst = engine.State.LastSequence;

        var (secondStarted, releaseSecond) = journal.HoldNextAppend();
        var second = domain.ExecuteAsync(Agent("a2")).AsTask();
        Assert.True(SpinWait.SpinUntil(() => engine.State.LastSequence > afterFirst, WaitLimit), "a2 executed while a1 was committing");
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);

        releaseFirst.SetResult();
        Assert.True((await first.WaitAsync(WaitLimit)).Succeeded);
        await secondStarted.WaitAsync(WaitLimit);
        Assert.False(second.IsCompleted, "a2 is not answered before its own commit");

        // Subscribers hear of a1's events only; a2's are not durable yet.
        var published = new List<RoutingEvent>();
        while (subscription.Reader.TryRead(out var e))
        {
            published.Add(e);
        }

        Assert.NotEmpty(published);
        Assert.All(published, e => Assert.True(e.Sequence <= afterFirst));

        releaseSecond.SetResult();
        Assert.True((await second.WaitAsync(WaitLimit)).Succeeded);
        Assert.Equal(2, journal.Appends);
        AssertContiguous(journal.Inner.ToArray(), 1, engine.State.LastSequence);
    }

    [Fact]
    public async Task A_failed_commit_fails_its_batch_and_the_batch_executed_ahead_but_keeps_the_committed_one()
    {
        var time = new FakeTimeProvider();
        var journal = new ControlledJournal();
        var engine = NewEngine(time);
        var domain = new RoutingDomain(engine, journal, time);
        var (firstStarted, releaseFirst) = journal.HoldNextAppend();
        var first = domain.ExecuteAsync(Agent("a1")).AsTask();
        await firstStarted.WaitAsync(WaitLimit);
        var afterFirst = engine.State.LastSequence;

        var (secondStarted, releaseSecond) = journal.HoldNextAppend();
        var second = domain.ExecuteAsync(Agent("a2")).AsTask();
        Assert.True(SpinWait.SpinUntil(() => engine.State.LastSequence > afterFirst, WaitLimit));
        releaseFirst.SetResult();
        Assert.True((await first.WaitAsync(WaitLimit)).Succeeded);

        await secondStarted.WaitAsync(WaitLimit);
        var third = domain.ExecuteAsync(Agent("a3")).AsTask();
        journal.FailNextAppend(new IOException("disk full"));
        releaseSecond.SetResult();

        await Assert.ThrowsAsync<RoutingDomainStoppedException>(() => second.WaitAsync(WaitLimit));
        await Assert.ThrowsAsync<RoutingDomainStoppedException>(() => third.WaitAsync(WaitLimit));
        await Assert.ThrowsAsync<RoutingDomainStoppedException>(() => domain.Completion.WaitAsync(WaitLimit));
        Assert.Equal(afterFirst, journal.Inner.ToArray()[^1].Sequence);
    }

    [Fact]
    public async Task A_snapshot_is_written_in_the_background_while_commands_go_on_and_holds_exactly_a_durable_state()
    {
        var time = new FakeTimeProvider();
        using var journal = new HeldSnapshotJournal();
        var engine = NewEngine(time);
        var domain = new RoutingDomain(engine, journal, time, new RoutingDomainOptions { SnapshotEvery = 1 });
        Assert.True((await domain.ExecuteAsync(Agent("a1")).AsTask().WaitAsync(WaitLimit)).Succeeded);
        var afterFirst = engine.State.LastSequence;

        // The next command finds a snapshot due: it is captured, then written while a2 and a3 are answered.
        Assert.True((await domain.ExecuteAsync(Agent("a2")).AsTask().WaitAsync(WaitLimit)).Succeeded);
        var saving = await journal.Saving.WaitAsync(WaitLimit);
        Assert.True((await domain.ExecuteAsync(Agent("a3")).AsTask().WaitAsync(WaitLimit)).Succeeded);
        Assert.Null(journal.Saved);
        Assert.Equal(afterFirst, saving.LastSequence);

        journal.Release();
        await domain.StopAsync().WaitAsync(WaitLimit);
        Assert.Same(saving, journal.Saved);
        var restored = Routing.Core.Engine.RoutingState.Restore(engine.State.Options, saving);
        Assert.NotNull(restored.FindAgent("a1"));
        Assert.Null(restored.FindAgent("a2"));
    }

    [Fact]
    public async Task Snapshots_are_spaced_by_the_size_of_the_state_so_a_growing_backlog_does_not_pay_one_every_few_events()
    {
        var time = new FakeTimeProvider();
        var journal = new RecordingSnapshotJournal();
        var engine = NewEngine(time);
        var domain = new RoutingDomain(engine, journal, time, new RoutingDomainOptions { SnapshotEvery = 1, SnapshotEventsPerItem = 3 });
        for (var i = 0; i < 60; i++)
        {
            Assert.True((await domain.ExecuteAsync(SchedulingCall($"c{i}")).AsTask().WaitAsync(WaitLimit)).Succeeded);
        }

        await domain.StopAsync().WaitAsync(WaitLimit);
        var saved = journal.Saved;
        Assert.True(saved.Count >= 2, $"expected several snapshots, got {saved.Count}");
        for (var i = 1; i < saved.Count; i++)
        {
            var items = saved[i - 1].Calls.Count + saved[i - 1].Agents.Count;
            Assert.True(saved[i].LastSequence - saved[i - 1].LastSequence >= 3 * items, $"snapshot {i} came {saved[i].LastSequence - saved[i - 1].LastSequence} events after one holding {items} items");
        }

        // Every queued call costs events, so a fixed interval of 1 would have snapshotted after nearly every command.
        Assert.True(saved.Count < 20, $"{saved.Count} snapshots for 60 calls");
    }

    [Fact]
    public async Task A_command_canceled_while_queued_is_never_executed()
    {
        var time = new FakeTimeProvider();
        var journal = new ControlledJournal();
        var engine = NewEngine(time);
        await using var domain = new RoutingDomain(engine, journal, time);
        var (started, release) = journal.HoldNextAppend();
        var first = domain.ExecuteAsync(Agent("a1")).AsTask();
        await started.WaitAsync(WaitLimit);

        // The loop executes a few batches ahead of the commit in flight, then waits for it: what is queued after
        // those stays queued until the release.
        var ahead = new List<Task<RoutingResult>>();
        foreach (var id in new[] { "a1b", "a1c", "a1d" })
        {
            var before = engine.State.LastSequence;
            ahead.Add(domain.ExecuteAsync(Agent(id)).AsTask());
            Assert.True(SpinWait.SpinUntil(() => engine.State.LastSequence > before, WaitLimit), $"the batch ahead ({id}) was executed");
        }

        using var cts = new CancellationTokenSource();
        var canceled = domain.ExecuteAsync(Agent("a2"), cts.Token).AsTask();
        var kept = domain.ExecuteAsync(Agent("a3")).AsTask();
        await cts.CancelAsync();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled.WaitAsync(WaitLimit));
        Assert.True((await kept.WaitAsync(WaitLimit)).Succeeded);
        Assert.True((await first.WaitAsync(WaitLimit)).Succeeded);
        foreach (var task in ahead)
        {
            Assert.True((await task.WaitAsync(WaitLimit)).Succeeded);
        }

        Assert.Null(engine.State.FindAgent("a2"));
        Assert.DoesNotContain(journal.Inner.ToArray(), e => e is AgentLoggedIn { AgentId: "a2" });
    }

    [Fact]
    public async Task Stop_lets_queued_commands_finish_then_refuses_new_ones()
    {
        var time = new FakeTimeProvider();
        var journal = new ControlledJournal();
        var domain = NewDomain(time, journal);
        using var subscription = domain.Subscribe();
        var (started, release) = journal.HoldNextAppend();
        var first = domain.ExecuteAsync(Agent("a0")).AsTask();
        await started.WaitAsync(WaitLimit);
        var queued = Enumerable.Range(1, 10).Select(i => domain.ExecuteAsync(Agent($"a{i}")).AsTask()).ToArray();

        var stopping = domain.StopAsync();
        var refused = await Assert.ThrowsAsync<RoutingDomainStoppedException>(() => domain.ExecuteAsync(Agent("late")).AsTask().WaitAsync(WaitLimit));
        Assert.False(refused.Faulted);
        Assert.False(stopping.IsCompleted);

        release.SetResult();
        await stopping.WaitAsync(WaitLimit);
        Assert.All(await Task.WhenAll(queued.Prepend(first)), r => Assert.True(r.Succeeded));
        await domain.Completion.WaitAsync(WaitLimit);

        // The subscription ends normally, after every durable event.
        var published = await ReadToEndAsync(subscription).WaitAsync(WaitLimit);
        AssertContiguous(published, 1, 11);
        Assert.Equal(journal.Inner.ToArray(), published);

        // Stopping twice is fine.
        await domain.DisposeAsync();
    }

    [Fact]
    public async Task A_refused_command_is_answered_with_the_engine_error_and_nothing_journaled()
    {
        var time = new FakeTimeProvider();
        var journal = new InMemoryEventJournal();
        await using var domain = NewDomain(time, journal);

        var result = await domain.ExecuteAsync(new SetReady("nobody")).AsTask().WaitAsync(WaitLimit);

        Assert.False(result.Succeeded);
        Assert.Equal(RoutingErrorCode.NotFound, result.Error!.Code);
        Assert.Empty(result.Events);
        Assert.Equal(0, journal.LastSequence);
    }

    [Fact]
    public async Task Clinician_and_call_commands_flow_through_the_domain()
    {
        var time = new FakeTimeProvider();
        var journal = new InMemoryEventJournal();
        await using var domain = NewDomain(time, journal);

        Assert.True((await domain.ExecuteAsync(Agent("a1")).AsTask().WaitAsync(WaitLimit)).Succeeded);
        Assert.True((await domain.ExecuteAsync(new SetReady("a1")).AsTask().WaitAsync(WaitLimit)).Succeeded);
        var offer = await domain.ExecuteAsync(SchedulingCall("call-1")).AsTask().WaitAsync(WaitLimit);
        var accept = await domain.ExecuteAsync(new AcceptOffer("a1", "call-1")).AsTask().WaitAsync(WaitLimit);

        Assert.IsType<OfferCallReply>(offer.Reply);
        Assert.Contains(offer.Events, e => e is CallOffered { AgentId: "a1" });
        Assert.Contains(accept.Events, e => e is CallAccepted { AgentId: "a1" });
        Assert.Equal(accept.Events[^1].Sequence, journal.LastSequence);
        Assert.Equal(AgentStatus.OnCall, ((AgentReply)accept.Reply!).Status);
    }
}

using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using Routing.Core.Events;
using Routing.Runtime;
using static Routing.Core.Tests.Runtime.RuntimeTestKit;

namespace Routing.Core.Tests.Runtime;

public sealed class RoutingDomainSubscriptionTests
{
    [Fact]
    public async Task A_subscriber_that_never_reads_does_not_block_the_loop_and_ends_lagged()
    {
        var time = new FakeTimeProvider();
        var journal = new InMemoryEventJournal();
        var options = new RoutingDomainOptions();
        await using var domain = NewDomain(time, journal, options);
        using var stalled = domain.Subscribe();
        using var reading = domain.Subscribe();
        var received = new List<RoutingEvent>();

        // Chunks keep the reading subscriber within its buffer; it drains what each chunk published (published
        // before the replies, so already buffered) while the stalled one never reads.
        const int Commands = 10_000;
        const int Chunk = 250;
        for (var start = 0; start < Commands; start += Chunk)
        {
            var chunk = Enumerable.Range(start, Chunk).Select(i => domain.ExecuteAsync(Agent($"agent-{i}")).AsTask());
            Assert.All(await Task.WhenAll(chunk).WaitAsync(WaitLimit), r => Assert.True(r.Succeeded));
            received.AddRange(Drain(reading));
        }

        AssertContiguous(received, 1, Commands);
        AssertContiguous(journal.ToArray(), 1, Commands);

        // The stalled subscriber got its buffer's worth, in order, then the reason it was cut off.
        var capacity = options.SubscriberBufferCapacity;
        var buffered = new List<RoutingEvent>();
        var lagged = await Assert.ThrowsAsync<SubscriberLaggedException>(() => ReadToEndAsync(stalled, buffered).WaitAsync(WaitLimit));
        Assert.Equal(capacity, lagged.LastDeliveredSequence);
        Assert.Equal(capacity + 1, lagged.ResumeFrom);
        AssertContiguous(buffered, 1, capacity);
        await Assert.ThrowsAsync<SubscriberLaggedException>(() => stalled.Reader.Completion.WaitAsync(WaitLimit));

        // The reading subscriber is still live.
        await domain.ExecuteAsync(Agent("one-more")).AsTask().WaitAsync(WaitLimit);
        Assert.Equal(Commands + 1, (await reading.Reader.ReadAsync().AsTask().WaitAsync(WaitLimit)).Sequence);
    }

    [Fact]
    public async Task Commands_submitted_all_at_once_complete_despite_a_stalled_subscriber()
    {
        var time = new FakeTimeProvider();
        var journal = new InMemoryEventJournal();
        await using var domain = NewDomain(time, journal, new RoutingDomainOptions { SubscriberBufferCapacity = 16 });
        using var stalled = domain.Subscribe();

        var all = Enumerable.Range(0, 10_000).Select(i => domain.ExecuteAsync(Agent($"agent-{i}")).AsTask()).ToArray();
        Assert.All(await Task.WhenAll(all).WaitAsync(WaitLimit), r => Assert.True(r.Succeeded));

        var lagged = await Assert.ThrowsAsync<SubscriberLaggedException>(() => ReadToEndAsync(stalled).WaitAsync(WaitLimit));
        Assert.Equal(16, lagged.LastDeliveredSequence);

        // Resuming from where it was cut off continues without a gap.
        using var resumed = domain.Subscribe(lagged.ResumeFrom);
        await domain.StopAsync().WaitAsync(WaitLimit);
        AssertContiguous(await ReadToEndAsync(resumed).WaitAsync(WaitLimit), 17, 10_000);
    }

    [Fact]
    public async Task Subscribe_from_a_sequence_replays_history_then_continues_live_without_gaps_or_duplicates()
    {
        var time = new FakeTimeProvider();
        var journal = new InMemoryEventJournal();
        await using var domain = NewDomain(time, journal);
        for (var i = 0; i < 200; i++)
        {
            await domain.ExecuteAsync(Agent($"history-{i}")).AsTask().WaitAsync(WaitLimit);
        }

        // Four producers keep the loop publishing while subscriptions join at different points, so the switch from
        // replay to live races with publishing.
        const int Producers = 4;
        const int PerProducer = 450;
        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < PerProducer; i++)
            {
                await domain.ExecuteAsync(Agent($"live-{p}-{i}"));
            }
        })).ToArray();

        var subscriptions = new List<(long From, EventSubscription Subscription)>();
        for (var k = 0; k < 12; k++)
        {
            var from = 1 + (k * 97);
            subscriptions.Add((from, domain.Subscribe(from)));
            var target = 200 + (k * 120);
            while (journal.LastSequence < target && !producers.All(p => p.IsCompleted))
            {
                await Task.Yield();
            }
        }

        await Task.WhenAll(producers).WaitAsync(WaitLimit);

        // One that starts ahead of the journal sees only what comes after it.
        var last = journal.LastSequence;
        var ahead = domain.Subscribe(last + 3);
        subscriptions.Add((last + 3, ahead));
        for (var i = 0; i < 5; i++)
        {
            await domain.ExecuteAsync(Agent($"tail-{i}")).AsTask().WaitAsync(WaitLimit);
        }

        await domain.StopAsync().WaitAsync(WaitLimit);
        last = journal.LastSequence;
        Assert.Equal(200 + (Producers * PerProducer) + 5, last);
        foreach (var (from, subscription) in subscriptions)
        {
            using (subscription)
            {
                AssertContiguous(await ReadToEndAsync(subscription).WaitAsync(WaitLimit), from, last);
            }
        }
    }

    [Fact]
    public async Task Catch_up_reads_again_when_events_were_published_during_its_journal_read()
    {
        // A journal whose reads return a snapshot (as a database read would) and whose first read waits for the test:
        // everything published meanwhile is missing from that snapshot, and the catch-up must notice and read again.
        var time = new FakeTimeProvider();
        var journal = new SnapshotJournal();
        await using var domain = NewDomain(time, journal);
        for (var i = 0; i < 100; i++)
        {
            await domain.ExecuteAsync(Agent($"history-{i}")).AsTask().WaitAsync(WaitLimit);
        }

        var (readStarted, releaseRead) = journal.HoldNextRead();
        using var subscription = domain.Subscribe(1);
        await readStarted.WaitAsync(WaitLimit);
        for (var i = 0; i < 50; i++)
        {
            await domain.ExecuteAsync(Agent($"during-{i}")).AsTask().WaitAsync(WaitLimit);
        }

        releaseRead.SetResult();
        var received = new List<RoutingEvent>();
        while (received.Count < 150)
        {
            received.Add(await subscription.Reader.ReadAsync().AsTask().WaitAsync(WaitLimit));
        }

        // Now live.
        for (var i = 0; i < 10; i++)
        {
            await domain.ExecuteAsync(Agent($"after-{i}")).AsTask().WaitAsync(WaitLimit);
        }

        await domain.StopAsync().WaitAsync(WaitLimit);
        await ReadToEndAsync(subscription, received).WaitAsync(WaitLimit);
        AssertContiguous(received, 1, 160);
        Assert.Equal(2, journal.Reads);
    }

    [Fact]
    public async Task Subscribe_from_a_sequence_after_stop_replays_the_journal_and_ends()
    {
        var time = new FakeTimeProvider();
        var journal = new InMemoryEventJournal();
        var domain = NewDomain(time, journal);
        for (var i = 0; i < 10; i++)
        {
            await domain.ExecuteAsync(Agent($"a{i}")).AsTask().WaitAsync(WaitLimit);
        }

        await domain.StopAsync().WaitAsync(WaitLimit);

        using var history = domain.Subscribe(4);
        AssertContiguous(await ReadToEndAsync(history).WaitAsync(WaitLimit), 4, 10);
        using var live = domain.Subscribe();
        Assert.Empty(await ReadToEndAsync(live).WaitAsync(WaitLimit));
    }

    [Fact]
    public async Task A_disposed_subscription_ends_and_stops_receiving()
    {
        var time = new FakeTimeProvider();
        var journal = new InMemoryEventJournal();
        await using var domain = NewDomain(time, journal, new RoutingDomainOptions { SubscriberBufferCapacity = 2 });
        var subscription = domain.Subscribe();
        await domain.ExecuteAsync(Agent("a1")).AsTask().WaitAsync(WaitLimit);

        subscription.Dispose();
        for (var i = 2; i < 6; i++)
        {
            await domain.ExecuteAsync(Agent($"a{i}")).AsTask().WaitAsync(WaitLimit);
        }

        // Completed normally (not lagged): what was buffered, then the end.
        AssertContiguous(await ReadToEndAsync(subscription).WaitAsync(WaitLimit), 1, 1);

        // A catch-up blocked on a full buffer ends when disposed, too.
        var catchingUp = domain.Subscribe(1);
        catchingUp.Dispose();
        var replayed = await ReadToEndAsync(catchingUp).WaitAsync(WaitLimit);
        Assert.InRange(replayed.Count, 0, 2);
        AssertContiguous(replayed, 1, replayed.Count);
    }

    [Fact]
    public async Task Subscribe_rejects_a_sequence_before_the_first()
    {
        var time = new FakeTimeProvider();
        await using var domain = NewDomain(time, new InMemoryEventJournal());
        Assert.Throws<ArgumentOutOfRangeException>(() => domain.Subscribe(0));
    }
}

/// <summary>An in-memory journal whose reads return what it held when the read began; the next read can be held.</summary>
internal sealed class SnapshotJournal : IEventJournal
{
    private readonly InMemoryEventJournal _inner = new();
    private TaskCompletionSource? _readStarted;
    private TaskCompletionSource? _readGate;
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    public (Task Started, TaskCompletionSource Release) HoldNextRead()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _readStarted, started);
        Volatile.Write(ref _readGate, release);
        return (started.Task, release);
    }

    public ValueTask AppendAsync(IReadOnlyList<RoutingEvent> events, CancellationToken cancellationToken) =>
        _inner.AppendAsync(events, cancellationToken);

    public async IAsyncEnumerable<RoutingEvent> ReadAllAsync(long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        var snapshot = _inner.ToArray().Where(e => e.Sequence >= fromSequence).ToArray();
        if (Interlocked.Exchange(ref _readGate, null) is { } gate)
        {
            Interlocked.Exchange(ref _readStarted, null)!.TrySetResult();
            await gate.Task.WaitAsync(cancellationToken);
        }

        foreach (var e in snapshot)
        {
            yield return e;
        }
    }
}

using Microsoft.Extensions.Time.Testing;
using Routing.Core.Agents;
using Routing.Core.Commands;
using Routing.Core.Configuration;
using Routing.Core.Engine;
using Routing.Core.Events;
using Routing.Core.Snapshots;
using Routing.Core.Triage;
using Routing.Runtime;

namespace Routing.Core.Tests.Runtime;

/// <summary>Builds engines and domains on virtual time, and the commands the runtime tests send.</summary>
internal static class RuntimeTestKit
{
    /// <summary>Safety net for awaits only; a passing test never waits this long.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan RingTimeout = TimeSpan.FromSeconds(20);

    private static readonly Lazy<TriageRuleSet> LazyRules = new(TriageRuleSetLoader.LoadDefault);

    public static TriageRuleSet Rules => LazyRules.Value;

    public static RoutingOptions Options() => new()
    {
        Queues =
        [
            new QueueDefinition { Id = "scheduling", RingTimeout = RingTimeout },
            new QueueDefinition { Id = "prescriptions" },
            new QueueDefinition { Id = "billing" },
            new QueueDefinition { Id = "clinical-triage", Clinical = true },
            new QueueDefinition { Id = "senior-line" },
        ],
    };

    public static RoutingEngine NewEngine(TimeProvider time, RoutingOptions? options = null) => new(options ?? Options(), Rules, time);

    public static RoutingDomain NewDomain(FakeTimeProvider time, IEventJournal journal, RoutingDomainOptions? options = null) =>
        new(NewEngine(time), journal, time, options);

    public static LogIn Agent(string id, AgentRole role = AgentRole.NonClinical) => new(id, role, []);

    public static OfferCall SchedulingCall(string id) => new(id, new TriageInput { ReasonCode = "SCHEDULING" });

    /// <summary>Reads until an event of type <typeparamref name="T"/> matching <paramref name="match"/> arrives.</summary>
    public static async Task<T> NextAsync<T>(EventSubscription subscription, Func<T, bool>? match = null)
        where T : RoutingEvent
    {
        while (true)
        {
            var e = await subscription.Reader.ReadAsync().AsTask().WaitAsync(WaitLimit);
            if (e is T t && (match is null || match(t)))
            {
                return t;
            }
        }
    }

    /// <summary>Reads a subscription to its end; rethrows how it ended, if not normally.</summary>
    public static async Task<List<RoutingEvent>> ReadToEndAsync(EventSubscription subscription, List<RoutingEvent>? into = null)
    {
        into ??= [];
        await foreach (var e in subscription.Reader.ReadAllAsync().WithCancellation(CancellationToken.None))
        {
            into.Add(e);
        }

        return into;
    }

    /// <summary>Takes what is already buffered, without waiting.</summary>
    public static List<RoutingEvent> Drain(EventSubscription subscription)
    {
        var events = new List<RoutingEvent>();
        while (subscription.Reader.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    public static void AssertContiguous(IReadOnlyList<RoutingEvent> events, long first, long last)
    {
        Assert.Equal(last - first + 1, events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(first + i, events[i].Sequence);
        }
    }
}

/// <summary>
/// A journal the test steers: it counts appends, can hold the next append until released, and can fail it.
/// Appended events land in <see cref="Inner"/>.
/// </summary>
internal sealed class ControlledJournal : IEventJournal
{
    private TaskCompletionSource? _gate;
    private TaskCompletionSource? _started;
    private Exception? _failNext;
    private int _appends;

    public InMemoryEventJournal Inner { get; } = new();

    public int Appends => Volatile.Read(ref _appends);

    /// <summary>Holds the next append. Returns when it started, and what releases it.</summary>
    public (Task Started, TaskCompletionSource Release) HoldNextAppend()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _started, started);
        Volatile.Write(ref _gate, release);
        return (started.Task, release);
    }

    public void FailNextAppend(Exception exception) => Volatile.Write(ref _failNext, exception);

    public async ValueTask AppendAsync(IReadOnlyList<RoutingEvent> events, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _appends);
        if (Interlocked.Exchange(ref _gate, null) is { } gate)
        {
            Interlocked.Exchange(ref _started, null)!.TrySetResult();
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (Interlocked.Exchange(ref _failNext, null) is { } failure)
        {
            throw failure;
        }

        await Inner.AppendAsync(events, cancellationToken);
    }

    public IAsyncEnumerable<RoutingEvent> ReadAllAsync(long fromSequence, CancellationToken cancellationToken) =>
        Inner.ReadAllAsync(fromSequence, cancellationToken);
}

/// <summary>An in-memory journal that also stores snapshots, and can hold a snapshot write until released.</summary>
internal sealed class HeldSnapshotJournal : IEventJournal, ISnapshotStore, IDisposable
{
    private readonly ManualResetEventSlim _release = new(false);
    private readonly TaskCompletionSource<RoutingStateSnapshot> _saving = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RoutingStateSnapshot? _saved;

    public InMemoryEventJournal Inner { get; } = new();

    /// <summary>Completes when a snapshot write has started (and is being held).</summary>
    public Task<RoutingStateSnapshot> Saving => _saving.Task;

    public RoutingStateSnapshot? Saved => Volatile.Read(ref _saved);

    public void Release() => _release.Set();

    public ValueTask AppendAsync(IReadOnlyList<RoutingEvent> events, CancellationToken cancellationToken) => Inner.AppendAsync(events, cancellationToken);

    public IAsyncEnumerable<RoutingEvent> ReadAllAsync(long fromSequence, CancellationToken cancellationToken) => Inner.ReadAllAsync(fromSequence, cancellationToken);

    public void SaveSnapshot(RoutingStateSnapshot snapshot)
    {
        _saving.TrySetResult(snapshot);
        _release.Wait(TimeSpan.FromSeconds(30));
        Volatile.Write(ref _saved, snapshot);
    }

    public RoutingStateSnapshot? LoadLatestSnapshot() => Saved;

    public void Dispose() => _release.Dispose();
}

/// <summary>An in-memory journal that keeps every snapshot it is given, in the order written.</summary>
internal sealed class RecordingSnapshotJournal : IEventJournal, ISnapshotStore
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<RoutingStateSnapshot> _saved = new();

    public InMemoryEventJournal Inner { get; } = new();

    public IReadOnlyList<RoutingStateSnapshot> Saved => [.. _saved];

    public ValueTask AppendAsync(IReadOnlyList<RoutingEvent> events, CancellationToken cancellationToken) => Inner.AppendAsync(events, cancellationToken);

    public IAsyncEnumerable<RoutingEvent> ReadAllAsync(long fromSequence, CancellationToken cancellationToken) => Inner.ReadAllAsync(fromSequence, cancellationToken);

    public void SaveSnapshot(RoutingStateSnapshot snapshot) => _saved.Enqueue(snapshot);

    public RoutingStateSnapshot? LoadLatestSnapshot() => _saved.LastOrDefault();
}

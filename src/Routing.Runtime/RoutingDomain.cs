using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Routing.Core.Commands;
using Routing.Core.Engine;
using Routing.Core.Events;

namespace Routing.Runtime;

/// <summary>
/// Runs one routing domain: a single loop owns the <see cref="RoutingEngine"/>, executes commands in arrival order,
/// makes their events durable in the <see cref="IEventJournal"/>, and only then answers the callers and publishes
/// the events to subscribers. Timers come due on the domain's <see cref="TimeProvider"/> with no command needed.
/// </summary>
/// <remarks>
/// <para>
/// The engine is single-threaded; once the domain is constructed only the loop touches it, except that with the
/// <see cref="InMemoryEventJournal"/> a caller may execute its own command on its thread when nothing is queued
/// (<see cref="RoutingDomainOptions.ExecuteOnCaller"/>), under the same lock the loop executes under. The
/// <see cref="TimeProvider"/> must be the one the engine was built with, and the journal must already hold every
/// event the engine's state was built from.
/// </para>
/// <para>
/// If the journal (or the engine) throws, the domain stops for good: the commands of the failing batch and every
/// later one fail with <see cref="RoutingDomainStoppedException"/>, and nothing is acknowledged after the last
/// successful append. The engine's in-memory state may then be ahead of the journal, so a faulted domain's engine
/// must be discarded and rebuilt with <see cref="JournalReplay.RebuildAsync"/>.
/// </para>
/// </remarks>
public sealed partial class RoutingDomain : IAsyncDisposable
{
    // Timers accept at most 0xfffffffe ms. A due time further out is armed at the limit; the early tick finds
    // nothing due and re-arms.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(0xfffffffe);

    private readonly RoutingEngine _engine;
    private readonly IEventJournal _journal;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly int _maxBatchSize;
    private readonly int _subscriberCapacity;
    private readonly JournalCommitter? _committer;

    // Batches executed but not yet answered: enough to keep the committer busy back to back, few enough that the
    // engine never runs far ahead of what is durable.
    private const int MaxBatchesInFlight = 4;
    private readonly Channel<WorkItem> _work;
    private readonly WorkItem _tick = WorkItem.Tick();
    private readonly ITimer _timer;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;

    // Held by whoever runs the engine: the loop around each batch, or a caller executing its own command (in-memory
    // journal only, see TryExecuteOnCaller). The engine is single-threaded; this keeps it so without the loop owning
    // it alone.
    private readonly Lock _engineLock = new();
    private readonly bool _executeOnCaller;
    private readonly List<RoutingEvent> _callerEvents = [];

    // Under _engineLock: no more commands on callers' threads (stopping, or a caller's command faulted the domain).
    private bool _callersStopped;
    private Exception? _callerFault;

    // The loop's thread: every await in RunAsync resumes on it (they keep the scheduler on purpose).
    private readonly LoopScheduler _scheduler;

    // Subscriptions: the loop publishes under this lock, and a subscriber joins the live feed under it, so no event
    // can fall between a catch-up's last journal read and its first live event.
    private readonly Lock _subscriptionsLock = new();
    private readonly List<EventSubscription> _subscriptions = [];
    private long _lastPublished;
    private bool _subscriptionsClosed;
    private Exception? _stopCause;

    // Loop-owned timer state.
    private DateTimeOffset? _armedDue;

    // Set by the timer callback (any thread); consumed by the loop.
    private int _timerFired;
    private int _tickQueued;

    // Loop-owned snapshot state. The background write of the latest snapshot never faults (failures are logged).
    private readonly long _snapshotEvery;
    private readonly int _snapshotEventsPerItem;
    private long _snapshotInterval;
    private long _lastSnapshot;
    private Task? _snapshotWrite;

    /// <summary>Starts the domain's loop. The domain owns <paramref name="engine"/> from now on.</summary>
    /// <param name="engine">The engine, fresh or rebuilt from <paramref name="journal"/>.</param>
    /// <param name="journal">Where events are made durable before anyone hears of them.</param>
    /// <param name="timeProvider">The engine's time provider; timers are armed on it.</param>
    /// <param name="options">Capacities and batch size; defaults when null.</param>
    /// <param name="logger">Receives start, stop, fault and lag logs; none when null.</param>
    public RoutingDomain(RoutingEngine engine, IEventJournal journal, TimeProvider timeProvider, RoutingDomainOptions? options = null, ILogger<RoutingDomain>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new RoutingDomainOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Name, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CommandCapacity, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SubscriberBufferCapacity, 1, nameof(options));

        _engine = engine;
        _journal = journal;
        _time = timeProvider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _name = options.Name;
        _maxBatchSize = options.MaxBatchSize;
        _subscriberCapacity = options.SubscriberBufferCapacity;
        // An in-memory append costs less than the hop to another thread: pipelining it would only add latency.
        _committer = options.PipelineCommits && journal is not InMemoryEventJournal ? new JournalCommitter(journal, options.Name, Land) : null;
        _executeOnCaller = options.ExecuteOnCaller && journal is InMemoryEventJournal && _committer is null;
        _lastPublished = engine.State.LastSequence;
        ArgumentOutOfRangeException.ThrowIfNegative(options.SnapshotEvery, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.SnapshotEventsPerItem, nameof(options));
        _snapshotEvery = options.SnapshotEvery;
        _snapshotEventsPerItem = options.SnapshotEventsPerItem;
        _snapshotInterval = Math.Max(_snapshotEvery, (long)_snapshotEventsPerItem * (engine.State.Calls.Count + engine.State.Agents.Count));
        _lastSnapshot = engine.State.LastSequence;
        _work = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(options.CommandCapacity)
        {
            // Callers wait for room: backpressure instead of unbounded memory or dropped commands.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,

            // A writer must never end up running the loop inline on its own thread.
            AllowSynchronousContinuations = false,
        });

        // Created disarmed; the loop arms it. One timer for the whole domain, pointed at the engine's next due time.
        _timer = timeProvider.CreateTimer(static state => ((RoutingDomain)state!).OnTimerFired(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _scheduler = new LoopScheduler(options.Name);
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler).Unwrap();
    }

    /// <summary>Completes when the loop has ended: successfully after a stop, faulted with <see cref="RoutingDomainStoppedException"/> after a fault.</summary>
    public Task Completion => _completion.Task;

    /// <summary>
    /// Executes a command and returns once its events are durable. The result holds the reply or the engine's error
    /// and every event the command caused (timers that came due first included).
    /// </summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">
    /// Cancels only while the command is still waiting for the loop; a canceled command was never executed. Once the
    /// loop has started it, the caller gets its durable result.
    /// </param>
    /// <exception cref="RoutingDomainStoppedException">The domain stopped or faulted; the command was not acknowledged.</exception>
    public ValueTask<RoutingResult> ExecuteAsync(RoutingCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<RoutingResult>(cancellationToken);
        }

        if (_executeOnCaller && TryExecuteOnCaller(command, out var answer))
        {
            return answer;
        }

        var item = WorkItem.ForCommand(command);
        item.RegisterCancellation(cancellationToken);

        // Fast path: room in the channel, no await before the one on the result.
        if (_work.Writer.TryWrite(item))
        {
            return new ValueTask<RoutingResult>(item.Task);
        }

        return EnqueueAndWaitAsync(item, cancellationToken);
    }

    /// <summary>
    /// Subscribes to events published from now on. The first event delivered is the one after the last event
    /// published before this call.
    /// </summary>
    public EventSubscription Subscribe()
    {
        lock (_subscriptionsLock)
        {
            var subscription = new EventSubscription(this, _subscriberCapacity, skipThrough: _lastPublished);
            JoinLive(subscription);
            return subscription;
        }
    }

    /// <summary>
    /// Subscribes from <paramref name="fromSequence"/>: journaled events first, then live events, without a gap or a
    /// duplicate. History is read at the reader's pace; the lag limit applies once the subscription is live.
    /// </summary>
    /// <param name="fromSequence">First sequence to deliver (1 for everything). After a lag, <see cref="SubscriberLaggedException.ResumeFrom"/>.</param>
    public EventSubscription Subscribe(long fromSequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromSequence, 1);
        EventSubscription subscription;
        lock (_subscriptionsLock)
        {
            subscription = new EventSubscription(this, _subscriberCapacity, skipThrough: fromSequence - 1);
            if (fromSequence > _lastPublished)
            {
                // Nothing to replay: everything from fromSequence on is still to be published.
                JoinLive(subscription);
                return subscription;
            }
        }

        _ = Task.Run(() => CatchUpAsync(subscription, fromSequence));
        return subscription;
    }

    /// <summary>
    /// Stops taking commands, lets the queued ones finish (executed, journaled, answered), completes every
    /// subscription and disposes the timer. Does not throw when the domain had faulted: see <see cref="Completion"/>.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the loop still finishes what it has.</param>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        // A caller executing on its own thread finishes first; later ones go to the closed channel and are refused.
        lock (_engineLock)
        {
            _callersStopped = true;
        }

        _work.Writer.TryComplete();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Same as <see cref="StopAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    internal void Unsubscribe(EventSubscription subscription)
    {
        lock (_subscriptionsLock)
        {
            subscription.Disposed = true;
            _subscriptions.Remove(subscription);
        }

        // Also wakes a catch-up blocked on a full buffer: its pending write fails and it ends.
        subscription.Writer.TryComplete();
    }

    /// <summary>
    /// Executes <paramref name="command"/> on the caller's thread (in-memory journal only): execute, append, arm the
    /// timer, publish, and answer synchronously, in that order, as the loop would for a batch of one. False when work
    /// is queued, which the caller then queues behind, and once the domain is stopping, when the channel refuses it. A
    /// failure of the engine or the journal stops the domain as a failed batch would: this caller gets
    /// <see cref="RoutingDomainStoppedException"/>, and the loop, woken by the closed channel, shuts down with the cause.
    /// </summary>
    private bool TryExecuteOnCaller(RoutingCommand command, out ValueTask<RoutingResult> answer)
    {
        lock (_engineLock)
        {
            // Behind anything already queued (a timer's tick, or a command that found the lock taken), the caller
            // queues too: commands run in arrival order, and a read-only query stays a FIFO barrier behind the ticks
            // queued before it. The loop dequeues only under this lock, so nothing dequeued is still waiting to run.
            if (_callersStopped || _work.Reader.Count > 0)
            {
                answer = default;
                return false;
            }

            RoutingResult result;
            try
            {
                result = _engine.Execute(command);
                _callerEvents.Clear();
                _callerEvents.AddRange(result.Events);
                AppendInMemory(_callerEvents);
            }
#pragma warning disable CA1031 // Any failure of the journal or the engine stops the domain; the cause goes to every caller.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _callersStopped = true;
                _callerFault = ex;
                Volatile.Write(ref _stopCause, ex);
                _work.Writer.TryComplete();
                answer = ValueTask.FromException<RoutingResult>(CreateStoppedException());
                return true;
            }

            ArmTimer();
            Publish(_callerEvents);
            _callerEvents.Clear();
            answer = new ValueTask<RoutingResult>(result);
            return true;
        }
    }

    private async ValueTask<RoutingResult> EnqueueAndWaitAsync(WorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            await _work.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            item.Abandon();
            throw CreateStoppedException();
        }
        catch (OperationCanceledException)
        {
            item.Abandon();
            throw;
        }

        return await item.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Snapshots after enough durable events. Only the capture (a copy of the state) runs on the loop; serializing and
    /// writing a state of hundreds of thousands of calls took the loop half a second and stalled every caller, so they
    /// run in the background, one snapshot at a time. A failed snapshot does not stop routing: the journal still holds
    /// every event, so the only cost is a longer replay on the next start.
    /// </summary>
    private void TakeSnapshotIfDue()
    {
        if (!SnapshotDue() || _journal is not ISnapshotStore store)
        {
            return;
        }

        var snapshot = _engine.State.Capture();
        _lastSnapshot = snapshot.LastSequence;
        _snapshotInterval = Math.Max(_snapshotEvery, (long)_snapshotEventsPerItem * (snapshot.Calls.Count + snapshot.Agents.Count));
        _snapshotWrite = Task.Run(() =>
        {
            try
            {
                store.SaveSnapshot(snapshot);
            }
#pragma warning disable CA1031 // Any snapshot failure is logged and survivable; the journal is the record.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.SnapshotFailed(_logger, ex, _name, snapshot.LastSequence);
            }
        });
    }

    private async Task RunAsync()
    {
        // The loop executes batches and hands each to the committer, which appends them in order on its own thread
        // while the loop goes on executing. Each batch is answered and published only after its own commit, oldest
        // first, so "durable before anyone hears of it" holds and the journal never sees a gap.
        var inFlight = new Queue<(Batch Batch, Task Durable)>();
        var spare = new Stack<Batch>();
        Batch? executing = null;
        Task<bool>? waiting = null;
        Exception? fault = null;
        Log.DomainStarted(_logger, _name, _lastPublished);
        try
        {
            // A rebuilt state may already hold timers.
            ArmTimer();
            while (true)
            {
                // Answer every batch that has landed, oldest first. One that failed throws here and stays queued.
                while (inFlight.TryPeek(out var head) && head.Durable.IsCompleted)
                {
                    await LandAsync(inFlight, spare);
                }

                bool more;
                if (inFlight.Count > 0 && !_work.Reader.TryPeek(out _))
                {
                    // Nothing to execute meanwhile: answer the oldest batch as soon as it lands, or execute work as
                    // soon as it arrives, whichever comes first.
                    waiting ??= _work.Reader.WaitToReadAsync().AsTask();
                    await Task.WhenAny(inFlight.Peek().Durable, waiting);
                    if (!waiting.IsCompleted)
                    {
                        continue;
                    }

                    more = await waiting;
                    waiting = null;
                }
                else if (waiting is not null)
                {
                    more = await waiting;
                    waiting = null;
                }
                else
                {
                    more = await _work.Reader.WaitToReadAsync();
                }

                if (!more)
                {
                    break;
                }

                // Run at most a few batches ahead of the journal; and a snapshot must capture exactly the durable
                // state, so everything in flight lands first (rare: every SnapshotEvery events or more).
                var limit = SnapshotDue() ? 0 : MaxBatchesInFlight - 1;
                while (inFlight.Count > limit)
                {
                    await LandAsync(inFlight, spare);
                }

                if (inFlight.Count == 0)
                {
                    TakeSnapshotIfDue();
                }

                executing = spare.Count > 0 ? spare.Pop() : new Batch(_maxBatchSize);
                if (_executeOnCaller)
                {
                    // Callers execute on their own threads too: see ExecuteAppendAndLand.
                    ExecuteAppendAndLand(executing);
                    spare.Push(executing);
                }
                else
                {
                    ExecuteBatch(executing.Items, executing.Events);
                    if (executing.Events.Count == 0 && inFlight.Count == 0)
                    {
                        // Nothing to make durable (refused commands, reads) and nobody ahead: answer at once.
                        FinishCommitted(executing);
                        spare.Push(executing);
                    }
                    else if (_committer is not null)
                    {
                        // The committer answers the batch once it lands (a batch without events, in turn after those
                        // ahead of it). The timer follows the engine, which is already past this batch.
                        ArmTimer();
                        if (_journal is IPreparingJournal preparing && executing.Events.Count > 0)
                        {
                            executing.Prepared = preparing.Prepare(executing.Events, executing.Prepared);
                        }

                        inFlight.Enqueue((executing, _committer.CommitAsync(executing)));
                    }
                    else
                    {
                        await _journal.AppendAsync(executing.Events, CancellationToken.None);
                        FinishCommitted(executing);
                        spare.Push(executing);
                    }
                }

                executing = null;
            }

            while (inFlight.Count > 0)
            {
                await LandAsync(inFlight, spare);
            }
        }
#pragma warning disable CA1031 // Any failure of the journal or the engine stops the domain; the cause goes to every caller.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            fault = ex;
        }

        // No caller executes on its own thread from here on; one whose command faulted the domain closed the channel,
        // which ended the loop, and its failure is the domain's.
        lock (_engineLock)
        {
            _callersStopped = true;
            fault ??= _callerFault;
        }

        // Nothing uncommitted is acknowledged after a fault. The loop stops touching the journal only once every
        // append it handed over has ended: batches that landed before the first failed one are answered (their events
        // are durable whatever failed after them); from the first failure on, the committer fails everything.
        var unanswered = new List<WorkItem>();
        if (executing is not null)
        {
            unanswered.AddRange(executing.Items);
        }

        var broken = false;
        while (inFlight.TryDequeue(out var entry))
        {
            if (!broken)
            {
                try
                {
                    // Landed and answered by the committer.
                    await entry.Durable;
                    continue;
                }
#pragma warning disable CA1031 // The failed commit's callers are failed below with the domain's cause.
                catch (Exception)
#pragma warning restore CA1031
                {
                    broken = true;
                }
            }

            unanswered.AddRange(entry.Batch.Items);
        }

        if (_snapshotWrite is not null)
        {
            // The journal may be disposed once the domain has stopped: let the snapshot write finish first.
            await _snapshotWrite;
        }

        _committer?.Dispose();
        Shutdown(unanswered, fault);

        // The loop's thread ends once this method has returned.
        _scheduler.Dispose();
    }

    /// <summary>
    /// The loop's batch when callers also execute on their own threads (in-memory journal): executed, appended, timed
    /// and published under the lock that admits one executor at a time, so the sequence order of appends and
    /// publishing holds across the loop and the callers.
    /// </summary>
    private void ExecuteAppendAndLand(Batch batch)
    {
        lock (_engineLock)
        {
            // A caller's command faulted the engine after this batch's commands were queued: they must not run on it.
            // The loop then shuts down with that cause and fails what is still queued.
            if (_callerFault is { } callerFault)
            {
                ExceptionDispatchInfo.Throw(callerFault);
            }

            try
            {
                ExecuteBatch(batch.Items, batch.Events);
                AppendInMemory(batch.Events);
            }
            catch
            {
                // The engine may be ahead of the journal now: no caller may execute on it before the loop shuts down.
                _callersStopped = true;
                throw;
            }

            FinishCommitted(batch);
        }
    }

    /// <summary>Appends to the in-memory journal, which completes at once; throws what the journal refused.</summary>
    private void AppendInMemory(List<RoutingEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        var append = _journal.AppendAsync(events, CancellationToken.None);
        Debug.Assert(append.IsCompleted, "the in-memory journal appends synchronously");
        if (!append.IsCompletedSuccessfully)
        {
            append.AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// Waits for the oldest batch in flight to land (the committer has answered it), and takes it back for reuse.
    /// Throws, leaving it queued, if its commit failed.
    /// </summary>
    private static async Task LandAsync(Queue<(Batch Batch, Task Durable)> inFlight, Stack<Batch> spare)
    {
        var (batch, durable) = inFlight.Peek();
        await durable;
        inFlight.Dequeue();
        spare.Push(batch);
    }

    /// <summary>The batch is durable: arm the timer, publish, then answer its callers.</summary>
    private void FinishCommitted(Batch batch)
    {
        // Arm before answering, so a caller that then moves (virtual) time finds the timer already set.
        ArmTimer();
        Land(batch);
    }

    /// <summary>
    /// The batch is durable: publish, then answer its callers. On the loop, or on the committer's thread for a
    /// pipelined batch (in order, so publishing stays in sequence order); the loop has armed the timer already.
    /// </summary>
    private void Land(Batch batch)
    {
        Publish(batch.Events);
        foreach (var item in batch.Items)
        {
            item.Complete();
        }

        batch.Items.Clear();
        batch.Events.Clear();
    }

    /// <summary>
    /// Enough events since the last snapshot, and the previous write has finished: while one is still being written
    /// the next waits (it is not queued behind it), and the pipeline is not drained for a capture that cannot start.
    /// </summary>
    private bool SnapshotDue() =>
        _snapshotEvery > 0
        && _journal is ISnapshotStore
        && _engine.State.LastSequence - _lastSnapshot >= _snapshotInterval
        && _snapshotWrite is not { IsCompleted: false };

    /// <summary>Takes what is queued, up to the batch size, and executes it. The engine applies events as it goes.</summary>
    private void ExecuteBatch(List<WorkItem> items, List<RoutingEvent> events)
    {
        for (var taken = 0; taken < _maxBatchSize && _work.Reader.TryRead(out var item); taken++)
        {
            if (item.IsTick)
            {
                Volatile.Write(ref _tickQueued, 0);
                _armedDue = null;
                events.AddRange(_engine.Execute(item.Command).Events);
                continue;
            }

            if (!item.TryStart())
            {
                continue;
            }

            // Listed before executing, so that if the engine throws this caller is failed with the rest.
            items.Add(item);
            var result = _engine.Execute(item.Command);

            // A refused command still carries the events of timers that came due before it: they are journaled too.
            events.AddRange(result.Events);
            item.SetResult(result);
        }

        Debug.Assert(events.Count == 0 || events[^1].Sequence == _engine.State.LastSequence, "the batch holds every event the engine emitted");
    }

    private void Publish(List<RoutingEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        List<long>? lagged = null;
        lock (_subscriptionsLock)
        {
            Debug.Assert(events[0].Sequence == _lastPublished + 1, "events are published once, in sequence order");
            for (var i = _subscriptions.Count - 1; i >= 0; i--)
            {
                var subscription = _subscriptions[i];
                var outcome = subscription.TryDeliver(events);
                if (outcome == EventSubscription.DeliveryOutcome.Delivered)
                {
                    continue;
                }

                _subscriptions.RemoveAt(i);
                if (outcome == EventSubscription.DeliveryOutcome.Lagged)
                {
                    (lagged ??= []).Add(subscription.LastDelivered);
                }
            }

            _lastPublished = events[^1].Sequence;
        }

        if (lagged is not null)
        {
            foreach (var lastDelivered in lagged)
            {
                Log.SubscriberLagged(_logger, _name, _subscriberCapacity, lastDelivered);
            }
        }
    }

    /// <summary>Under the subscription lock: joins the live feed, or ends at once if the domain has stopped.</summary>
    private void JoinLive(EventSubscription subscription)
    {
        Debug.Assert(_subscriptionsLock.IsHeldByCurrentThread, "joining the live feed races with publishing unless locked");
        if (_subscriptionsClosed)
        {
            subscription.Writer.TryComplete(_stopCause is null ? null : CreateStoppedException());
            return;
        }

        _subscriptions.Add(subscription);
    }

    /// <summary>
    /// Replays the journal into a new subscription, then joins it to the live feed. Reading the journal, then checking
    /// under the lock that nothing was published beyond what was read, repeats until it holds; the journal may be
    /// ahead of publishing (appended, not yet published), and those events are then skipped by the live feed.
    /// </summary>
    private async Task CatchUpAsync(EventSubscription subscription, long next)
    {
        try
        {
            while (true)
            {
                await foreach (var e in _journal.ReadAllAsync(next, CancellationToken.None).ConfigureAwait(false))
                {
                    if (e.Sequence < next)
                    {
                        continue;
                    }

                    if (e.Sequence != next)
                    {
                        throw new InvalidOperationException($"The journal skipped from event {next - 1} to {e.Sequence}.");
                    }

                    // Awaiting is fine here: this is the subscriber's own task, not the loop.
                    await subscription.Writer.WriteAsync(e).ConfigureAwait(false);
                    subscription.LastDelivered = e.Sequence;
                    next++;
                }

                lock (_subscriptionsLock)
                {
                    if (subscription.Disposed)
                    {
                        return;
                    }

                    if (next > _lastPublished)
                    {
                        subscription.SkipThrough = next - 1;
                        JoinLive(subscription);
                        return;
                    }
                }
            }
        }
        catch (ChannelClosedException)
        {
            // Disposed while replaying.
        }
#pragma warning disable CA1031 // Whatever stopped the replay ends this subscription, and its reader is told why.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.CatchUpFailed(_logger, ex, _name, subscription.LastDelivered);
            subscription.Writer.TryComplete(ex);
        }
    }

    private void Shutdown(List<WorkItem> batch, Exception? fault)
    {
        // Close the door before failing anyone: a caller who sees this failure must not get a later command in.
        Volatile.Write(ref _stopCause, fault);
        _work.Writer.TryComplete();
        var refused = 0;
        if (fault is not null)
        {
            // The failing batch was never acknowledged; neither is anything still queued.
            foreach (var item in batch)
            {
                item.Fail(CreateStoppedException());
                refused++;
            }

            while (_work.Reader.TryRead(out var item))
            {
                if (!item.IsTick)
                {
                    item.Fail(CreateStoppedException());
                    refused++;
                }
            }
        }

        Debug.Assert(fault is not null || batch.Count == 0, "a graceful stop leaves no command unanswered");
        lock (_subscriptionsLock)
        {
            _subscriptionsClosed = true;
            foreach (var subscription in _subscriptions)
            {
                subscription.Writer.TryComplete(fault is null ? null : CreateStoppedException());
            }

            _subscriptions.Clear();
        }

        _timer.Dispose();
        if (fault is null)
        {
            Log.DomainStopped(_logger, _name, _lastPublished);
            _completion.TrySetResult();
        }
        else
        {
            Log.DomainFaulted(_logger, fault, _name, _lastPublished, refused);
            _completion.TrySetException(CreateStoppedException());
        }
    }

    /// <summary>A new exception per caller: one instance thrown on many threads would mix their stack traces.</summary>
    private RoutingDomainStoppedException CreateStoppedException()
    {
        var cause = Volatile.Read(ref _stopCause);
        return cause is null
            ? new RoutingDomainStoppedException($"Routing domain '{_name}' has stopped.")
            : new RoutingDomainStoppedException($"Routing domain '{_name}' stopped after a fault: {cause.Message}", cause);
    }
}

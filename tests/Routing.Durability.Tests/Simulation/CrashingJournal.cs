using Routing.Core.Engine;
using Routing.Core.Events;
using Routing.Runtime;

namespace Routing.Durability.Tests.Simulation;

/// <summary>How the crash treats the batch whose append it interrupts.</summary>
internal enum CrashMode
{
    /// <summary>The process dies before the batch was synced: nothing of it survives (the unsynced tail is dropped).</summary>
    DropBatch,

    /// <summary>The batch reached the disk, the process died before anyone was answered: it survives, unacknowledged.</summary>
    KeepBatch,

    /// <summary>The durable journal is disposed under the domain (SQLite only); the append must then fail.</summary>
    DisposeJournal,
}

/// <summary>One append that reached the durable store, with the live engine's state right after its batch executed.</summary>
internal sealed record DurableBatch(long FirstSequence, long LastSequence, StateSnapshot Snapshot, bool Acknowledged);

/// <summary>The append the crash interrupted: its events and the live engine's state at the crash.</summary>
internal sealed record CrashedBatch(RoutingEvent[] Events, StateSnapshot Snapshot, CrashMode Mode, bool Survived);

/// <summary>Thrown by <see cref="CrashingJournal"/> where the process would have died.</summary>
public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
    {
    }

    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    public SimulatedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// An <see cref="IEventJournal"/> in front of a durable store (the "disk": an <see cref="InMemoryEventJournal"/> that
/// outlives the simulated process, or a SQLite file). Each append either commits the whole batch to the store, or, at
/// the planned crash point, "crashes": keeps nothing of the batch (or, for <see cref="CrashMode.KeepBatch"/>, all of
/// it) and throws. Before each append it snapshots the engine's state, which at that moment is exactly what the
/// batch's callers will be told once the append returns (the loop is the only thread touching the engine, and it is
/// here). When gated, each append waits for the test driver, so batches are composed deterministically.
/// </summary>
internal sealed class CrashingJournal : IEventJournal, IDisposable
{
    private readonly IEventJournal _store;
    private readonly List<DurableBatch> _durable;
    private readonly int _crashAt;
    private readonly CrashMode _mode;
    private readonly Action? _disposeStore;
    private readonly SemaphoreSlim? _started;
    private readonly SemaphoreSlim? _proceed;
    private RoutingEngine? _engine;
    private bool _fullSnapshots = true;
    private StateSnapshot? _latest;
    private int _appends;

    /// <param name="store">The durable store appends commit to.</param>
    /// <param name="durable">The cumulative list of durable batches (shared across simulated restarts).</param>
    /// <param name="crashAt">Index (0-based) of the append that crashes.</param>
    /// <param name="mode">What the crash does to that append's batch.</param>
    /// <param name="disposeStore">Disposes the store, for <see cref="CrashMode.DisposeJournal"/>.</param>
    /// <param name="gated">Each append waits for <see cref="Proceed"/> after signalling <see cref="WaitForAppendAsync"/>.</param>
    public CrashingJournal(IEventJournal store, List<DurableBatch> durable, int crashAt, CrashMode mode, Action? disposeStore, bool gated)
    {
        _store = store;
        _durable = durable;
        _crashAt = crashAt;
        _mode = mode;
        _disposeStore = disposeStore;
        if (gated)
        {
            _started = new SemaphoreSlim(0);
            _proceed = new SemaphoreSlim(0);
        }
    }

    /// <summary>The live engine's state at the start of the latest append (what producers "see").</summary>
    public StateSnapshot? Latest => Volatile.Read(ref _latest);

    public CrashedBatch? Crash { get; private set; }

    /// <summary>For <see cref="CrashMode.DisposeJournal"/>: the append on the disposed store did not throw.</summary>
    public bool AppendAfterDisposeSucceeded { get; private set; }

    public int Appends => Volatile.Read(ref _appends);

    /// <summary>Index (0-based) of the append planned to crash.</summary>
    public int CrashAt => _crashAt;

    /// <summary>Snapshots this engine at every append. Call before the domain starts.</summary>
    /// <param name="engine">The domain's engine.</param>
    /// <param name="full">False: light snapshots (no description), when nothing will be verified against them.</param>
    public void Observe(RoutingEngine engine, bool full)
    {
        _engine = engine;
        _fullSnapshots = full;
    }

    /// <summary>Gated: completes when the next append has started and is waiting for <see cref="Proceed"/>.</summary>
    public Task WaitForAppendAsync() => _started!.WaitAsync();

    /// <summary>Gated: lets the waiting append go on (commit, or crash).</summary>
    public void Proceed() => _proceed!.Release();

    public async ValueTask AppendAsync(IReadOnlyList<RoutingEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var index = _appends;
        Volatile.Write(ref _appends, index + 1);

        // The list is reused by the domain once this returns: copy.
        var batch = events.ToArray();
        var snapshot = StateSnapshot.Of(_engine!.State, _fullSnapshots);
        Volatile.Write(ref _latest, snapshot);
        if (_started is not null)
        {
            _started.Release();
            await _proceed!.WaitAsync(cancellationToken);
        }

        if (index == _crashAt)
        {
            await CrashAsync(batch, snapshot, cancellationToken);
        }

        await _store.AppendAsync(batch, cancellationToken);
        _durable.Add(new DurableBatch(batch[0].Sequence, batch[^1].Sequence, snapshot, Acknowledged: true));
    }

    public void Dispose()
    {
        _started?.Dispose();
        _proceed?.Dispose();
    }

    public IAsyncEnumerable<RoutingEvent> ReadAllAsync(long fromSequence, CancellationToken cancellationToken) =>
        _store.ReadAllAsync(fromSequence, cancellationToken);

    private async Task CrashAsync(RoutingEvent[] batch, StateSnapshot snapshot, CancellationToken cancellationToken)
    {
        switch (_mode)
        {
            case CrashMode.DropBatch:
                Crash = new CrashedBatch(batch, snapshot, _mode, Survived: false);
                throw new SimulatedCrashException($"Simulated crash before events {batch[0].Sequence}-{batch[^1].Sequence} were synced.");
            case CrashMode.KeepBatch:
                await _store.AppendAsync(batch, cancellationToken);
                _durable.Add(new DurableBatch(batch[0].Sequence, batch[^1].Sequence, snapshot, Acknowledged: false));
                Crash = new CrashedBatch(batch, snapshot, _mode, Survived: true);
                throw new SimulatedCrashException($"Simulated crash after events {batch[0].Sequence}-{batch[^1].Sequence} were synced, before any reply.");
            default:
                _disposeStore!();
                Crash = new CrashedBatch(batch, snapshot, _mode, Survived: false);
                await _store.AppendAsync(batch, cancellationToken);
                AppendAfterDisposeSucceeded = true;
                throw new SimulatedCrashException("An append on a disposed journal returned normally.");
        }
    }
}

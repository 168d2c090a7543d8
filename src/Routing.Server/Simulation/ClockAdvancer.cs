using Microsoft.Extensions.Options;
using Routing.Core.Commands;
using Routing.Runtime;
using Routing.Server.Configuration;
using Routing.Server.Hosting;
using Routing.Storage;

namespace Routing.Server.Simulation;

/// <summary>
/// Moves the virtual clock for SimulationService.AdvanceClock: fires timers one instant at a time and, after each,
/// settles the server, so the harness gets its answer only once everything those timers caused has been written to
/// the agent and gateway streams. Advances are served one at a time, in arrival order (a semaphore): a harness that
/// calls concurrently gets them serialized, never interleaved.
/// </summary>
/// <remarks>
/// To settle is to wait, without polling, until
/// <list type="number">
/// <item>the routing domain has processed everything queued before (a read-only standing query is a FIFO barrier:
/// timer ticks the clock just queued run before it);</item>
/// <item>the event fan-out has handed out every event up to the journal's last sequence;</item>
/// <item>every message handed to an agent or gateway outbox has been written to its stream, and the work timers
/// started (a grace-period logout, a position announcement) is done.</item>
/// </list>
/// and, if that work produced new events, to settle again.
/// </remarks>
internal sealed class ClockAdvancer : IDisposable
{
    /// <summary>No call ids: the engine answers at once, emits nothing and journals nothing.</summary>
    private static readonly QueryStanding Barrier = new([]);

    private readonly RoutingHost _host;
    private readonly SettleTracker _tracker;
    private readonly VirtualClock? _clock;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ClockAdvancer(RoutingHost host, SettleTracker tracker, TimeProvider time, IOptions<RoutingServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _host = host;
        _tracker = tracker;
        _clock = options.Value.Simulation.Enabled ? time as VirtualClock : null;
    }

    /// <summary>False when the server runs on the wall clock: there is nothing to advance.</summary>
    public bool Enabled => _clock is not null && _tracker.Enabled;

    /// <summary>The virtual time now.</summary>
    public DateTimeOffset Now => (_clock ?? throw new InvalidOperationException("The server is not in simulation mode.")).GetUtcNow();

    /// <summary>
    /// Settles, then fires every timer due up to <paramref name="until"/> (null: now), one instant at a time, settling
    /// after each; with <paramref name="stopOnOffer"/>, stops at the first instant after which an offer was written.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="until"/> is earlier than the virtual time now.</exception>
    public async Task<AdvanceOutcome> AdvanceAsync(DateTimeOffset? until, bool stopOnOffer, CancellationToken cancellationToken)
    {
        var clock = _clock ?? throw new InvalidOperationException("The server is not in simulation mode.");
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            var target = until ?? now;
            if (target < now)
            {
                throw new ArgumentOutOfRangeException(nameof(until), target, "The virtual clock never runs backwards.");
            }

            var head = await SettleAsync(barrier: true, cancellationToken);
            var stopped = stopOnOffer && _tracker.OfferWritten;
            var instants = 0;
            while (!stopped && clock.TryFireNext(target, out var needsBarrier))
            {
                instants++;
                head = await SettleAsync(needsBarrier, cancellationToken);
                stopped = stopOnOffer && _tracker.OfferWritten;
            }

            if (!stopped && clock.GetUtcNow() < target)
            {
                clock.MoveTo(target);
                head = await SettleAsync(barrier: true, cancellationToken);
            }

            return new AdvanceOutcome(clock.GetUtcNow(), head, stopped, _tracker.TakeReport(), instants);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Settles (see the remarks on the class) and returns the last event sequence everything was written for.</summary>
    /// <param name="barrier">False when only tracked work was started since the last settle: the tracker covers it.</param>
    private async Task<long> SettleAsync(bool barrier, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (barrier)
            {
                await _host.Domain.ExecuteAsync(Barrier, cancellationToken);
            }

            var head = JournalHead();
            await _tracker.WhenFannedOutAsync(head, cancellationToken);
            await _tracker.WhenIdleAsync(cancellationToken);
            if (JournalHead() == head)
            {
                return head;
            }

            // Timer work (a grace-period logout) made events while we waited: hand those out too, and go through the
            // domain again in case they came with a tick of their own.
            barrier = true;
        }
    }

    /// <summary>
    /// The last durable event. The domain journals a batch before it publishes it and answers its commands only after,
    /// so once the barrier is answered this covers everything the fan-out must see; it may also cover a later batch
    /// not yet published, which the fan-out then receives at once.
    /// </summary>
    private long JournalHead() => _host.Journal switch
    {
        InMemoryEventJournal memory => memory.LastSequence,
        SqliteEventJournal sqlite => sqlite.LastSequence,
        var other => throw new InvalidOperationException($"Simulation mode cannot tell how far journal {other.GetType().Name} has got."),
    };
}

/// <summary>Where an advance stopped and what the harness must read before acting.</summary>
internal sealed record AdvanceOutcome(DateTimeOffset Now, long LastSequence, bool StoppedOnOffer, IReadOnlyList<SettleTracker.Watermark> Watermarks, int TimerInstants);

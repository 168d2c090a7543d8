using Routing.Core.Configuration;
using Routing.Core.Engine;

namespace Routing.Runtime;

/// <summary>Rebuilds a routing domain's state from its journal, for a restart or an audit.</summary>
public static class JournalReplay
{
    /// <summary>
    /// Applies every journaled event, in order, to a new <see cref="RoutingState"/>. The state (timers included) is
    /// the one the engine had after the last durable event; build a <see cref="RoutingEngine"/> on it to continue.
    /// Timers the live engine had already taken come back too, in the past: the first tick skips them as stale.
    /// </summary>
    /// <exception cref="InvalidOperationException">The journal has a gap or an event the state does not know.</exception>
    public static async Task<RoutingState> RebuildAsync(IEventJournal journal, RoutingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(options);
        var state = RestoreLatestSnapshot(journal, options) ?? new RoutingState(options);
        await foreach (var e in journal.ReadAllAsync(state.LastSequence + 1, cancellationToken).ConfigureAwait(false))
        {
            // Apply refuses a sequence that does not follow the last one, so a gap cannot pass unnoticed.
            state.Apply(e);
        }

        return state;
    }

    /// <summary>
    /// The newest snapshot, restored; null when there is none or it no longer fits the configuration (queues were
    /// added or removed), in which case the whole journal is replayed, which is slower but always right.
    /// </summary>
    private static RoutingState? RestoreLatestSnapshot(IEventJournal journal, RoutingOptions options)
    {
        if (journal is not ISnapshotStore store || store.LoadLatestSnapshot() is not { } snapshot)
        {
            return null;
        }

        try
        {
            return RoutingState.Restore(options, snapshot);
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }
}

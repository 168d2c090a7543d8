using Routing.Core.Snapshots;

namespace Routing.Runtime;

/// <summary>
/// Keeps snapshots of a domain's state next to its journal so a restart restores the latest one and replays only the
/// events after it. A journal that can hold snapshots implements this too.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>
    /// Stores a snapshot, only ever after every event it covers is durable. Called on a background thread, one
    /// snapshot at a time, possibly while appends go on: an implementation that shares a connection with its appends
    /// must serialize the two itself. Taking long only delays the next snapshot, never routing.
    /// </summary>
    void SaveSnapshot(RoutingStateSnapshot snapshot);

    /// <summary>The newest stored snapshot, or null.</summary>
    RoutingStateSnapshot? LoadLatestSnapshot();
}

using Routing.Core.Snapshots;

namespace Routing.Runtime;

/// <summary>
/// Keeps snapshots of a domain's state next to its journal so a restart restores the latest one and replays only the
/// events after it. A journal that can hold snapshots implements this too.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>Stores a snapshot. Called on the domain loop, only after every event it covers is durable.</summary>
    void SaveSnapshot(RoutingStateSnapshot snapshot);

    /// <summary>The newest stored snapshot, or null.</summary>
    RoutingStateSnapshot? LoadLatestSnapshot();
}

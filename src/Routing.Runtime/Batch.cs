using Routing.Core.Events;

namespace Routing.Runtime;

/// <summary>One group commit: the commands executed together and every event they (and timers) caused.</summary>
internal sealed class Batch(int maxBatchSize)
{
    public List<WorkItem> Items { get; } = new(maxBatchSize);

    public List<RoutingEvent> Events { get; } = new(maxBatchSize * 4);

    /// <summary>The events as an <see cref="IPreparingJournal"/> prepared them; kept with the batch for reuse.</summary>
    public PreparedAppend? Prepared { get; set; }
}

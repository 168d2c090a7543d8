namespace Routing.Core.Timers;

/// <summary>Timers in due order; equal due times fire in the order they were set, so firing is deterministic.</summary>
internal sealed class TimerQueue
{
    private readonly PriorityQueue<DueTimer, (long Due, long Order)> _queue = new();
    private long _order;

    public int Count => _queue.Count;

    public void Schedule(in DueTimer timer) => _queue.Enqueue(timer, (timer.Due.UtcTicks, _order++));

    /// <summary>Every pending timer in the order it would fire (for snapshots; not a hot path).</summary>
    public IEnumerable<DueTimer> InFiringOrder() =>
        _queue.UnorderedItems.OrderBy(x => x.Priority.Due).ThenBy(x => x.Priority.Order).Select(x => x.Element).ToArray();

    public DateTimeOffset? NextDue => _queue.TryPeek(out var timer, out _) ? timer.Due : null;

    public bool TryTakeDue(DateTimeOffset now, out DueTimer timer)
    {
        if (_queue.TryPeek(out timer, out var priority) && priority.Due <= now.UtcTicks)
        {
            _queue.Dequeue();
            return true;
        }

        timer = default;
        return false;
    }
}

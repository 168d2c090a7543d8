namespace Routing.LoadTest.Month;

/// <summary>What the harness does on its own at a virtual instant (arrivals and shift changes have their own cursors).</summary>
internal enum HarnessActionKind : byte
{
    /// <summary>The conversation is over: the agent completes the call.</summary>
    Completion = 0,

    /// <summary>The caller's patience ran out: hang up if still waiting.</summary>
    PatienceExpiry = 1,
}

/// <param name="Answer">For a completion, which answer of the call it ends (<see cref="CallBook.Answers"/>).</param>
internal readonly record struct HarnessAction(HarnessActionKind Kind, int Call, int Desktop, byte Answer);

/// <summary>The harness's own future actions in time order; equal times keep the order they were scheduled in.</summary>
internal sealed class Agenda
{
    private readonly PriorityQueue<HarnessAction, (long Ticks, long Order)> _queue = new();
    private long _order;

    public int Count => _queue.Count;

    public long NextTicks => _queue.TryPeek(out _, out var at) ? at.Ticks : long.MaxValue;

    public void Schedule(long ticks, in HarnessAction action) => _queue.Enqueue(action, (ticks, _order++));

    /// <summary>Drops actions at the head that no longer matter, so the clock is not advanced to an instant with nothing to do.</summary>
    public void DropStale(Func<HarnessAction, bool> isStale)
    {
        ArgumentNullException.ThrowIfNull(isStale);
        while (_queue.TryPeek(out var action, out _) && isStale(action))
        {
            _queue.Dequeue();
        }
    }

    /// <summary>Moves every action due at exactly <paramref name="ticks"/> into <paramref name="due"/>.</summary>
    public void TakeDue(long ticks, List<HarnessAction> due)
    {
        ArgumentNullException.ThrowIfNull(due);
        while (_queue.TryPeek(out var action, out var at) && at.Ticks <= ticks)
        {
            _queue.Dequeue();
            due.Add(action);
        }
    }
}

using Routing.LoadTest.Stress;

namespace Routing.LoadTest.Tests.Stress;

/// <summary>
/// Virtual time for the dispatcher: waiting jumps straight to the target, running every action scheduled on the
/// way at its own instant (a fake server's replies). Nothing sleeps.
/// </summary>
internal sealed class FakeClock : IStressClock
{
    private readonly PriorityQueue<Action, (TimeSpan At, long Order)> _due = new();
    private long _order;

    public TimeSpan Now { get; private set; }

    public void At(TimeSpan when, Action action) => _due.Enqueue(action, (when, _order++));

    public void WaitUntil(TimeSpan at)
    {
        while (_due.TryPeek(out _, out var next) && next.At <= at)
        {
            var action = _due.Dequeue();
            if (next.At > Now)
            {
                Now = next.At;
            }

            action();
        }

        if (at > Now)
        {
            Now = at;
        }
    }

    /// <summary>Time passing while the caller is busy (a send that blocks the dispatcher).</summary>
    public void Spend(TimeSpan duration) => WaitUntil(Now + duration);
}

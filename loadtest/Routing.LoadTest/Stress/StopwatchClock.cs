using System.Diagnostics;

namespace Routing.LoadTest.Stress;

/// <summary>
/// The monotonic clock, waited on by sleeping. On Linux a 1 ms sleep lasts about 1.1 ms, so a request goes out up to
/// about a millisecond after its intended time; that lag is inside every measured latency (it is measured, not
/// hidden) and reported on its own as the dispatch lag. Spinning would send closer to the mark but would take a core
/// from the server on a 2-core machine.
/// </summary>
internal sealed class StopwatchClock : IStressClock
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public TimeSpan Now => Stopwatch.GetElapsedTime(_start);

    public void WaitUntil(TimeSpan at)
    {
        while (true)
        {
            var left = at - Now;
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            // Whole milliseconds, at least one: Thread.Sleep(0) would spin.
            Thread.Sleep(Math.Max(1, (int)left.TotalMilliseconds));
        }
    }
}

namespace Routing.Runtime;

/// <summary>
/// Timers: the engine keeps its own ordered timers; the domain needs one <see cref="ITimer"/> pointed at the earliest,
/// which posts a tick, and the tick runs <see cref="Core.Commands.AdvanceTime"/> on the loop like any command.
/// </summary>
public sealed partial class RoutingDomain
{
    /// <summary>
    /// Called by the loop after each batch. Re-arms only when the engine's next due time differs from the one armed,
    /// or after the timer fired (a one-shot timer is spent, and may have fired a hair early on a real clock).
    /// </summary>
    private void ArmTimer()
    {
        if (Interlocked.Exchange(ref _timerFired, 0) != 0)
        {
            _armedDue = null;
        }

        var due = _engine.NextTimerDue;
        if (due == _armedDue)
        {
            return;
        }

        if (due is not { } at)
        {
            _armedDue = null;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var delay = at - _time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            // Already due (the batch took a while): tick now, and look again after that batch.
            _armedDue = null;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            RequestTick();
            return;
        }

        _armedDue = at;
        _timer.Change(RoundUpToMilliseconds(delay), Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Timers count whole milliseconds. Rounding down would wake before the due time, find nothing due, and re-arm a
    /// zero delay: on a clock that does not move by itself (a test's virtual time) that never ends.
    /// </summary>
    private static TimeSpan RoundUpToMilliseconds(TimeSpan delay)
    {
        if (delay >= MaxTimerDelay)
        {
            return MaxTimerDelay;
        }

        var milliseconds = (delay.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;
        return TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>Timer callback, on any thread. Must not block: it only queues a tick.</summary>
    private void OnTimerFired()
    {
        Volatile.Write(ref _timerFired, 1);
        RequestTick();
    }

    /// <summary>
    /// Queues one tick unless one is already queued. If the channel is full (or closed), no tick is needed: the queued
    /// commands fire due timers before they run, and the loop re-arms after their batch.
    /// </summary>
    private void RequestTick()
    {
        if (Interlocked.Exchange(ref _tickQueued, 1) == 0 && !_work.Writer.TryWrite(_tick))
        {
            Volatile.Write(ref _tickQueued, 0);
        }
    }
}

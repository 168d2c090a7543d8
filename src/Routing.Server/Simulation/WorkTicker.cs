namespace Routing.Server.Simulation;

/// <summary>
/// A <see cref="PeriodicTimer"/> whose ticks count as work for the simulation's settle from the instant the timer
/// fires until the consumer calls <see cref="TickHandled"/>. A PeriodicTimer resumes its consumer later on the thread
/// pool, so an AdvanceClock could otherwise return before the tick's effects (announcements, say) were sent. Outside
/// simulation mode the tracker ignores the counting and this is a plain periodic wait.
/// </summary>
/// <remarks>
/// Like PeriodicTimer: one consumer at a time; ticks that fire while none is taken coalesce into one; the wait
/// returns false once disposed.
/// </remarks>
internal sealed class WorkTicker : IWorkTimerState, IDisposable
{
    private readonly SettleTracker _tracker;
    private readonly Lock _lock = new();
    private readonly ITimer _timer;
    private TaskCompletionSource<bool>? _waiter;
    private bool _ticked;
    private bool _disposed;

    public WorkTicker(TimeSpan period, TimeProvider time, SettleTracker tracker)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        _tracker = tracker;
        _timer = time.CreateTimer(static state => ((WorkTicker)state!).Fire(), this, period, period);
    }

    /// <summary>Waits for the next tick; false once disposed. After a true, call <see cref="TickHandled"/> when done.</summary>
    public async ValueTask<bool> WaitForNextTickAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<bool> waiter;
        lock (_lock)
        {
            if (_disposed)
            {
                return false;
            }

            if (_ticked)
            {
                _ticked = false;
                return true;
            }

            waiter = _waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        using var cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((TaskCompletionSource<bool>)state!).TrySetCanceled(token), waiter);
        try
        {
            return await waiter.Task;
        }
        finally
        {
            lock (_lock)
            {
                if (_waiter == waiter)
                {
                    _waiter = null;
                }
            }
        }
    }

    /// <summary>The tick returned by the last wait has been handled and what it sent is in the outboxes.</summary>
    public void TickHandled() => _tracker.EndWork();

    public void Dispose()
    {
        bool ticked;
        TaskCompletionSource<bool>? waiter;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            ticked = _ticked;
            _ticked = false;
            waiter = _waiter;
            _waiter = null;
        }

        _timer.Dispose();
        if (ticked)
        {
            // A tick nobody will take: its work is over.
            _tracker.EndWork();
        }

        waiter?.TrySetResult(false);
    }

    /// <summary>Timer callback: counts the tick as work, then hands it to the waiting consumer or keeps it for the next wait.</summary>
    private void Fire()
    {
        TaskCompletionSource<bool>? waiter;
        lock (_lock)
        {
            if (_disposed || _ticked)
            {
                return;
            }

            waiter = _waiter;
            _waiter = null;
            _ticked = waiter is null;
            _tracker.BeginWork();
        }

        if (waiter is not null && !waiter.TrySetResult(true))
        {
            // The wait was canceled meanwhile: the tick is dropped with it.
            _tracker.EndWork();
        }
    }
}

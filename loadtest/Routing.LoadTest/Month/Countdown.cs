namespace Routing.LoadTest.Month;

/// <summary>
/// Counts things the driver is waiting for (command replies, stream watermarks) and lets it await the moment the count
/// is back to zero: one signal per step however many commands were sent, and no polling.
/// </summary>
internal sealed class Countdown
{
    private readonly Lock _lock = new();
    private int _pending;
    private TaskCompletionSource? _waiter;

    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _pending;
            }
        }
    }

    public void Add()
    {
        lock (_lock)
        {
            _pending++;
        }
    }

    public void Signal()
    {
        TaskCompletionSource? waiter = null;
        lock (_lock)
        {
            if (_pending > 0 && --_pending == 0)
            {
                waiter = _waiter;
                _waiter = null;
            }
        }

        waiter?.TrySetResult();
    }

    /// <summary>Completes when nothing is pending (at once if nothing is).</summary>
    public Task WaitAsync()
    {
        lock (_lock)
        {
            if (_pending == 0)
            {
                return Task.CompletedTask;
            }

            // The driver's loop continues on the reader thread that signals, up to its next await: that saves a thread
            // pool hop (and the futex wake-up behind it) on every step. Nothing is signalled under a lock, and the loop
            // never blocks, so the reader gets its thread back as soon as the loop waits again.
            _waiter ??= new TaskCompletionSource();
            return _waiter.Task;
        }
    }

    /// <summary>Gives up on everything pending (a stream ended): the driver must not wait forever for replies that will not come.</summary>
    public void Abandon()
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _pending = 0;
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult();
    }
}

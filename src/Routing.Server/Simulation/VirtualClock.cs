namespace Routing.Server.Simulation;

/// <summary>
/// The simulation's clock: it never reads the wall clock and moves only when <see cref="ClockAdvancer"/> moves it, so
/// the whole server (the engine's timer, grace periods, announcements, statistics) runs on virtual time. Timers live
/// in one priority queue by due time and fire only in <see cref="TryFireNext"/>, on the advancing thread.
/// </summary>
/// <remarks>
/// Thread-safe: timers are created and changed from the domain loop, request handlers and timer callbacks at once,
/// so every timer's schedule is read and written under one lock, and callbacks run outside it. Timers due at the
/// same instant fire in the order they were armed. A timer armed with a zero due time is due now and fires at the
/// next advance (even one that does not move the clock), never on its own.
/// </remarks>
internal sealed class VirtualClock : TimeProvider
{
    // Superseded queue entries are skipped when they surface; past this many, and half the queue, the queue is rebuilt.
    private const int CompactAbove = 1_024;

    private readonly Lock _lock = new();
    private readonly PriorityQueue<Entry, (long DueTicks, long Order)> _queue = new();
    private long _nowTicks;
    private long _order;
    private int _stale;

    public VirtualClock(DateTimeOffset start)
    {
        _nowTicks = start.UtcTicks;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _nowTicks), TimeSpan.Zero);

    public override long GetTimestamp() => Volatile.Read(ref _nowTicks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Moves the clock to the earliest due time not after <paramref name="until"/> and fires every timer due then.
    /// </summary>
    /// <param name="until">The latest instant to fire.</param>
    /// <param name="needsBarrier">
    /// False when every timer fired was tracked work (<see cref="IWorkTimerState"/>), which the settle waits for
    /// itself; true when another timer fired (the domain's, say), whose effects only a trip through the domain shows.
    /// </param>
    /// <returns>False, with the clock unmoved, when no timer is due by <paramref name="until"/>.</returns>
    public bool TryFireNext(DateTimeOffset until, out bool needsBarrier)
    {
        needsBarrier = false;
        var fired = new List<(Timer Timer, long Version)>();
        lock (_lock)
        {
            if (!TryPeekLive(out var first) || first.DueTicks > until.UtcTicks)
            {
                return false;
            }

            var instant = Math.Max(first.DueTicks, _nowTicks);
            Volatile.Write(ref _nowTicks, instant);
            while (TryPeekLive(out var entry) && entry.DueTicks <= instant)
            {
                _queue.Dequeue();
                var timer = entry.Timer;
                timer.Version++;
                if (timer.Period > TimeSpan.Zero)
                {
                    Enqueue(timer, instant + timer.Period.Ticks);
                }
                else
                {
                    timer.Armed = false;
                }

                fired.Add((timer, timer.Version));
            }
        }

        List<Exception>? failures = null;
        foreach (var (timer, version) in fired)
        {
            needsBarrier |= timer.State is not IWorkTimerState;
            lock (_lock)
            {
                // Changed or disposed by an earlier callback of this instant: that change wins.
                if (timer.Version != version)
                {
                    continue;
                }
            }

            try
            {
                timer.Callback(timer.State);
            }
#pragma warning disable CA1031 // A failing callback must not keep the others of its instant from firing; all failures are rethrown.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                (failures ??= []).Add(ex);
            }
        }

        return failures is null ? true : throw new AggregateException("Timer callbacks failed at a virtual instant.", failures);
    }

    /// <summary>Moves the clock forward to <paramref name="until"/> without firing anything; it never moves back.</summary>
    public void MoveTo(DateTimeOffset until)
    {
        lock (_lock)
        {
            if (until.UtcTicks > _nowTicks)
            {
                Volatile.Write(ref _nowTicks, until.UtcTicks);
            }
        }
    }

    private bool Change(Timer timer, TimeSpan dueTime, TimeSpan period)
    {
        ValidateDelay(dueTime, nameof(dueTime));
        ValidateDelay(period, nameof(period));
        lock (_lock)
        {
            if (timer.Disposed)
            {
                return false;
            }

            Disarm(timer);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                var maxDelay = DateTimeOffset.MaxValue.UtcTicks - _nowTicks;
                Enqueue(timer, _nowTicks + Math.Min(dueTime.Ticks, maxDelay));
            }

            CompactIfWorthIt();
            return true;
        }
    }

    private void Dispose(Timer timer)
    {
        lock (_lock)
        {
            Disarm(timer);
            timer.Disposed = true;
            CompactIfWorthIt();
        }
    }

    /// <summary>Under the lock. Supersedes the timer's queued entry, if any; it is skipped when it surfaces.</summary>
    private void Disarm(Timer timer)
    {
        timer.Version++;
        if (timer.Armed)
        {
            timer.Armed = false;
            _stale++;
        }
    }

    /// <summary>Under the lock.</summary>
    private void Enqueue(Timer timer, long dueTicks)
    {
        timer.Armed = true;
        _queue.Enqueue(new Entry(timer, timer.Version, dueTicks), (dueTicks, _order++));
    }

    /// <summary>Under the lock: the earliest entry still current, dropping superseded ones on the way.</summary>
    private bool TryPeekLive(out Entry entry)
    {
        while (_queue.TryPeek(out entry, out _))
        {
            if (entry.Version == entry.Timer.Version)
            {
                return true;
            }

            _queue.Dequeue();
            _stale--;
        }

        return false;
    }

    /// <summary>Under the lock. The domain re-arms its timer often; superseded entries must not pile up for a month.</summary>
    private void CompactIfWorthIt()
    {
        if (_stale <= CompactAbove || _stale * 2 <= _queue.Count)
        {
            return;
        }

        var live = _queue.UnorderedItems.Where(item => item.Element.Version == item.Element.Timer.Version).ToArray();
        _queue.Clear();
        _queue.EnqueueRange(live);
        _stale = 0;
    }

    private static void ValidateDelay(TimeSpan delay, string name)
    {
        if (delay < TimeSpan.Zero && delay != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, delay, "A timer delay must be positive, zero or infinite.");
        }
    }

    private readonly record struct Entry(Timer Timer, long Version, long DueTicks);

    /// <summary>One timer. Its schedule fields belong to the clock's lock.</summary>
    private sealed class Timer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        /// <summary>Bumped by every change, firing and disposal: a queued entry with an older version is superseded.</summary>
        public long Version { get; set; }

        /// <summary>True while an entry with the current version is queued.</summary>
        public bool Armed { get; set; }

        /// <summary>Zero for a one-shot timer.</summary>
        public TimeSpan Period { get; set; }

        public bool Disposed { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => clock.Change(this, dueTime, period);

        public void Dispose() => clock.Dispose(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

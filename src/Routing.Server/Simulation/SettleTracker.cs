using Microsoft.Extensions.Options;
using Routing.Server.Configuration;
using Routing.V1;

namespace Routing.Server.Simulation;

/// <summary>
/// What <see cref="ClockAdvancer"/>'s settle waits for, fed by hooks in the fan-out, the session outboxes and the
/// timer-driven services: how far the fan-out has got, how many stream messages were handed to an outbox and not yet
/// written to (or dropped with) their gRPC stream, and how much timer-started work is still running. Also what the
/// harness is told: the highest event sequence written per session and whether an offer went out.
/// </summary>
/// <remarks>
/// Outside simulation mode every hook returns at once: the counters are only kept when a harness needs them. Each
/// message is counted before it is put into its outbox, so the count never runs behind what a stream writer has seen.
/// </remarks>
internal sealed class SettleTracker
{
    private readonly bool _enabled;
    private readonly Lock _lock = new();
    private readonly Dictionary<(bool IsAgent, string Id), long> _watermarks = [];
    private long _pending;
    private TaskCompletionSource? _idle;
    private long _fannedOut;
    private long _fanoutTarget;
    private TaskCompletionSource? _fanoutWaiter;
    private bool _fanoutStopped;
    private bool _offerWritten;

    public SettleTracker(IOptions<RoutingServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _enabled = options.Value.Simulation.Enabled;
    }

    public bool Enabled => _enabled;

    /// <summary>True when an agent was written a CallOffer or a gateway a DialCallbackInstruction since the last report.</summary>
    public bool OfferWritten
    {
        get
        {
            lock (_lock)
            {
                return _offerWritten;
            }
        }
    }

    /// <summary>A message is about to be put into a session's outbox.</summary>
    public void Enqueueing()
    {
        if (!_enabled)
        {
            return;
        }

        lock (_lock)
        {
            _pending++;
        }
    }

    /// <summary>Counted messages that will never be written: the outbox refused them, or their stream ended first.</summary>
    public void Discarded(int count = 1)
    {
        if (!_enabled || count == 0)
        {
            return;
        }

        lock (_lock)
        {
            _pending -= count;
            SignalIfIdle();
        }
    }

    public void AgentWritten(string? agentId, AgentSessionResponse message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Written(isAgent: true, agentId, message.EventSequence, message.Offer is not null);
    }

    public void GatewayWritten(string gatewayId, GatewaySessionResponse instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        Written(isAgent: false, gatewayId, instruction.EventSequence, instruction.DialCallback is not null);
    }

    /// <summary>A timer started work the settle must wait for (called synchronously in the timer's callback).</summary>
    public void BeginWork()
    {
        Enqueueing();
    }

    /// <summary>The work a <see cref="BeginWork"/> stood for is done, and whatever it sent is in an outbox.</summary>
    public void EndWork()
    {
        Discarded();
    }

    /// <summary>Completes when nothing counted is pending: every message written or dropped, every timer's work done.</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_pending == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Called by the fan-out once it has handed out everything event <paramref name="sequence"/> caused.</summary>
    public void FannedOut(long sequence)
    {
        if (!_enabled)
        {
            return;
        }

        lock (_lock)
        {
            _fannedOut = sequence;
            if (_fanoutWaiter is not null && sequence >= _fanoutTarget)
            {
                _fanoutWaiter.TrySetResult();
                _fanoutWaiter = null;
            }
        }
    }

    /// <summary>The fan-out has stopped (the server is stopping): nobody waiting for it will be served.</summary>
    public void FanoutStopped()
    {
        lock (_lock)
        {
            _fanoutStopped = true;
            _fanoutWaiter?.TrySetException(new InvalidOperationException("The event fan-out has stopped."));
            _fanoutWaiter = null;
        }
    }

    /// <summary>Completes when the fan-out has handed out every event up to <paramref name="sequence"/>.</summary>
    public Task WhenFannedOutAsync(long sequence, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_fannedOut >= sequence)
            {
                return Task.CompletedTask;
            }

            if (_fanoutStopped)
            {
                return Task.FromException(new InvalidOperationException("The event fan-out has stopped."));
            }

            // AdvanceClock is serialized, so there is one waiter at most.
            _fanoutTarget = sequence;
            _fanoutWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _fanoutWaiter.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// What the harness is told at the end of an advance: the highest event sequence written per session since the
    /// previous report (sessions sent only replies and announcements are left out), in a stable order. Starts afresh.
    /// </summary>
    public IReadOnlyList<Watermark> TakeReport()
    {
        lock (_lock)
        {
            var report = _watermarks
                .Select(w => new Watermark(w.Key.IsAgent, w.Key.Id, w.Value))
                .OrderBy(w => w.IsAgent ? 0 : 1)
                .ThenBy(w => w.SessionId, StringComparer.Ordinal)
                .ToArray();
            _watermarks.Clear();
            _offerWritten = false;
            return report;
        }
    }

    /// <summary>
    /// <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> whose expiry begins work: in simulation mode
    /// the caller must call <see cref="EndWork"/> once it has done what the delay was for (outside it, that is a no-op).
    /// So AdvanceClock waits for that work although it runs after the timer's callback, on the thread pool.
    /// </summary>
    public Task DelayAsync(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (!_enabled)
        {
            return Task.Delay(delay, time, cancellationToken);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        return new WorkDelay(this, delay, time, cancellationToken).Task;
    }

    private void Written(bool isAgent, string? sessionId, long eventSequence, bool isOffer)
    {
        if (!_enabled)
        {
            return;
        }

        lock (_lock)
        {
            if (eventSequence > 0 && sessionId is not null)
            {
                var key = (isAgent, sessionId);
                if (eventSequence > _watermarks.GetValueOrDefault(key))
                {
                    _watermarks[key] = eventSequence;
                }
            }

            _offerWritten |= isOffer;
            _pending--;
            SignalIfIdle();
        }
    }

    /// <summary>Under the lock.</summary>
    private void SignalIfIdle()
    {
        if (_pending == 0 && _idle is not null)
        {
            _idle.TrySetResult();
            _idle = null;
        }
    }

    /// <summary>How far the server has written on one agent or gateway stream.</summary>
    public readonly record struct Watermark(bool IsAgent, string SessionId, long EventSequence);

    /// <summary>One tracked delay: its timer's callback begins the work before releasing the waiter.</summary>
    private sealed class WorkDelay : IWorkTimerState
    {
        private readonly SettleTracker _tracker;
        private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenRegistration _cancellation;
        private ITimer? _timer;

        public WorkDelay(SettleTracker tracker, TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
        {
            _tracker = tracker;
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((WorkDelay)state!).Cancel(token), this);

            // An advance running on another thread may fire the timer before it is stored: whoever finishes last disposes it.
            var timer = time.CreateTimer(static state => ((WorkDelay)state!).Expire(), this, delay, Timeout.InfiniteTimeSpan);
            Volatile.Write(ref _timer, timer);
            if (_completion.Task.IsCompleted)
            {
                timer.Dispose();
            }
        }

        public Task Task => _completion.Task;

        private void Expire()
        {
            _tracker.BeginWork();
            if (!_completion.TrySetResult())
            {
                // Canceled first: nobody will do the work, so nobody will end it.
                _tracker.EndWork();
            }

            _cancellation.Unregister();
            Volatile.Read(ref _timer)?.Dispose();
        }

        private void Cancel(CancellationToken token)
        {
            if (_completion.TrySetCanceled(token))
            {
                Volatile.Read(ref _timer)?.Dispose();
            }
        }
    }
}

using Microsoft.Extensions.Time.Testing;

namespace Routing.Server.Tests.Infrastructure;

/// <summary>
/// Virtual time for the hosted server that also reports the timers it is asked to create, so a test can wait until
/// the server has armed a timer (the agent grace period, say) before moving time past it. Without that, advancing
/// the clock could race the server and leave a timer armed after the jump, never to fire.
/// </summary>
internal sealed class TestClock : FakeTimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _created = [];
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>A Monday morning, on an interval boundary, far from any day or interval edge effects.</summary>
    public TestClock()
        : base(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        TaskCompletionSource changed;
        lock (_lock)
        {
            _created.Add(dueTime);
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
        return timer;
    }

    /// <summary>Waits until at least <paramref name="count"/> timers due after <paramref name="dueTime"/> were created.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime, int count = 1)
    {
        using var timeout = new CancellationTokenSource(Wait.Timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_created.Count(t => t == dueTime) >= count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"No timer due in {dueTime} was armed within {Wait.Timeout.TotalSeconds} s (wanted {count}).");
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

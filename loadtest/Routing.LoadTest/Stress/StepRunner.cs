using System.Globalization;

namespace Routing.LoadTest.Stress;

/// <summary>
/// Runs one step open loop on a single dispatcher thread: each request goes out at its intended send time whether or
/// not earlier ones have returned, and its latency runs from that intended time to its reply. A slow server therefore
/// shows in every request that came due while it was slow, not just in the one that happened to be waiting (no
/// coordinated omission). If the dispatcher itself falls behind (a pause, a starved CPU, or --max-in-flight requests
/// outstanding) the request goes out late and the lateness stays in its latency; such requests are also counted as
/// behind schedule so the client's share is visible.
/// </summary>
internal sealed class StepRunner
{
    /// <summary>Later than this after its intended time, a request counts as behind schedule (a sleep normally overshoots by ~0.1 ms).</summary>
    public static readonly TimeSpan LateTolerance = TimeSpan.FromMilliseconds(2);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(2);

    private readonly IStressClock _clock;
    private readonly IRequestSender _sender;
    private readonly int _maxInFlight;
    private readonly TimeSpan _giveUpAfter;
    private readonly TextWriter? _progress;
    private readonly CpuMeter? _cpu;
    private long _sequence;

    /// <param name="giveUpAfter">
    /// How long after the step's end to keep waiting for replies (and for the in-flight cap to free up) before
    /// counting what is left as NO_REPLY / NOT_SENT; should exceed the request deadline.
    /// </param>
    public StepRunner(IStressClock clock, IRequestSender sender, int maxInFlight, TimeSpan giveUpAfter, TextWriter? progress = null, CpuMeter? cpu = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxInFlight);
        _clock = clock;
        _sender = sender;
        _maxInFlight = maxInFlight;
        _giveUpAfter = giveUpAfter;
        _progress = progress;
        _cpu = cpu;
    }

    /// <summary>Sends the step's requests at <paramref name="offsets"/> from now, then waits for their replies.</summary>
    public StepResult Run(LoadStep step, IEnumerable<TimeSpan> offsets, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(offsets);
        var recorder = new StepRecorder(step.Measured);
        var inFlight = 0;
        var maxInFlight = 0;
        var start = _clock.Now;
        var measureFrom = start + step.Warmup;
        var measureTo = start + step.Length;
        var giveUpAt = measureTo + _giveUpAfter;
        var nextProgress = start + ProgressEvery;
        var measuring = false;
        var cancelled = false;
        long sent = 0;

        foreach (var offset in offsets)
        {
            if (cancellation.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }

            var intended = start + offset;
            var measured = intended >= measureFrom;
            _clock.WaitUntil(intended);
            if (measured && !measuring)
            {
                measuring = true;
                _cpu?.Start();
            }

            if (measured)
            {
                recorder.Scheduled();
            }

            // Over the cap the request waits for a slot rather than being dropped, and its latency keeps running from
            // its intended time; a cap that never frees up (a dead server) ends the step instead of hanging it.
            var held = false;
            while (Volatile.Read(ref inFlight) >= _maxInFlight && _clock.Now < giveUpAt && !cancellation.IsCancellationRequested)
            {
                held = true;
                _clock.WaitUntil(_clock.Now + Poll);
            }

            if (Volatile.Read(ref inFlight) >= _maxInFlight)
            {
                if (measured)
                {
                    recorder.NotSent();
                }

                continue;
            }

            var lag = _clock.Now - intended;
            if (measured)
            {
                recorder.Sent(lag, held || lag > LateTolerance, held);
            }

            // Counted before the send: a sender may report completion before Send returns.
            var now = Interlocked.Increment(ref inFlight);
            if (now > maxInFlight)
            {
                maxInFlight = now;
            }

            sent++;
            _sender.Send(_sequence++, error =>
            {
                var done = _clock.Now;
                Interlocked.Decrement(ref inFlight);
                if (measured)
                {
                    recorder.Completed(intended - measureFrom, done - intended, error);
                }
            });

            if (_progress is not null && _clock.Now >= nextProgress)
            {
                nextProgress += ProgressEvery;
                Report(step, start, sent, Volatile.Read(ref inFlight), recorder);
            }
        }

        // The window lasts its full length even when the last arrival came early or the run was interrupted.
        if (!cancelled)
        {
            _clock.WaitUntil(measureTo);
        }

        if (!measuring)
        {
            _cpu?.Start();
        }

        var cpu = _cpu?.Stop();
        var measuredSeconds = cancelled ? Math.Max(0, (_clock.Now - measureFrom).TotalSeconds) : step.Measured.TotalSeconds;

        // Drain, so the next step starts from a quiet client; the server may still be working off a backlog.
        while (Volatile.Read(ref inFlight) > 0 && _clock.Now < giveUpAt)
        {
            _clock.WaitUntil(_clock.Now + Poll);
        }

        return recorder.Close(step, measuredSeconds, maxInFlight, cpu, cancelled);
    }

    private void Report(LoadStep step, TimeSpan start, long sent, int inFlight, StepRecorder recorder) =>
        _progress!.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  step {step.Index} at {step.Rate:0.##}/s: {(_clock.Now - start).TotalSeconds:0}/{step.Length.TotalSeconds:0} s, sent {sent}, in flight {inFlight}, measured replies {recorder.Answered}, errors {recorder.ErrorCount}"));
}

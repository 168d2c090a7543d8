using System.Collections.Concurrent;
using HdrHistogram;

namespace Routing.LoadTest.Stress;

/// <summary>
/// One step's measurements, written by the dispatcher thread (sends) and by whichever threads deliver replies.
/// Latency goes into a concurrent HdrHistogram in microseconds (1 µs to 10 min, 3 significant digits). Once closed,
/// late replies are ignored: the requests they answer were already counted as NO_REPLY.
/// </summary>
internal sealed class StepRecorder
{
    private const long HighestMicros = 600_000_000;

    private readonly LongConcurrentHistogram _latency = new(1, HighestMicros, 3);

    // Written only by the dispatcher thread.
    private readonly LongHistogram _dispatchLag = new(1, HighestMicros, 3);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);

    // By second of intended send time within the measured window: shows whether a failure was one stall or a queue.
    private readonly long[] _secondCompleted;
    private readonly long[] _secondErrors;
    private readonly long[] _secondMaxMicros;
    private long _offered;
    private long _sent;
    private long _answered;
    private long _behind;
    private long _held;
    private int _closed;

    public StepRecorder(TimeSpan measured)
    {
        var seconds = (int)Math.Clamp(Math.Ceiling(measured.TotalSeconds), 1, 86_400);
        _secondCompleted = new long[seconds];
        _secondErrors = new long[seconds];
        _secondMaxMicros = new long[seconds];
    }

    public long Offered => Interlocked.Read(ref _offered);

    public long Answered => Interlocked.Read(ref _answered);

    public long ErrorCount => _errors.Values.Sum();

    /// <summary>A measured request came due.</summary>
    public void Scheduled() => Interlocked.Increment(ref _offered);

    /// <summary>A measured request could not be sent at all (the in-flight cap never freed up).</summary>
    public void NotSent() => _errors.AddOrUpdate(ErrorCodes.NotSent, 1, (_, n) => n + 1);

    /// <summary>A measured request went out <paramref name="lag"/> after its intended time.</summary>
    public void Sent(TimeSpan lag, bool behindSchedule, bool heldByCap)
    {
        Interlocked.Increment(ref _sent);
        _dispatchLag.RecordValue(ToMicros(lag));
        if (behindSchedule)
        {
            Interlocked.Increment(ref _behind);
        }

        if (heldByCap)
        {
            Interlocked.Increment(ref _held);
        }
    }

    /// <summary>
    /// A measured request, due <paramref name="intoWindow"/> after the measured window opened, finished
    /// <paramref name="latency"/> after its intended send time.
    /// </summary>
    public void Completed(TimeSpan intoWindow, TimeSpan latency, string? error)
    {
        if (Volatile.Read(ref _closed) != 0)
        {
            return;
        }

        Interlocked.Increment(ref _answered);
        var second = Math.Clamp((int)intoWindow.TotalSeconds, 0, _secondCompleted.Length - 1);
        if (error is null)
        {
            var micros = ToMicros(latency);
            _latency.RecordValue(micros);
            Interlocked.Increment(ref _secondCompleted[second]);
            var max = Interlocked.Read(ref _secondMaxMicros[second]);
            while (micros > max)
            {
                var seen = Interlocked.CompareExchange(ref _secondMaxMicros[second], micros, max);
                if (seen == max)
                {
                    break;
                }

                max = seen;
            }
        }
        else
        {
            _errors.AddOrUpdate(error, 1, (_, n) => n + 1);
            Interlocked.Increment(ref _secondErrors[second]);
        }
    }

    /// <summary>Stops recording and summarises; requests sent but not answered by now count as NO_REPLY.</summary>
    public StepResult Close(LoadStep step, double measuredSeconds, int maxInFlight, CpuUse? cpu, bool cancelled)
    {
        ArgumentNullException.ThrowIfNull(step);
        Interlocked.Exchange(ref _closed, 1);
        var unanswered = Interlocked.Read(ref _sent) - Interlocked.Read(ref _answered);
        if (unanswered > 0)
        {
            _errors.AddOrUpdate(ErrorCodes.NoReply, unanswered, (_, n) => n + unanswered);
        }

        var latency = LatencySummary.FromMicroseconds(_latency.Copy());
        return new StepResult
        {
            Index = step.Index,
            TargetRate = step.Rate,
            MeasuredSeconds = measuredSeconds,
            Offered = Offered,
            Completed = latency.Count,
            Latency = latency,
            Errors = new SortedDictionary<string, long>(_errors, StringComparer.Ordinal),
            BehindSchedule = Interlocked.Read(ref _behind),
            HeldByInFlightCap = Interlocked.Read(ref _held),
            DispatchLag = LatencySummary.FromMicroseconds(_dispatchLag),
            MaxInFlight = maxInFlight,
            Cpu = cpu,
            Cancelled = cancelled,
            PerSecond = [.. Enumerable.Range(0, _secondCompleted.Length).Select(i => new SecondFigures(
                Interlocked.Read(ref _secondCompleted[i]),
                Interlocked.Read(ref _secondErrors[i]),
                Interlocked.Read(ref _secondMaxMicros[i]) / 1000.0))],
        };
    }

    private static long ToMicros(TimeSpan span) => Math.Clamp(span.Ticks / TimeSpan.TicksPerMicrosecond, 1, HighestMicros);
}

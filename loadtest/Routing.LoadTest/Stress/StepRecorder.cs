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
    private long _offered;
    private long _sent;
    private long _answered;
    private long _behind;
    private long _held;
    private int _closed;

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

    /// <summary>A measured request finished <paramref name="latency"/> after its intended send time.</summary>
    public void Completed(TimeSpan latency, string? error)
    {
        if (Volatile.Read(ref _closed) != 0)
        {
            return;
        }

        Interlocked.Increment(ref _answered);
        if (error is null)
        {
            _latency.RecordValue(ToMicros(latency));
        }
        else
        {
            _errors.AddOrUpdate(error, 1, (_, n) => n + 1);
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
        };
    }

    private static long ToMicros(TimeSpan span) => Math.Clamp(span.Ticks / TimeSpan.TicksPerMicrosecond, 1, HighestMicros);
}

using System.Diagnostics;
using HdrHistogram;
using Routing.LoadTest.Report;

namespace Routing.LoadTest.Month;

/// <summary>The RPC kinds whose client-side latency a month records.</summary>
internal enum RpcKind
{
    AdvanceClock = 0,
    OfferCall = 1,
    EndCall = 2,
    Login = 3,
    Ready = 4,
    Accept = 5,
    Decline = 6,
    Complete = 7,
    Logout = 8,
}

/// <summary>
/// One HdrHistogram per RPC kind, in microseconds. Stream commands are recorded by the stream readers as their replies
/// arrive (many threads), so each histogram is guarded by a lock; recording costs tens of nanoseconds.
/// </summary>
internal sealed class RpcLatencyRecorder
{
    private static readonly string[] Names =
    [
        "AdvanceClock", "OfferCall", "EndCall", "AgentSession.Login", "AgentSession.Ready", "AgentSession.Accept",
        "AgentSession.Decline", "AgentSession.Complete", "AgentSession.Logout",
    ];

    /// <summary>One hour in microseconds: anything slower is recorded as an hour.</summary>
    private const long HighestMicros = 3_600_000_000;

    private readonly LongHistogram[] _histograms = [.. Names.Select(_ => new LongHistogram(HighestMicros, 3))];

    public static long Now() => Stopwatch.GetTimestamp();

    public void Record(RpcKind kind, long startTimestamp)
    {
        var micros = (long)Stopwatch.GetElapsedTime(startTimestamp).TotalMicroseconds;
        var histogram = _histograms[(int)kind];
        lock (histogram)
        {
            histogram.RecordValue(Math.Clamp(micros, 0, HighestMicros));
        }
    }

    public long Count(RpcKind kind)
    {
        var histogram = _histograms[(int)kind];
        lock (histogram)
        {
            return histogram.TotalCount;
        }
    }

    public IReadOnlyList<RpcLatency> Snapshot()
    {
        var latencies = new List<RpcLatency>(Names.Length);
        for (var i = 0; i < Names.Length; i++)
        {
            var histogram = _histograms[i];
            lock (histogram)
            {
                if (histogram.TotalCount == 0)
                {
                    continue;
                }

                latencies.Add(new RpcLatency(
                    Names[i],
                    histogram.TotalCount,
                    Ms(histogram.GetValueAtPercentile(50)),
                    Ms(histogram.GetValueAtPercentile(90)),
                    Ms(histogram.GetValueAtPercentile(99)),
                    Ms(histogram.GetValueAtPercentile(99.9)),
                    Ms(histogram.GetMaxValue())));
            }
        }

        return latencies;
    }

    private static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
}

using System.Diagnostics;
using System.Globalization;

namespace Routing.GrpcBench;

/// <summary>How long one fsync of a freshly appended 4 KiB takes where the journal lives: the floor of a durable commit.</summary>
internal sealed record DiskProbe(string Directory, int Samples, double P50Micros, double P99Micros, double MeanMicros)
{
    public static DiskProbe Measure(string directory, int samples = 200)
    {
        var path = Path.Combine(Path.GetFullPath(directory), $"routing-grpcbench-fsync-{Guid.NewGuid():N}.bin");
        var times = new double[samples];
        var block = new byte[4096];
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
            for (var i = 0; i < samples; i++)
            {
                file.Write(block);
                var started = Stopwatch.GetTimestamp();
                file.Flush(flushToDisk: true);
                times[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }
        }
        finally
        {
            File.Delete(path);
        }

        Array.Sort(times);
        return new DiskProbe(directory, samples, times[samples / 2], times[Math.Min(samples - 1, samples * 99 / 100)], times.Average());
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"fsync of 4 KiB appended under {Directory}: p50 {P50Micros:N0} us, p99 {P99Micros:N0} us, mean {MeanMicros:N0} us ({Samples} samples)");
}

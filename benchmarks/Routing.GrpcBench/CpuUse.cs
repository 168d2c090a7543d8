using System.Diagnostics;
using System.Globalization;

namespace Routing.GrpcBench;

/// <summary>
/// CPU use while a phase was measured, as shares of all cores: the whole machine (from /proc/stat), this process,
/// and the rest (other processes on the machine; a shared machine distorts the figures by that much). Steal is time
/// the hypervisor gave to other guests.
/// </summary>
internal sealed record CpuUse(double Seconds, double Machine, double ThisProcess, double Others, double Steal)
{
    public static CpuUse Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Samples at the window's start and end.</summary>
    public static async Task<CpuUse> DuringAsync(MeasureWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        await DelayUntil(window.Start);
        var before = Sample.Take();
        await DelayUntil(window.End);
        var after = Sample.Take();
        var wall = (double)(after.Timestamp - before.Timestamp) / Stopwatch.Frequency;
        var total = after.Total - before.Total;
        if (wall <= 0 || total <= 0)
        {
            return Zero;
        }

        var machine = (double)(after.Busy - before.Busy) / total;
        var ours = (after.ProcessCpu - before.ProcessCpu).TotalSeconds / (wall * Environment.ProcessorCount);
        return new CpuUse(wall, machine, ours, Math.Max(0, machine - ours), (double)(after.Steal - before.Steal) / total);
    }

    /// <summary>Time-weighted mean over rounds.</summary>
    public static CpuUse Mean(IReadOnlyList<CpuUse> uses)
    {
        ArgumentNullException.ThrowIfNull(uses);
        var seconds = uses.Sum(u => u.Seconds);
        if (seconds <= 0)
        {
            return Zero;
        }

        double Weighted(Func<CpuUse, double> f) => uses.Sum(u => f(u) * u.Seconds) / seconds;
        return new CpuUse(seconds, Weighted(u => u.Machine), Weighted(u => u.ThisProcess), Weighted(u => u.Others), Weighted(u => u.Steal));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"machine {Machine:P0}, this process {ThisProcess:P0}, others {Others:P0}, steal {Steal:P0}");

    private static Task DelayUntil(long timestamp)
    {
        var left = timestamp - Stopwatch.GetTimestamp();
        return left > 0 ? Task.Delay(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency)) : Task.CompletedTask;
    }

    private readonly record struct Sample(long Timestamp, long Total, long Busy, long Steal, TimeSpan ProcessCpu)
    {
        public static Sample Take()
        {
            long total = 0, busy = 0, steal = 0;
            try
            {
                // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user)
                var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
                total = ticks.Sum();
                busy = total - ticks[3] - ticks[4];
                steal = ticks.Length > 7 ? ticks[7] : 0;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
            }

            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return new Sample(Stopwatch.GetTimestamp(), total, busy, steal, process.TotalProcessorTime);
        }
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Routing.LoadTest.Stress;

/// <summary>
/// Measures <see cref="CpuUse"/> between <see cref="Start"/> and <see cref="Stop"/>. Client and server share the
/// machine, and on a shared machine other sessions take their part too, so each step records who used what. Without
/// /proc the machine and server shares read 0.
/// </summary>
internal sealed class CpuMeter(int? serverPid)
{
    private Sample _start;

    public void Start() => _start = Sample.Take(serverPid);

    public CpuUse Stop()
    {
        var end = Sample.Take(serverPid);
        var wall = Stopwatch.GetElapsedTime(_start.Timestamp, end.Timestamp).TotalSeconds;
        var total = end.Total - _start.Total;
        var client = wall > 0 ? (end.ProcessCpu - _start.ProcessCpu).TotalSeconds / (wall * Environment.ProcessorCount) : 0;
        var machine = total > 0 ? (double)(end.Busy - _start.Busy) / total : 0;
        double? server = serverPid is null ? null : total > 0 ? (double)(end.ServerTicks - _start.ServerTicks) / total : 0;
        return new CpuUse(machine, client, server, Math.Max(0, machine - client - (server ?? 0)));
    }

    /// <summary>Whether /proc/<paramref name="pid"/>/stat can be read (the process exists and is visible).</summary>
    public static bool CanRead(int pid) => ServerTicksOf(pid) is not null;

    /// <summary>utime + stime of a process in clock ticks (the unit of /proc/stat), or null.</summary>
    private static long? ServerTicksOf(int pid)
    {
        try
        {
            // pid (comm) state ppid ... : comm may hold spaces, so count fields after its closing parenthesis.
            var text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private readonly record struct Sample(long Timestamp, long Total, long Busy, long ServerTicks, TimeSpan ProcessCpu)
    {
        public static Sample Take(int? serverPid)
        {
            long total = 0, busy = 0;
            try
            {
                // cpu  user nice system idle iowait irq softirq steal ...
                var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
                total = ticks.Sum();
                busy = total - ticks[3] - ticks[4];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
            }

            var server = serverPid is { } pid ? ServerTicksOf(pid) ?? 0 : 0;
            using var process = Process.GetCurrentProcess();
            return new Sample(Stopwatch.GetTimestamp(), total, busy, server, process.TotalProcessorTime);
        }
    }
}

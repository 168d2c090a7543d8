using System.Globalization;
using System.Text;

namespace Routing.LoadTest.Stress;

/// <summary>The report as a table for people (stress-summary.txt, also printed on stdout).</summary>
internal static class StressSummary
{
    /// <summary>A share of the machine used by neither this client nor the measured server worth a warning.</summary>
    private const double NoisyShare = 0.25;

    public static string Write(StressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = report.Options;
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"Routing stress run {report.RunId}, {report.StartedAt:yyyy-MM-dd HH:mm} UTC, server {o.Server}, {Environment.ProcessorCount} cores shared by client and server");
        Line($"{(o.Arrivals == ArrivalProcess.Poisson ? "Poisson" : "constant-spaced")} arrivals, {o.Warmup.TotalSeconds:0.#} s warm-up + {o.StepDuration.TotalSeconds:0.#} s measured per step, mix {o.Mix}, {o.Gateways} gateway(s)");
        Line($"{o.Agents} agent(s) and {o.Clinicians} clinician(s), handle time {o.HandleTime.TotalSeconds:0.###} s; routine callers hang up after {(o.Patience > TimeSpan.Zero ? o.Patience.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s" : "never")}");
        Line($"latency = OfferCall reply - intended send time (open loop); sustained = p99 <= {o.P99LimitMs:0.##} ms and errors <= {o.MaxErrorFraction:0.##%}");
        Line($"cpu% = share of all cores used by this client / the server (with --server-pid) / everything else (other processes{(o.ServerPid is null ? ", the server included" : string.Empty)})");
        text.AppendLine();
        Line($"{"step",4} {"offered/s",10} {"achieved/s",10} {"calls",8} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"p99.9 ms",9} {"max ms",9} {"errors",7} {"res.exh",7} {"behind",7} {"lag p99",8} {"cpu% cl/srv/oth",16}  verdict");
        foreach (var step in report.Steps)
        {
            var r = step.Result;
            var cpu = r.Cpu is { } c
                ? string.Create(CultureInfo.InvariantCulture, $"{c.Client * 100:0}/{(c.Server is { } s ? (s * 100).ToString("0", CultureInfo.InvariantCulture) : "-")}/{c.Others * 100:0}")
                : "-";
            Line($"{r.Index,4} {r.TargetRate,10:N1} {r.AchievedRate,10:N1} {r.Offered,8} {r.Latency.P50,8:0.###} {r.Latency.P90,8:0.###} {r.Latency.P99,8:0.###} {r.Latency.P999,9:0.###} {r.Latency.Max,9:0.###} {r.ErrorCount,7} {r.ResourceExhausted,7} {r.BehindSchedule,7} {r.DispatchLag.P99,8:0.###} {cpu,16}  {(step.Passed ? "ok" : "NO")}: {step.Verdict}{(r.Cancelled ? " (interrupted)" : string.Empty)}");
        }

        // Only with --server-pid: without it "others" includes the server itself.
        var contended = report.Steps.Where(s => s.Result.Cpu is { Server: not null } c && c.Others > NoisyShare).Select(s => s.Result.Index).ToList();
        if (contended.Count > 0)
        {
            Line($"  other processes used more than {NoisyShare:0%} of the machine during step(s) {string.Join(", ", contended)}: their latencies include that contention");
        }

        foreach (var step in report.Steps.Where(s => !s.Passed && s.Result.PerSecond.Count > 0))
        {
            Line($"  step {step.Result.Index} slowest call by second (ms): {string.Join(" ", step.Result.PerSecond.Select(s => s.MaxMs.ToString("0.#", CultureInfo.InvariantCulture)))}");
        }

        foreach (var step in report.Steps.Where(s => s.Result.ErrorCount > 0))
        {
            Line($"  step {step.Result.Index} errors: {string.Join(", ", step.Result.Errors.Select(e => $"{e.Key} {e.Value}"))}");
        }

        text.AppendLine();
        if (report.HighestSustainedRate is { } best)
        {
            var bracket = report.LowestFailedRate is { } failed ? string.Create(CultureInfo.InvariantCulture, $"; lowest rate not sustained {failed:N1}/s") : string.Empty;
            Line($"highest rate sustained: {best:N1} calls/s{bracket}");
        }
        else
        {
            Line($"no step was sustained");
        }

        if (report.SearchStopReason is { } reason)
        {
            Line($"search stopped: {reason}");
        }

        if (report.Traffic.Count > 0)
        {
            Line($"traffic: {string.Join(", ", report.Traffic.Select(t => $"{t.Key} {t.Value}"))}");
        }

        return text.ToString();
    }
}

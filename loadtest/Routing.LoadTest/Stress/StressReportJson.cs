using System.Runtime.InteropServices;
using System.Text.Json;
using Routing.LoadTest.Cli;

namespace Routing.LoadTest.Stress;

/// <summary>The report as snake_case JSON (stress.json). Names and units are spelled out in its "definitions".</summary>
internal static class StressReportJson
{
    public static string Write(StressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = report.Options;
        return JsonOutput.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("command", "stress");
            w.WriteString("run_id", report.RunId);
            w.WriteString("started_at", report.StartedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("finished_at", report.FinishedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("server", o.Server.ToString());
            w.WriteStartObject("machine");
            w.WriteNumber("processor_count", Environment.ProcessorCount);
            w.WriteString("os", RuntimeInformation.OSDescription);
            w.WriteString("runtime", RuntimeInformation.FrameworkDescription);
            w.WriteString("note", o.ServerPid is null
                ? "client and server share these cores; cpu.others includes the server"
                : "client and server share these cores; cpu.server is the --server-pid process");
            w.WriteEndObject();

            w.WriteStartObject("settings");
            w.WriteBoolean("find_max", o.FindMax);
            if (!o.FindMax)
            {
                w.WriteStartArray("rates");
                foreach (var rate in o.Rates)
                {
                    w.WriteNumberValue(Math.Round(rate, 6));
                }

                w.WriteEndArray();
            }
            else
            {
                JsonOutput.Number(w, "start_rate", o.Rates[0]);
                JsonOutput.Number(w, "growth", o.Growth);
                w.WriteNumber("max_steps", o.MaxSteps);
            }

            w.WriteString("arrivals", o.Arrivals == ArrivalProcess.Poisson ? "poisson" : "constant");
            w.WriteNumber("seed", o.Seed);
            JsonOutput.Number(w, "prime_seconds", o.Prime.TotalSeconds);
            JsonOutput.Number(w, "warmup_seconds", o.Warmup.TotalSeconds);
            JsonOutput.Number(w, "step_seconds", o.StepDuration.TotalSeconds);
            w.WriteString("mix", o.Mix);
            w.WriteNumber("gateways", o.Gateways);
            w.WriteNumber("agents", o.Agents);
            w.WriteNumber("clinicians", o.Clinicians);
            JsonOutput.Number(w, "handle_seconds", o.HandleTime.TotalSeconds);
            JsonOutput.Number(w, "patience_seconds", o.Patience.TotalSeconds);
            w.WriteNumber("max_in_flight", o.MaxInFlight);
            if (o.ServerPid is { } pid)
            {
                w.WriteNumber("server_pid", pid);
            }

            JsonOutput.Number(w, "timeout_seconds", o.Timeout.TotalSeconds);
            w.WriteEndObject();

            w.WriteStartObject("criteria");
            JsonOutput.Number(w, "p99_limit_ms", o.P99LimitMs);
            JsonOutput.Number(w, "max_error_fraction", o.MaxErrorFraction);
            w.WriteEndObject();

            w.WriteStartObject("result");
            JsonOutput.Number(w, "highest_sustained_rate", report.HighestSustainedRate);
            JsonOutput.Number(w, "lowest_failed_rate", report.LowestFailedRate);
            if (report.SearchStopReason is { } reason)
            {
                w.WriteString("search_stop_reason", reason);
            }

            w.WriteBoolean("cancelled", report.Cancelled);
            w.WriteEndObject();

            w.WriteStartArray("steps");
            foreach (var step in report.Steps)
            {
                WriteStep(w, step);
            }

            w.WriteEndArray();

            w.WriteStartObject("traffic");
            foreach (var (name, count) in report.Traffic)
            {
                w.WriteNumber(name, count);
            }

            w.WriteEndObject();
            WriteDefinitions(w);
            w.WriteEndObject();
        });
    }

    private static void WriteStep(Utf8JsonWriter w, JudgedStep step)
    {
        var r = step.Result;
        w.WriteStartObject();
        w.WriteNumber("index", r.Index);
        if (step.StartedAt is { } startedAt)
        {
            w.WriteString("started_at", startedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        JsonOutput.Number(w, "target_rate", r.TargetRate);
        JsonOutput.Number(w, "achieved_rate", r.AchievedRate);
        JsonOutput.Number(w, "measured_seconds", r.MeasuredSeconds);
        w.WriteNumber("offered", r.Offered);
        w.WriteNumber("completed", r.Completed);
        WriteLatency(w, "latency_ms", r.Latency, full: true);
        w.WriteStartObject("errors");
        foreach (var (code, count) in r.Errors)
        {
            w.WriteNumber(code, count);
        }

        w.WriteEndObject();
        w.WriteNumber("error_count", r.ErrorCount);
        JsonOutput.Number(w, "error_fraction", r.ErrorFraction);
        w.WriteNumber("resource_exhausted", r.ResourceExhausted);
        w.WriteNumber("behind_schedule", r.BehindSchedule);
        w.WriteNumber("held_by_in_flight_cap", r.HeldByInFlightCap);
        WriteLatency(w, "dispatch_lag_ms", r.DispatchLag, full: false);
        w.WriteNumber("max_in_flight", r.MaxInFlight);
        if (r.Cpu is { } cpu)
        {
            w.WriteStartObject("cpu");
            JsonOutput.Number(w, "machine", Math.Round(cpu.Machine, 3));
            JsonOutput.Number(w, "client", Math.Round(cpu.Client, 3));
            JsonOutput.Number(w, "server", cpu.Server is { } server ? Math.Round(server, 3) : null);
            JsonOutput.Number(w, "others", Math.Round(cpu.Others, 3));
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("cpu");
        }

        w.WriteStartObject("per_second");
        w.WriteStartArray("completed");
        foreach (var second in r.PerSecond)
        {
            w.WriteNumberValue(second.Completed);
        }

        w.WriteEndArray();
        w.WriteStartArray("errors");
        foreach (var second in r.PerSecond)
        {
            w.WriteNumberValue(second.Errors);
        }

        w.WriteEndArray();
        w.WriteStartArray("max_ms");
        foreach (var second in r.PerSecond)
        {
            w.WriteNumberValue(Math.Round(second.MaxMs, 3));
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteBoolean("sustained", step.Passed);
        w.WriteString("verdict", step.Verdict);
        w.WriteBoolean("cancelled", r.Cancelled);
        w.WriteEndObject();
    }

    private static void WriteLatency(Utf8JsonWriter w, string name, LatencySummary s, bool full)
    {
        w.WriteStartObject(name);
        JsonOutput.Number(w, "p50", Math.Round(s.P50, 3));
        if (full)
        {
            JsonOutput.Number(w, "p90", Math.Round(s.P90, 3));
        }

        JsonOutput.Number(w, "p99", Math.Round(s.P99, 3));
        if (full)
        {
            JsonOutput.Number(w, "p99_9", Math.Round(s.P999, 3));
        }

        JsonOutput.Number(w, "max", Math.Round(s.Max, 3));
        JsonOutput.Number(w, "mean", Math.Round(s.Mean, 3));
        w.WriteEndObject();
    }

    private static void WriteDefinitions(Utf8JsonWriter w)
    {
        w.WriteStartObject("definitions");
        w.WriteString("open_loop", "each OfferCall is sent at its intended time (from the rate and arrival process) whether or not earlier calls have returned");
        w.WriteString("latency_ms", "successful OfferCall: reply time - intended send time, so any stall (server or client) shows in every call that came due during it; HdrHistogram, microsecond resolution, 3 significant digits");
        w.WriteString("offered", "calls whose intended send time fell in the step's measured window (the warm-up before it is sent, not counted)");
        w.WriteString("achieved_rate", "successful replies to offered calls / measured seconds");
        w.WriteString("errors", "offered calls that failed, by gRPC status code; NOT_SENT: the in-flight cap never freed up; NO_REPLY: no answer before the step gave up waiting; CLIENT_ERROR: the client failed below gRPC");
        w.WriteString("resource_exhausted", "routine calls the server's intake refused past its capacity: its designed overload answer, counted as errors because the call was not carried");
        w.WriteString("behind_schedule", "offered calls sent more than 2 ms after their intended time or held by max_in_flight (the lateness is inside their latency)");
        w.WriteString("dispatch_lag_ms", "actual send time - intended send time: the client's own share of each latency");
        w.WriteString("per_second", "each second of the measured window by intended send time: successes, failures and the slowest success in ms (one slow second is a stall; rising seconds are a queue)");
        w.WriteString("started_at", "UTC wall-clock start of the step (its warm-up), to line it up with the server's log");
        w.WriteString("sustained", "p99 latency <= p99_limit_ms and error_fraction <= max_error_fraction and at least one success");
        w.WriteString("highest_sustained_rate", "highest sustained target rate below every target rate that was not sustained");
        w.WriteString("cpu", "shares of all cores during the measured window: machine (from /proc/stat), client (this process), server (the --server-pid process; null when not given), others (everything else: other processes on a shared machine, and the server when it is not measured apart)");
        w.WriteString("traffic", "counts over the whole run: urgency_* triage outcomes of successful offers; gateway instructions received; agent_* desk events; hung_up_* EndCall CALLER_HUNG_UP after the patience; hang_up_failed_* by status");
        w.WriteEndObject();
    }
}

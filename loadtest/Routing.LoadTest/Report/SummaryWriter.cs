using System.Globalization;
using Routing.Core.Statistics;
using static Routing.LoadTest.Report.SummaryFormat;

namespace Routing.LoadTest.Report;

/// <summary>summary.txt: the report for people, sections in a fixed order, problems on lines starting with "!!!".</summary>
internal static partial class SummaryWriter
{
    public const string Alarm = "!!!";

    public static void Write(ReportDocument report, TextWriter writer, IReadOnlyList<string>? files = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        Header(report, writer);
        Integrity(report.Integrity, writer);
        Groups("SERVICE LEVEL BY QUEUE", "queue", [.. report.ByQueue, report.Totals], writer);
        Groups("SERVICE LEVEL BY URGENCY CLASS", "class", [.. report.ByUrgency, .. report.ByCategory, report.Totals], writer);
        Clinical(report, writer);
        Erlang(report.Erlang, writer);
        Throughput(report.Throughput, writer);
        Rpc(report.RpcLatencies, writer);
        Errors(report.Errors, writer);
        Definitions(report, writer);
        if (files is { Count: > 0 })
        {
            writer.WriteLine();
            writer.WriteLine("FILES");
            foreach (var file in files)
            {
                writer.WriteLine($"  {file}");
            }
        }
    }

    public static string ToText(ReportDocument report, IReadOnlyList<string>? files = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(report, writer, files);
        return writer.ToString();
    }

    private static void Header(ReportDocument report, TextWriter writer)
    {
        var run = report.Run;
        writer.WriteLine($"ROUTING LOAD-TEST REPORT: scenario {run.Scenario}, seed {run.Seed.ToString(CultureInfo.InvariantCulture)}");
        writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  server {run.Server}; run {Instant(run.Start)} .. {Instant(run.End)} ({run.Clock}, {run.DurationSeconds / 86_400:0.00} days); wall time {TimeSpan.FromSeconds(Math.Round(run.WallTimeSeconds)):c}"));
        writer.WriteLine($"  calls observed {Count(run.Calls)}; offered {Count(report.Totals.Offered)}; refused by the server {Count(report.Totals.Refused)}");
        var thresholds = string.Join(", ", run.Queues.Select(q => $"{q.Queue} T={Duration(q.ThresholdSeconds)} target {Percent(q.Target)}"));
        writer.WriteLine($"  queues: {thresholds}");
        writer.WriteLine($"  clinical deadlines: {string.Join(", ", run.Deadlines.Select(d => $"{d.Urgency} {Duration(d.DeadlineSeconds)}"))}; short abandon: under {Duration(run.ShortAbandonThresholdSeconds)}");
    }

    private static void Integrity(IntegrityFigures integrity, TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine("INTEGRITY (lost and duplicated calls must be 0)");
        if (integrity.LostCalls > 0)
        {
            writer.WriteLine($"{Alarm} LOST CALLS: {Count(integrity.LostCalls)} (must be 0): {Ids(integrity.LostCallIds, integrity.LostCalls)}");
        }

        if (integrity.DuplicatedCalls > 0)
        {
            writer.WriteLine($"{Alarm} DUPLICATED CALLS: {Count(integrity.DuplicatedCalls)} (must be 0): {Ids(integrity.DuplicatedCallIds, integrity.DuplicatedCalls)}");
        }

        if (integrity.Ok)
        {
            writer.WriteLine("  OK: 0 lost, 0 duplicated calls");
        }

        writer.WriteLine($"  unresolved at the end of the run (no answer, no abandon; strict misses): {Count(integrity.UnresolvedCalls)}; refused offers: {Count(integrity.RefusedCalls)}");
    }

    private static void Groups(string title, string first, IReadOnlyList<GroupFigures> groups, TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine($"{title} (T: the queue's threshold; SL columns are the three definitions below; waits of answered calls)");
        var table = new TextTable(
            first, "offered", "answered", "abandoned", "aband%", "T", "target",
            ServiceLevelDefinitions.AnsweredOnly, ServiceLevelDefinitions.Strict, ServiceLevelDefinitions.ShortAbandonsExcluded,
            "ASA s", "p50 s", "p90 s", "p95 s", "p99 s", "max s");
        foreach (var g in groups)
        {
            table.Add(
                g.Group,
                Count(g.Offered),
                Count(g.Answered),
                Count(g.Abandoned),
                Percent(g.AbandonRate),
                g.ThresholdSeconds is null ? "mixed" : Duration(g.ThresholdSeconds),
                g.Target is null ? "mixed" : Percent(g.Target),
                Percent(Sl(g, ServiceLevelDefinitions.AnsweredOnly)),
                Percent(Sl(g, ServiceLevelDefinitions.Strict)),
                Percent(Sl(g, ServiceLevelDefinitions.ShortAbandonsExcluded)),
                Seconds(g.AsaSeconds),
                Seconds(g.AnsweredWait.P50Seconds),
                Seconds(g.AnsweredWait.P90Seconds),
                Seconds(g.AnsweredWait.P95Seconds),
                Seconds(g.AnsweredWait.P99Seconds),
                Seconds(g.AnsweredWait.MaxSeconds));
        }

        table.WriteTo(writer);
        foreach (var g in groups.Where(g => g.Target is { } target && Sl(g, ServiceLevelDefinitions.Strict) < target))
        {
            writer.WriteLine($"  below target: {g.Group} strict {Percent(Sl(g, ServiceLevelDefinitions.Strict))} < {Percent(g.Target)}");
        }
    }

    private static void Throughput(IReadOnlyList<ThroughputFigures> throughput, TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine("THROUGHPUT (clock hours of the run's clock)");
        var table = new TextTable("queue", "arrivals", "answered", "completed", "mean/h", "peak arrival hour", "arrivals", "peak answer hour", "answered", "per 30 days");
        foreach (var t in throughput.Skip(1).Append(throughput[0]))
        {
            table.Add(
                t.Queue,
                Count(t.Arrivals),
                Count(t.Answered),
                Count(t.Completed),
                Number(t.MeanArrivalsPerHour),
                Instant(t.PeakArrivalHourStart),
                Count(t.PeakHourArrivals),
                Instant(t.PeakAnswerHourStart),
                Count(t.PeakHourAnswered),
                Number(t.ArrivalsPer30Days, "N0"));
        }

        table.WriteTo(writer);
    }

    private static void Rpc(IReadOnlyList<RpcLatency> latencies, TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine("RPC LATENCY (client side, milliseconds)");
        if (latencies.Count == 0)
        {
            writer.WriteLine("  none recorded");
            return;
        }

        var table = new TextTable("rpc", "count", "p50", "p90", "p99", "p99.9", "max");
        foreach (var r in latencies)
        {
            table.Add(r.Rpc, Count(r.Count), Number(r.P50Ms, "0.000"), Number(r.P90Ms, "0.000"), Number(r.P99Ms, "0.000"), Number(r.P999Ms, "0.000"), Number(r.MaxMs, "0.000"));
        }

        table.WriteTo(writer);
    }

    private static void Errors(IReadOnlyList<ErrorCount> errors, TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine("ERRORS");
        if (errors.Count == 0)
        {
            writer.WriteLine("  none");
            return;
        }

        writer.WriteLine($"{Alarm} {Count(errors.Sum(e => e.Count))} RPC failures or protocol surprises");
        var table = new TextTable("error", "count");
        foreach (var e in errors)
        {
            table.Add(e.Error, Count(e.Count));
        }

        table.WriteTo(writer);
    }

    private static void Definitions(ReportDocument report, TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine("DEFINITIONS");
        foreach (var d in report.Definitions)
        {
            writer.WriteLine($"  {d.Name}: {d.Meaning}");
        }
    }

    private static double? Sl(GroupFigures group, string definition) => ServiceLevelFigures.Get(group.ServiceLevels, definition).Value;
}

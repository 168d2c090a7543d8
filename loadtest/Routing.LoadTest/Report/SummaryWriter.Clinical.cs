using static Routing.LoadTest.Report.SummaryFormat;

namespace Routing.LoadTest.Report;

/// <summary>The clinical safety section: time to clinician, FTCE-A and FTCE-B per class, clinical abandonment.</summary>
internal static partial class SummaryWriter
{
    private static void Clinical(ReportDocument report, TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine("CLINICAL SAFETY (apart from the administrative SL; TTC = time to clinician, seconds)");
        var table = new TextTable(
            "class", "clinical", "reached", "TTC p50", "TTC p90", "TTC p95", "TTC p99", "TTC max", "deadline",
            "FTCE-B", "per 10k", "red-flag", "FTCE-A", "per 10k", "abandoned", "aband%");
        foreach (var g in report.ByUrgency.Append(report.Totals))
        {
            var c = g.Clinical;
            if (c.ClinicalCalls == 0 && c.RedFlagCalls == 0 && g.Group != ReportDocument.Total)
            {
                continue;
            }

            table.Add(
                g.Group,
                Count(c.ClinicalCalls),
                Count(c.ReachedClinician),
                Seconds(c.TimeToClinician.P50Seconds),
                Seconds(c.TimeToClinician.P90Seconds),
                Seconds(c.TimeToClinician.P95Seconds),
                Seconds(c.TimeToClinician.P99Seconds),
                Seconds(c.TimeToClinician.MaxSeconds),
                c.DeadlineSeconds is null ? (c.ClinicalCalls == 0 ? None : "mixed") : Duration(c.DeadlineSeconds),
                Count(c.FtceB),
                Number(c.FtceBPer10000),
                Count(c.RedFlagCalls),
                Count(c.FtceA),
                Number(c.FtceAPer10000),
                Count(c.ClinicalAbandoned),
                Percent(c.ClinicalAbandonRate));
        }

        table.WriteTo(writer);
        var total = report.Totals.Clinical;
        if (total.FtceA > 0)
        {
            var open = total.FtceAStillOpen > 0 ? $" ({Count(total.FtceAStillOpen)} still open when the run ended)" : string.Empty;
            writer.WriteLine($"{Alarm} FTCE-A: {Count(total.FtceA)} red-flag calls never reached a clinician{open} (target 0)");
        }

        if (total.FtceB > 0)
        {
            writer.WriteLine($"{Alarm} FTCE-B: {Count(total.FtceB)} clinical calls reached a clinician after their class deadline");
        }

        if (total.FtceA == 0 && total.FtceB == 0)
        {
            writer.WriteLine("  OK: FTCE-A 0, FTCE-B 0");
        }
    }
}

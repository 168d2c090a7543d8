using Routing.Core.Statistics;
using Routing.LoadTest.Report;
using static Routing.LoadTest.Tests.Report.ReportTestRuns;

namespace Routing.LoadTest.Tests.Report;

public sealed class ReportFiguresTests
{
    private readonly ReportDocument _report = ReportDocument.Build(Mixed());

    [Fact]
    public void Scheduling_service_level_under_each_definition()
    {
        var g = Group(_report.ByQueue, Scheduling);

        // s1..s7 and s9 offered (s8 refused); answered s1-s4, s9; within 60 s: s1 (10), s2 (30), s3 (60), s9 (20).
        Assert.Equal((8, 5, 4, 2, 1, 1, 0), (g.Offered, g.Answered, g.AnsweredWithinThreshold, g.Abandoned, g.ShortAbandons, g.Unresolved, g.Refused)); // refused: total only
        Assert.Equal(60, g.ThresholdSeconds);
        Assert.Equal(0.8, g.Target);
        AssertSl(g, ServiceLevelDefinitions.AnsweredOnly, 4, 5, 0.8);
        AssertSl(g, ServiceLevelDefinitions.Strict, 4, 8, 0.5);
        AssertSl(g, ServiceLevelDefinitions.ShortAbandonsExcluded, 4, 7, 4.0 / 7);
        Assert.Equal(2.0 / 8, g.AbandonRate);
    }

    [Fact]
    public void Clinical_short_abandons_are_never_excluded()
    {
        var g = Group(_report.ByQueue, Clinical);

        // c1 45 s, c2 90 s, c3 100 s within 120 s; c5, c6 answered late; c4 abandoned after 3 s; c7 still waiting.
        Assert.Equal((7, 5, 3, 1, 1, 1), (g.Offered, g.Answered, g.AnsweredWithinThreshold, g.Abandoned, g.ShortAbandons, g.Unresolved));
        AssertSl(g, ServiceLevelDefinitions.AnsweredOnly, 3, 5, 0.6);
        AssertSl(g, ServiceLevelDefinitions.Strict, 3, 7, 3.0 / 7);
        AssertSl(g, ServiceLevelDefinitions.ShortAbandonsExcluded, 3, 7, 3.0 / 7);
    }

    [Fact]
    public void Totals_mix_thresholds_and_exclude_only_administrative_short_abandons()
    {
        var t = _report.Totals;

        Assert.Equal((15, 10, 7, 3, 2, 2, 1), (t.Offered, t.Answered, t.AnsweredWithinThreshold, t.Abandoned, t.ShortAbandons, t.Unresolved, t.Refused));
        Assert.Null(t.ThresholdSeconds);
        Assert.Null(t.Target);
        AssertSl(t, ServiceLevelDefinitions.AnsweredOnly, 7, 10, 0.7);
        AssertSl(t, ServiceLevelDefinitions.Strict, 7, 15, 7.0 / 15);
        AssertSl(t, ServiceLevelDefinitions.ShortAbandonsExcluded, 7, 14, 0.5);
    }

    [Fact]
    public void Asa_and_wait_percentiles_of_answered_calls()
    {
        var g = Group(_report.ByQueue, Scheduling);

        Assert.Equal(42, g.AsaSeconds); // (10 + 30 + 60 + 90 + 20) / 5
        Assert.Equal(255.0 / 7, g.AsaAllCallsSeconds); // plus the abandons' 5 and 40 s, over the 7 calls with an outcome
        Assert.Equal(new DurationStats(5, 42, 30, 90, 90, 90, 90), g.AnsweredWait);
        Assert.Equal(new DurationStats(5, 1047, 100, 3000, 3000, 3000, 3000), Group(_report.ByQueue, Clinical).AnsweredWait);
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        var stats = DurationStats.Of(Enumerable.Range(1, 100).Select(i => (double)(101 - i)));

        Assert.Equal(new DurationStats(100, 50.5, 50, 90, 95, 99, 100), stats);
        Assert.Equal(new DurationStats(3, 2, 2, 3, 3, 3, 3), DurationStats.Of([3, 1, 2]));
        Assert.Equal(DurationStats.Empty, DurationStats.Of([]));
    }

    [Fact]
    public void Ftce_a_and_b_per_class_and_in_total()
    {
        var total = _report.Totals.Clinical;

        // FTCE-A counts red flags only (clinical-triage.md): c7 (still waiting) and s9 (answered by a non-clinician).
        // c4 is URGENT without a red flag: it hung up unreached and counts as a clinical abandon, not as FTCE-A.
        Assert.Equal((7L, 4L, 5L, 2L, 1L, 2L, 1L), (total.ClinicalCalls, total.RedFlagCalls, total.ReachedClinician, total.FtceA, total.FtceAStillOpen, total.FtceB, total.ClinicalAbandoned));
        Assert.Equal(2 * 10_000.0 / 4, total.FtceAPer10000);
        Assert.Equal(2 * 10_000.0 / 7, total.FtceBPer10000);
        Assert.Equal(1.0 / 7, total.ClinicalAbandonRate);
        Assert.Equal(new DurationStats(5, 1047, 100, 3000, 3000, 3000, 3000), total.TimeToClinician);
        Assert.Null(total.DeadlineSeconds);

        var emergency = Group(_report.ByUrgency, "EMERGENCY").Clinical;
        Assert.Equal((2L, 1L, 0L, 60.0), (emergency.ClinicalCalls, emergency.FtceB, emergency.FtceA, emergency.DeadlineSeconds!.Value));
        Assert.Equal(new DurationStats(2, 67.5, 45, 90, 90, 90, 90), emergency.TimeToClinician);

        var urgent = Group(_report.ByUrgency, "URGENT").Clinical;
        Assert.Equal((2L, 1L, 0L, 1800.0, 1L), (urgent.ClinicalCalls, urgent.FtceB, urgent.FtceA, urgent.DeadlineSeconds!.Value, urgent.ClinicalAbandoned));

        var emergent = Group(_report.ByUrgency, "EMERGENT").Clinical;
        Assert.Equal((0L, 1L, 1L, 120.0), (emergent.FtceB, emergent.FtceA, emergent.FtceAStillOpen, emergent.DeadlineSeconds!.Value));

        Assert.Equal(7200.0, Group(_report.ByUrgency, "SAME_DAY").Clinical.DeadlineSeconds);

        var routine = Group(_report.ByUrgency, "ROUTINE").Clinical;
        Assert.Equal((0L, 1L, 1L, 0L), (routine.ClinicalCalls, routine.RedFlagCalls, routine.FtceA, routine.FtceB));
    }

    [Fact]
    public void Groups_come_in_a_fixed_order()
    {
        Assert.Equal([Clinical, Scheduling], _report.ByQueue.Select(g => g.Group));
        Assert.Equal(["EMERGENCY", "EMERGENT", "URGENT", "SAME_DAY", "ROUTINE"], _report.ByUrgency.Select(g => g.Group));
        Assert.Equal(["clinical", "administrative"], _report.ByCategory.Select(g => g.Group));
        Assert.Equal((7L, 8L), (_report.ByCategory[0].Offered, _report.ByCategory[1].Offered));
    }

    [Fact]
    public void Hourly_service_level_counts_calls_in_their_hour_of_arrival()
    {
        var scheduling = _report.ServiceLevelByHour.Single(q => q.Queue == Scheduling);
        var clinical = _report.ServiceLevelByHour.Single(q => q.Queue == Clinical);

        Assert.Equal(24, scheduling.Hours.Count);
        Assert.Equal((8L, 5L, 4L), (scheduling.Hours[8].Offered, scheduling.Hours[8].Answered, scheduling.Hours[8].AnsweredWithinThreshold));
        Assert.Equal(0.5, ServiceLevelFigures.Get(scheduling.Hours[8].ServiceLevels, ServiceLevelDefinitions.Strict).Value);
        Assert.Null(ServiceLevelFigures.Get(scheduling.Hours[9].ServiceLevels, ServiceLevelDefinitions.Strict).Value);
        Assert.Equal(6, clinical.Hours[8].Offered);
        Assert.Equal(1, clinical.Hours[11].Offered); // c7 arrived at 11:50
        Assert.Equal(0.8, scheduling.Target);
    }

    [Fact]
    public void Wait_histogram_splits_clinical_from_administrative()
    {
        var histogram = _report.WaitDistribution;

        Assert.Equal(WaitHistogram.Edges.Count, histogram.Bins.Count);
        Assert.Equal("<5s", histogram.Bins[0].Label);
        Assert.Equal("45s–1m", histogram.Bins[6].Label);
        Assert.Equal("≥2h", histogram.Bins[^1].Label);
        var admin = histogram.Series.Single(s => s.Name == WaitHistogram.Administrative);
        var clinical = histogram.Series.Single(s => s.Name == WaitHistogram.Clinical);

        // Administrative 10, 30, 60, 90, 20 s; clinical 45, 90, 100, 3000, 2000 s.
        Assert.Equal(5, admin.Count);
        Assert.Equal([0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0], admin.Counts);
        Assert.Equal([0, 0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 0, 2, 0, 0], clinical.Counts);
    }

    [Fact]
    public void Throughput_finds_the_busiest_clock_hour()
    {
        var total = _report.Throughput[0];
        var scheduling = _report.Throughput.Single(t => t.Queue == Scheduling);

        Assert.Equal(ReportDocument.Total, total.Queue);
        Assert.Equal((15L, 10L, 10L), (total.Arrivals, total.Answered, total.Completed));
        Assert.Equal(Start, total.PeakArrivalHourStart);
        Assert.Equal(14, total.PeakHourArrivals);
        Assert.Equal(15.0 / 4, total.MeanArrivalsPerHour);
        Assert.Equal(15.0 / 4 * 24 * 30, total.ArrivalsPer30Days);
        Assert.Equal(9, total.PeakHourAnswered); // c6 was answered at 08:48:20; c5 at 09:04
        Assert.Equal(8, scheduling.Arrivals);
    }

    [Fact]
    public void Lost_and_duplicated_calls_are_reported()
    {
        var clean = _report.Integrity;
        Assert.True(clean.Ok);
        Assert.Equal((0L, 0L, 2L, 1L), (clean.LostCalls, clean.DuplicatedCalls, clean.UnresolvedCalls, clean.RefusedCalls));

        var broken = ReportDocument.Build(Mixed(
            lost: ["x-2", "x-1", "x-2"],
            duplicated: ["d-1"],
            extra: [Answered("s1", Scheduling, Routing.V1.Urgency.Routine, 30, 1)])).Integrity;
        Assert.False(broken.Ok);
        Assert.Equal(2, broken.LostCalls);
        Assert.Equal(["x-1", "x-2"], broken.LostCallIds);
        Assert.Equal(2, broken.DuplicatedCalls);
        Assert.Equal(["d-1", "s1"], broken.DuplicatedCallIds);
    }

    [Fact]
    public void Settings_change_the_short_abandon_threshold_and_deadlines()
    {
        var report = ReportDocument.Build(Mixed(), new ReportSettings { ShortAbandonThreshold = TimeSpan.FromSeconds(41) });

        // s6 (40 s) is now short too: W / (8 - 2).
        AssertSl(Group(report.ByQueue, Scheduling), ServiceLevelDefinitions.ShortAbandonsExcluded, 4, 6, 4.0 / 6);
        Assert.Equal(41, report.Run.ShortAbandonThresholdSeconds);
        Assert.Equal(["EMERGENCY", "EMERGENT", "URGENT", "SAME_DAY"], report.Run.Deadlines.Select(d => d.Urgency));
        Assert.Equal([60.0, 120, 1800, 7200], report.Run.Deadlines.Select(d => d.DeadlineSeconds));
    }

    private static GroupFigures Group(IEnumerable<GroupFigures> groups, string name) => groups.Single(g => g.Group == name);

    private static void AssertSl(GroupFigures group, string definition, long numerator, long denominator, double value)
    {
        var figure = ServiceLevelFigures.Get(group.ServiceLevels, definition);
        Assert.Equal(new ServiceLevelFigure(definition, numerator, denominator, value), figure);
    }
}

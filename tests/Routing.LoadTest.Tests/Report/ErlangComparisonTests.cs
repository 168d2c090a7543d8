using Routing.LoadTest.Erlang;
using Routing.LoadTest.Report;
using Routing.V1;
using static Routing.LoadTest.Tests.Report.ReportTestRuns;

namespace Routing.LoadTest.Tests.Report;

public sealed class ErlangComparisonTests
{
    /// <summary>
    /// scheduling, T = 20 s: 08:00-08:30 has 100 calls (AHT 180 s) and 14 agents (two rows, 10 + 4), the published
    /// check case (Erlang C SL 0.888350, ASA 7.84 s); 08:30-09:00 has 20 calls and no agents; 09:00-09:30 is staffed
    /// but quiet; 5 calls arrive at 10:00, outside the staffing. 90 of the 120 compared calls wait 0 s, 10 wait 30 s,
    /// 20 (the unstaffed interval) abandon after 50 s.
    /// </summary>
    private static RunObservations Run(TimeSpan? patience)
    {
        var calls = new List<CallObservation>();
        for (var i = 0; i < 100; i++)
        {
            var call = Answered($"a{i}", Scheduling, Urgency.Routine, i * 18, i < 90 ? 0 : 30);
            calls.Add(call with { Patience = patience });
        }

        for (var i = 0; i < 20; i++)
        {
            calls.Add(Abandoned($"b{i}", Scheduling, Urgency.Routine, 1800 + (i * 90), 50) with { Patience = patience });
        }

        for (var i = 0; i < 5; i++)
        {
            calls.Add(Answered($"c{i}", Scheduling, Urgency.Routine, 7200 + i, 0));
        }

        var half = TimeSpan.FromMinutes(30);
        return ReportTestRuns.Run(
            calls,
            staffing:
            [
                new StaffingSlot(Start, half, Scheduling, false, 10),
                new StaffingSlot(Start, half, Scheduling, false, 4),
                new StaffingSlot(Start + half, half, Scheduling, false, 0),
                new StaffingSlot(Start + half + half, half, Scheduling, false, 3),
            ],
            thresholds: new Dictionary<string, TimeSpan> { [Scheduling] = TimeSpan.FromSeconds(20) });
    }

    [Fact]
    public void Erlang_c_is_weighted_by_arrivals_and_unstaffed_intervals_count_as_zero()
    {
        var e = Assert.Single(ReportDocument.Build(Run(patience: null)).Erlang);

        Assert.Equal(Scheduling, e.Queue);
        Assert.Equal((3L, 2L, 1L, 20L, 5L, 120L), (e.StaffingIntervals, e.IntervalsWithArrivals, e.IntervalsWithoutAgents, e.ArrivalsWithoutAgents, e.ArrivalsOutsideStaffing, e.Arrivals));
        Assert.Equal(20, e.ThresholdSeconds);
        Assert.Equal(180, e.MeanHandleTimeSeconds);
        Assert.Null(e.MeanPatienceSeconds);
        Assert.Equal(90.0 / 120, e.ObservedServiceLevel); // the 10 that waited 30 s and the 20 abandons miss
        Assert.Equal(20.0 / 120, e.ObservedAbandonRate);
        Assert.Equal(((10 * 30) + (20 * 50)) / 120.0, e.ObservedAsaAllCallsSeconds);

        var published = new ErlangC(200, 180, 14);
        Assert.Equal(0.888350, published.ServiceLevel(20), 6);
        Assert.Equal(ErlangC.ModelName, e.ErlangC.Model);
        Assert.Equal(100 * published.ServiceLevel(20) / 120, e.ErlangC.ServiceLevel!.Value, 12);
        Assert.Equal(published.AsaSeconds, e.ErlangC.AsaSeconds!.Value, 12);
        Assert.Equal(7.84, e.ErlangC.AsaSeconds!.Value, 2);
        Assert.Equal((1L, 0L, 0L), (e.ErlangC.IntervalsPredicted, e.ErlangC.UnstableIntervals, e.ErlangC.FailedIntervals));
        Assert.Null(e.ErlangA);
    }

    [Fact]
    public void Erlang_a_uses_the_mean_finite_patience()
    {
        var e = Assert.Single(ReportDocument.Build(Run(patience: TimeSpan.FromSeconds(300))).Erlang);

        Assert.Equal(300, e.MeanPatienceSeconds);
        var a = Assert.IsType<ErlangPrediction>(e.ErlangA);
        Assert.Equal(ErlangA.ModelName, a.Model);
        Assert.Equal(100 * 0.916792 / 120, a.ServiceLevel!.Value, 6);
        Assert.Equal(100 * 0.013984 / 120, a.AbandonRate!.Value, 6);
        Assert.Equal(4.20, a.AsaSeconds!.Value, 2);
    }

    [Fact]
    public void Overloaded_intervals_predict_zero_and_leave_asa_out()
    {
        var calls = Enumerable.Range(0, 30).Select(i => Answered($"o{i}", Scheduling, Urgency.Routine, i * 60, 5)).ToArray();
        var run = ReportTestRuns.Run(calls, staffing: [new StaffingSlot(Start, TimeSpan.FromMinutes(30), Scheduling, false, 2)]);

        var e = Assert.Single(ReportDocument.Build(run).Erlang);

        // 30 calls x 180 s in 30 min = 3 Erlangs on 2 agents: no steady state.
        Assert.Equal((1L, 1L), (e.ErlangC.IntervalsPredicted, e.ErlangC.UnstableIntervals));
        Assert.Equal(0, e.ErlangC.ServiceLevel);
        Assert.Null(e.ErlangC.AsaSeconds);
        Assert.Equal(1.0, e.ObservedServiceLevel);
    }
}

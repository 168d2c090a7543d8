using static Routing.LoadTest.Report.SummaryFormat;

namespace Routing.LoadTest.Report;

/// <summary>The Erlang section: observed against predicted per queue, and why intervals were left out.</summary>
internal static partial class SummaryWriter
{
    private static void Erlang(IReadOnlyList<ErlangComparison> comparisons, TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine("ERLANG COMPARISON (same staffing per interval, weighted by arrivals; SL = strict, ASA = mean wait over all arrivals)");
        if (comparisons.Count == 0)
        {
            writer.WriteLine("  no staffing in the run: nothing to compare");
            return;
        }

        var table = new TextTable(
            "queue", "arrivals", "T", "AHT s", "patience s", "observed SL", "Erlang C SL", "Erlang A SL",
            "observed ASA", "Erlang C ASA", "Erlang A ASA", "observed aband%", "Erlang A aband%");
        foreach (var e in comparisons)
        {
            table.Add(
                e.Queue,
                Count(e.Arrivals),
                Duration(e.ThresholdSeconds),
                Seconds(e.MeanHandleTimeSeconds),
                Seconds(e.MeanPatienceSeconds),
                Percent(e.ObservedServiceLevel),
                Percent(e.ErlangC.ServiceLevel),
                Percent(e.ErlangA?.ServiceLevel),
                Seconds(e.ObservedAsaAllCallsSeconds),
                Seconds(e.ErlangC.AsaSeconds),
                Seconds(e.ErlangA?.AsaSeconds),
                Percent(e.ObservedAbandonRate),
                Percent(e.ErlangA?.AbandonRate));
        }

        table.WriteTo(writer);
        foreach (var e in comparisons)
        {
            if (e.IntervalsWithoutAgents > 0)
            {
                writer.WriteLine($"  {e.Queue}: {Count(e.IntervalsWithoutAgents)} intervals had arrivals but no agents ({Count(e.ArrivalsWithoutAgents)} calls): skipped by the models, counted as predicted SL 0");
            }

            if (e.ErlangC.UnstableIntervals > 0)
            {
                writer.WriteLine($"  {e.Queue}: {Count(e.ErlangC.UnstableIntervals)} intervals with offered load at or above the agents: Erlang C SL 0 there, left out of its ASA");
            }

            var failed = e.ErlangC.FailedIntervals + (e.ErlangA?.FailedIntervals ?? 0);
            if (failed > 0)
            {
                writer.WriteLine($"  {e.Queue}: {Count(failed)} interval predictions could not be solved and were left out");
            }

            if (e.ArrivalsOutsideStaffing > 0)
            {
                writer.WriteLine($"  {e.Queue}: {Count(e.ArrivalsOutsideStaffing)} calls arrived outside every staffing interval: left out of both sides");
            }

            if (e.ErlangA is null)
            {
                writer.WriteLine($"  {e.Queue}: no finite patience observed, so no Erlang A");
            }
        }
    }
}

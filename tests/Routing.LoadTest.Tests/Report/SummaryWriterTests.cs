using Routing.LoadTest.Report;
using static Routing.LoadTest.Tests.Report.ReportTestRuns;

namespace Routing.LoadTest.Tests.Report;

public sealed class SummaryWriterTests
{
    [Fact]
    public void Clean_run_says_ok_and_prints_the_figures()
    {
        var text = SummaryWriter.ToText(ReportDocument.Build(Mixed()));
        var lines = text.Split('\n');

        Assert.Contains("  OK: 0 lost, 0 duplicated calls", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("!!! LOST", StringComparison.Ordinal));
        var scheduling = Row(lines, "SERVICE LEVEL BY QUEUE", "scheduling");
        Assert.Equal(
            ["scheduling", "8", "5", "2", "25.00%", "1", "min", "80.00%", "80.00%", "50.00%", "57.14%", "42.0", "30.0", "90.0", "90.0", "90.0", "90.0"],
            scheduling);
        Assert.Contains("  below target: scheduling strict 50.00% < 80.00%", lines);
        var emergency = Row(lines, "CLINICAL SAFETY", "EMERGENCY");
        Assert.Equal(["EMERGENCY", "2", "2", "45.0", "90.0", "90.0", "90.0", "90.0", "1", "min", "1", "5000.0", "2", "0", "0.0", "0", "0.00%"], emergency);
        // A clinical class without red flags still has its row: its abandons and late contacts show there.
        var urgent = Row(lines, "CLINICAL SAFETY", "URGENT");
        Assert.Equal("URGENT", urgent[0]);
        Assert.Equal("1", urgent[^2]);
        Assert.Contains("!!! FTCE-A: 2 red-flag calls never reached a clinician (1 still open when the run ended) (target 0)", lines);
        Assert.Contains("!!! FTCE-B: 2 clinical calls reached a clinician after their class deadline", lines);
        Assert.Contains("!!! 1 RPC failures or protocol surprises", lines);
        Assert.Contains(lines, l => l.StartsWith("  strict: W / offered", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  short-abandons-excluded: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Lost_and_duplicated_calls_are_loud()
    {
        var lost = Enumerable.Range(1, 12).Select(i => $"x-{i:00}").ToArray();
        var text = SummaryWriter.ToText(ReportDocument.Build(Mixed(lost: lost, duplicated: ["d-1"])));
        var lines = text.Split('\n');

        Assert.Contains("!!! LOST CALLS: 12 (must be 0): x-01, x-02, x-03, x-04, x-05, x-06, x-07, x-08, x-09, x-10, ... (2 more in report.json)", lines);
        Assert.Contains("!!! DUPLICATED CALLS: 1 (must be 0): d-1", lines);
        Assert.DoesNotContain("  OK: 0 lost, 0 duplicated calls", lines);
    }

    [Fact]
    public void Erlang_notes_explain_skipped_intervals()
    {
        var run = Run(
            [Answered("a", Scheduling, Routing.V1.Urgency.Routine, 0, 0), Answered("b", Scheduling, Routing.V1.Urgency.Routine, 1900, 0)],
            staffing:
            [
                new StaffingSlot(Start, TimeSpan.FromMinutes(30), Scheduling, false, 2),
                new StaffingSlot(Start.AddMinutes(30), TimeSpan.FromMinutes(30), Scheduling, false, 0),
            ]);

        var lines = SummaryWriter.ToText(ReportDocument.Build(run)).Split('\n');

        Assert.Contains("  scheduling: 1 intervals had arrivals but no agents (1 calls): skipped by the models, counted as predicted SL 0", lines);
        Assert.Contains("  scheduling: no finite patience observed, so no Erlang A", lines);
    }

    /// <summary>The cells of the row starting with <paramref name="first"/> in the table after <paramref name="section"/>.</summary>
    private static string[] Row(string[] lines, string section, string first)
    {
        var start = Array.FindIndex(lines, l => l.StartsWith(section, StringComparison.Ordinal));
        var line = lines.Skip(start).First(l => l.StartsWith("  " + first + " ", StringComparison.Ordinal));
        return line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}

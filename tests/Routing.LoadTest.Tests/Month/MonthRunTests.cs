using Routing.Core.Configuration;
using Routing.LoadTest.Month;
using Routing.LoadTest.Report;
using CoreUrgency = Routing.Core.Urgencies.Urgency;

namespace Routing.LoadTest.Tests.Month;

/// <summary>
/// Small months replayed over real gRPC against the real server, hosted in process in simulation mode. The clock only
/// moves when the harness advances it, so these runs take seconds of wall time and never sleep.
/// </summary>
public sealed class MonthRunTests
{
    [Fact]
    public async Task The_small_month_loses_nothing_and_every_red_flag_reaches_a_clinician_in_time()
    {
        var (run, summary) = await RunAsync(Scenarios.Small);

        Assert.Equal(2_500, run.Calls.Count);
        Assert.Empty(run.LostCallIds);
        Assert.Empty(run.DuplicatedCallIds);
        Assert.Empty(run.Errors);
        Assert.Equal(0, summary.Refused);
        Assert.Equal(summary.Offered, summary.Answered + summary.Abandoned);
        Assert.All(run.Calls, c => Assert.NotNull(c.EndedAt));

        var redFlags = run.Calls.Where(c => c.RedFlag).ToArray();
        Assert.InRange(redFlags.Length, 150, 250);
        Assert.All(redFlags, c =>
        {
            Assert.NotNull(c.ClinicianContactAt);
            Assert.True(c.AnsweredByClinician);
            Assert.True(c.ClinicianContactAt - c.ArrivedAt <= Deadline(c), $"{c.Kind} ({c.Urgency}) reached a clinician after its deadline");
        });
        Assert.True(summary.RedFlagsEscalated);
    }

    [Fact]
    public async Task The_harness_sees_what_triage_decided_and_who_answered()
    {
        var (run, _) = await RunAsync(Scenarios.Small);

        Assert.All(run.Calls.Where(c => c.Kind == "red-flag-emergency"), c => Assert.Equal(Routing.V1.Urgency.Emergency, c.Urgency));
        Assert.All(run.Calls.Where(c => c.Urgency >= Routing.V1.Urgency.SameDay && c.AnsweredAt is not null), c =>
        {
            Assert.Equal("clinical-triage", c.QueueId);
            Assert.True(c.AnsweredByClinician);
            Assert.StartsWith("sim-clinician-", c.AnsweredByAgentId, StringComparison.Ordinal);
        });
        Assert.All(run.Calls.Where(c => c.Urgency == Routing.V1.Urgency.Routine && c.AnsweredAt is not null), c => Assert.False(c.AnsweredByClinician));
        Assert.All(run.Calls.Where(c => c.AnsweredAt is not null && c.EndedAt is not null && c.AbandonedAt is null), c =>
            Assert.Equal(c.HandleTime, c.EndedAt!.Value - c.AnsweredAt!.Value));
        Assert.Contains(run.RpcLatencies, l => l.Rpc == "AdvanceClock" && l.Count > 0);
        Assert.Contains(run.RpcLatencies, l => l.Rpc == "OfferCall" && l.Count == 2_500);
        Assert.Contains(run.RpcLatencies, l => l.Rpc == "AgentSession.Accept");
        Assert.Equal(Scenarios.Monday, run.Start);
        Assert.NotEmpty(run.Staffing);
    }

    [Fact]
    public async Task With_clinicians_understaffed_red_flag_calls_wait_past_their_deadlines_and_the_run_says_so()
    {
        var (run, summary) = await RunAsync(Scenarios.WithClinicians(Scenarios.OneDay(1_500), 0.35));

        Assert.Empty(run.LostCallIds);
        Assert.Empty(run.DuplicatedCallIds);
        var late = run.Calls.Where(c => c.RedFlag && (c.ClinicianContactAt is null || c.ClinicianContactAt - c.ArrivedAt > Deadline(c))).ToArray();
        Assert.NotEmpty(late);
        Assert.Equal(late.Length, summary.RedFlagLate + summary.RedFlagWithoutClinician);
        Assert.False(summary.RedFlagsEscalated);

        // The report built from the same observations counts them as failures to clinically escalate.
        var report = ReportDocument.Build(run);
        Assert.True(report.Totals.Clinical.FtceB > 0 || report.Totals.Clinical.FtceA > 0);
    }

    [Fact]
    public async Task A_seed_replays_the_same_month()
    {
        var scenario = Scenarios.OneDay(800);
        var (first, _) = await RunAsync(scenario);
        var (second, _) = await RunAsync(scenario);

        Assert.Equal(Outcomes(first), Outcomes(second));
    }

    [Fact]
    public async Task A_server_not_in_simulation_mode_is_refused_with_what_to_do()
    {
        await using var server = await SimulationServer.StartAsync(simulation: false);
        await using var driver = new MonthDriver(new MonthRunOptions { Scenario = Scenarios.Small, HttpHandler = server.Handler, Server = "http://localhost" });

        var error = await Assert.ThrowsAsync<MonthRunException>(() => driver.RunAsync());

        Assert.Contains("--Routing:Simulation:Enabled=true", error.Message, StringComparison.Ordinal);
    }

    private static async Task<(RunObservations Run, MonthSummary Summary)> RunAsync(MonthScenario scenario)
    {
        await using var server = await SimulationServer.StartAsync();
        await using var driver = new MonthDriver(new MonthRunOptions { Scenario = scenario, HttpHandler = server.Handler, Server = "http://localhost" });
        var result = await driver.RunAsync();
        return (result.Observations, result.Summary);
    }

    private static TimeSpan Deadline(CallObservation call) =>
        RoutingOptions.DefaultEscalation.TryGetValue((CoreUrgency)(int)call.Urgency, out var policy) ? policy.Deadline : TimeSpan.MaxValue;

    private static string[] Outcomes(RunObservations run) =>
        [.. run.Calls.Select(c => $"{c.CallId} {c.QueueId} {c.Urgency} {c.AnsweredAt:O} {c.AnsweredByAgentId} {c.AbandonedAt:O} {c.EndedAt:O}")];
}

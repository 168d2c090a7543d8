using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Routing.Core.Events;
using Routing.Server.Configuration;
using Routing.Server.Simulation;
using Routing.Server.Tests.Infrastructure;
using Routing.V1;
using Instruction = Routing.V1.GatewaySessionResponse.InstructionOneofCase;

namespace Routing.Server.Tests;

/// <summary>
/// Simulation mode: the server on a virtual clock that only SimulationService.AdvanceClock moves, and an advance that
/// returns only once everything its timers caused has been written to the agent and gateway streams. No test here
/// sleeps or moves a clock any other way; the waits are for stream messages the server has already written.
/// </summary>
public sealed class SimulationModeTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    // The scheduling queue's defaults in appsettings.json.
    private static readonly TimeSpan RingTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan WrapUp = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AdvanceClock_is_refused_with_failed_precondition_on_the_wall_clock()
    {
        await using var host = await RoutingTestHost.StartAsync();

        var ex = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => Clock(host).AdvanceClockAsync(new AdvanceClockRequest()).ResponseAsync);

        var violation = Assert.Single(RpcAssert.Detail<PreconditionFailure>(ex).Violations);
        Assert.Equal("SIMULATION_MODE", violation.Type);
        Assert.Equal("Routing:Simulation:Enabled", violation.Subject);
        Assert.False(string.IsNullOrWhiteSpace(violation.Description));
    }

    [Fact]
    public async Task A_target_in_the_past_is_invalid_argument_on_until()
    {
        await using var host = await StartSimulationAsync();
        var now = (await AdvanceAsync(host)).Now.ToDateTimeOffset();

        var request = new AdvanceClockRequest { Until = Timestamp.FromDateTimeOffset(now - TimeSpan.FromSeconds(1)) };
        var ex = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Clock(host).AdvanceClockAsync(request).ResponseAsync);
        RpcAssert.NamesField(ex, "until");
        Assert.Equal(now, (await AdvanceAsync(host)).Now.ToDateTimeOffset());
    }

    [Fact]
    public async Task An_offer_made_by_the_harness_stops_the_advance_at_once_with_the_agents_watermark()
    {
        await using var host = await StartSimulationAsync();
        await using var agent = await AgentDesk.ReadyAsync(host, "sched-01", AgentRole.NonClinical);
        var decision = await host.Calls.OfferCallAsync(Offers.Scheduling("call-1"));

        var advance = await AdvanceAsync(host, Start + TimeSpan.FromHours(1), stopOnOffer: true);

        Assert.True(advance.StoppedOnOffer);
        Assert.Equal(Start, advance.Now.ToDateTimeOffset());
        Assert.Equal(0, advance.TimerInstants);
        var watermark = Assert.Single(advance.Watermarks, w => w.AgentId == "sched-01");
        var offer = await agent.Inbox.NextAsync(m => m.Offer is not null, "the offer");
        Assert.Equal("call-1", offer.Offer.CallId);
        Assert.True(offer.EventSequence > decision.DecisionSequence);
        Assert.True(advance.LastSequence >= offer.EventSequence);

        // The offer is the last thing the event that made it sent this desktop: the reserved state goes with it.
        var reserved = await agent.Inbox.NextAsync(m => m.StateChanged?.State == AgentState.Reserved, "the reserved state");
        Assert.Equal(offer.EventSequence, reserved.EventSequence);
        Assert.Equal(offer.EventSequence, watermark.EventSequence);

        // Replies to commands, and the state a login is answered with, are no event's doing.
        Assert.All(agent.Inbox.All.Where(m => m.CommandAccepted is not null), m => Assert.Equal(0, m.EventSequence));
        Assert.Equal(0, agent.Inbox.All[0].EventSequence);

        // Reported once: the next advance neither stops nor repeats it.
        var next = await AdvanceAsync(host, Start + TimeSpan.FromSeconds(1), stopOnOffer: true);
        Assert.False(next.StoppedOnOffer);
        Assert.DoesNotContain(next.Watermarks, w => w.AgentId == "sched-01");
        Assert.Equal(Start + TimeSpan.FromSeconds(1), next.Now.ToDateTimeOffset());
    }

    [Fact]
    public async Task An_unanswered_offer_is_withdrawn_when_the_virtual_clock_passes_the_ring_timeout()
    {
        await using var host = await StartSimulationAsync();
        await using var agent = await AgentDesk.ReadyAsync(host, "sched-01", AgentRole.NonClinical);
        await host.Calls.OfferCallAsync(Offers.Scheduling("call-1"));
        var offered = await AdvanceAsync(host, Start + TimeSpan.FromHours(1), stopOnOffer: true);
        Assert.True(offered.StoppedOnOffer);

        // Just short of the ring timeout the offer still rings.
        var before = await AdvanceAsync(host, Start + RingTimeout - TimeSpan.FromMilliseconds(1));
        Assert.DoesNotContain(before.Watermarks, w => w.AgentId == "sched-01");
        Assert.DoesNotContain(await host.JournalAsync(), e => e is OfferTimedOut);

        var after = await AdvanceAsync(host, Start + RingTimeout);
        Assert.Equal(Start + RingTimeout, after.Now.ToDateTimeOffset());
        Assert.True(after.TimerInstants >= 1);
        var watermark = Assert.Single(after.Watermarks, w => w.AgentId == "sched-01");

        // Written before AdvanceClock answered: it is on the stream, up to the watermark.
        var cancelled = await agent.Inbox.NextAsync(m => m.OfferCancelled is not null, "the offer cancellation");
        Assert.Equal("call-1", cancelled.OfferCancelled.CallId);
        Assert.Equal(Routing.V1.OfferCancelReason.RingTimeout, cancelled.OfferCancelled.Reason);
        var timedOut = Assert.Single((await host.JournalAsync()).OfType<OfferTimedOut>());
        Assert.Equal(timedOut.Sequence, cancelled.EventSequence);
        Assert.Equal(Start + RingTimeout, timedOut.At);
        Assert.Equal(cancelled.EventSequence, watermark.EventSequence);
        Assert.Equal(AgentState.NotReady, (await agent.Inbox.NextAsync(m => m.EventSequence == watermark.EventSequence && m.StateChanged is not null, "the not-ready state")).StateChanged.State);
    }

    [Fact]
    public async Task Advancing_across_a_wrap_up_end_stops_on_the_next_offer_at_exactly_that_instant()
    {
        await using var host = await StartSimulationAsync();
        await using var agent = await AgentDesk.ReadyAsync(host, "sched-01", AgentRole.NonClinical);
        await host.Calls.OfferCallAsync(Offers.Scheduling("call-1"));
        await host.Calls.OfferCallAsync(Offers.Scheduling("call-2"));
        Assert.True((await AdvanceAsync(host, Start + TimeSpan.FromSeconds(5), stopOnOffer: true)).StoppedOnOffer);
        Assert.Equal("call-1", (await agent.NextOfferAsync()).CallId);

        await AdvanceAsync(host, Start + TimeSpan.FromSeconds(5));
        await agent.AcceptAsync("call-1");
        await AdvanceAsync(host, Start + TimeSpan.FromSeconds(65));
        await agent.CompleteAsync("call-1");
        var completed = Assert.Single((await host.JournalAsync()).OfType<CallCompleted>());
        Assert.Equal(Start + TimeSpan.FromSeconds(65), completed.At);

        var advance = await AdvanceAsync(host, Start + TimeSpan.FromHours(1), stopOnOffer: true);

        Assert.True(advance.StoppedOnOffer);
        Assert.Equal(completed.At + WrapUp, advance.Now.ToDateTimeOffset());
        var offer = await agent.Inbox.NextAsync(m => m.Offer?.CallId == "call-2", "the offer of call-2");
        Assert.Equal(offer.EventSequence, Assert.Single(advance.Watermarks, w => w.AgentId == "sched-01").EventSequence);
        var offered = Assert.Single((await host.JournalAsync()).OfType<CallOffered>(), e => e.CallId == "call-2");
        Assert.Equal(completed.At + WrapUp, offered.At);

        // Going on from there does not stop again for the same offer.
        var rest = await AdvanceAsync(host, advance.Now.ToDateTimeOffset() + TimeSpan.FromSeconds(1), stopOnOffer: true);
        Assert.False(rest.StoppedOnOffer);
    }

    [Fact]
    public async Task Gateway_instructions_carry_their_event_sequence_also_when_resent_after_a_reconnect()
    {
        await using var host = await StartSimulationAsync();
        var gateway = await GatewayLink.ConnectAsync(host, "gw-1");
        await host.Calls.OfferCallAsync(Offers.ChestTightness("call-1"));

        // Read first: the gateway's hello is answered by nothing else, so only this shows the session is attached.
        var advice = await gateway.NextAsync("call-1", Instruction.PlayEmergencyAdvice);
        var advance = await AdvanceAsync(host);

        Assert.True(advice.EventSequence > 0);
        Assert.Equal(advice.Sequence, advice.EventSequence);
        Assert.Equal(advice.EventSequence, Assert.Single(advance.Watermarks, w => w.GatewayId == "gw-1").EventSequence);
        Assert.Equal(advice.EventSequence, Assert.Single((await host.JournalAsync()).OfType<EmergencyAdviceInstructed>()).Sequence);

        // Not acknowledged, so re-sent on the next connection, with the same event sequence.
        await gateway.DropAsync();
        await using var again = await GatewayLink.ConnectAsync(host, "gw-1");
        var resent = await again.NextAsync("call-1", Instruction.PlayEmergencyAdvice);
        Assert.Equal(advice.EventSequence, resent.EventSequence);
        await gateway.DisposeAsync();
    }

    [Fact]
    public async Task Position_announcements_a_timer_starts_are_written_before_the_advance_returns()
    {
        await using var host = await StartSimulationAsync(("Routing:AnnounceInterval", "00:01:00"));
        await using var gateway = await GatewayLink.ConnectAsync(host, "gw-1");

        // Announcements are momentary and go to an attached session only: an instruction shows the hello was read.
        await host.Calls.OfferCallAsync(Offers.ChestTightness("call-0"));
        await gateway.NextAsync("call-0", Instruction.PlayEmergencyAdvice);
        await host.Calls.OfferCallAsync(Offers.Scheduling("call-1"));

        var advance = await AdvanceAsync(host, Start + TimeSpan.FromSeconds(61));
        Assert.Equal(Start + TimeSpan.FromSeconds(61), advance.Now.ToDateTimeOffset());

        // Anything sent after the advance returned comes after the announcement on the same stream.
        await host.Calls.OfferCallAsync(Offers.ChestTightness("call-2"));
        await AdvanceAsync(host);
        await gateway.NextAsync("call-2", Instruction.PlayEmergencyAdvice);
        var stream = gateway.Inbox.All.ToList();
        var announcement = stream.FindIndex(m => m.CallId == "call-1" && m.InstructionCase == Instruction.AnnouncePosition);
        var advice = stream.FindIndex(m => m.CallId == "call-2" && m.InstructionCase == Instruction.PlayEmergencyAdvice);
        Assert.InRange(announcement, 0, advice - 1);
        Assert.Equal(0, stream[announcement].EventSequence);
    }

    [Fact]
    public async Task The_clock_never_moves_without_AdvanceClock()
    {
        await using var host = await StartSimulationAsync();
        Assert.IsType<VirtualClock>(host.Service<TimeProvider>());

        await using var agent = await AgentDesk.ReadyAsync(host, "sched-01", AgentRole.NonClinical);
        for (var i = 1; i <= 20; i++)
        {
            await host.Calls.OfferCallAsync(Offers.Scheduling($"call-{i}"));
        }

        // However long all that took on the wall clock, no virtual time passed and no timer fired.
        var barrier = await AdvanceAsync(host);
        Assert.Equal(Start, barrier.Now.ToDateTimeOffset());
        Assert.Equal(0, barrier.TimerInstants);
        Assert.All(await host.JournalAsync(), e => Assert.Equal(Start, e.At));
        Assert.Equal(Start, host.Service<TimeProvider>().GetUtcNow());

        var later = await AdvanceAsync(host, Start + TimeSpan.FromMinutes(1));
        Assert.Equal(Start + TimeSpan.FromMinutes(1), later.Now.ToDateTimeOffset());
        Assert.True(later.TimerInstants > 0);
    }

    [Fact]
    public async Task The_statistics_tick_runs_only_while_a_dashboard_watches()
    {
        await using var host = await StartSimulationAsync();

        // Nobody watching: ten virtual seconds pass without a single timer instant (a month used to fire 2.6 million).
        var unwatched = await AdvanceAsync(host, Start + TimeSpan.FromSeconds(10));
        Assert.Equal(0, unwatched.TimerInstants);

        using var watch = host.Stats.WatchQueueStats(new WatchQueueStatsRequest());
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));

        // Watched: one refresh per StatsPublishInterval (1 s by default).
        var watched = await AdvanceAsync(host, Start + TimeSpan.FromSeconds(20));
        Assert.Equal(10, watched.TimerInstants);
    }

    [Fact]
    public async Task Simulated_clinicians_are_on_the_roster_only_in_simulation_mode()
    {
        await using (var host = await StartSimulationAsync(("Routing:Simulation:Clinicians", "3")))
        {
            await using var clinician = AgentDesk.Open(host, "sim-clinician-003");
            await clinician.LogInAsync(AgentRole.Clinician);
            await using var extra = AgentDesk.Open(host, "sim-clinician-004");
            Assert.Equal(CommandRejectionCode.PermissionDenied, (await extra.RejectedAsync(new AgentSessionRequest { Login = new LoginCommand { AgentId = "sim-clinician-004", Role = AgentRole.Clinician } })).Code);
        }

        await using var live = await RoutingTestHost.StartAsync();
        await using var desk = AgentDesk.Open(live, "sim-clinician-001");
        Assert.Equal(CommandRejectionCode.PermissionDenied, (await desk.RejectedAsync(new AgentSessionRequest { Login = new LoginCommand { AgentId = "sim-clinician-001", Role = AgentRole.Clinician } })).Code);
    }

    [Fact]
    public void In_simulation_mode_the_journal_is_in_memory_unless_chosen_explicitly()
    {
        Assert.Equal("InMemory", JournalFor(("Routing:Simulation:Enabled", "true")));
        Assert.Equal("Sqlite", JournalFor(("Routing:Simulation:Enabled", "true"), ("Routing:Storage:Journal", "Sqlite")));
        Assert.Equal("Sqlite", JournalFor(("Routing:Simulation:Enabled", "false")));
    }

    [Fact]
    public void Bad_simulation_settings_are_named()
    {
        var options = new RoutingServerOptions { Simulation = { Enabled = true, Clinicians = -1 } };
        RoutingConfiguration.Build(options, out var errors);
        Assert.Contains(errors, e => e.StartsWith("Routing:Simulation:Clinicians:", StringComparison.Ordinal));

        options = new RoutingServerOptions
        {
            Simulation = { Enabled = true, Clinicians = 2 },
            Roster = [new RosterEntry { AgentId = "sim-clinician-002", Role = "Clinician" }],
        };
        RoutingConfiguration.Build(options, out errors);
        Assert.Contains(errors, e => e.StartsWith("Routing:Simulation:Clinicians:", StringComparison.Ordinal) && e.Contains("sim-clinician-002", StringComparison.Ordinal));
    }

    private static Task<RoutingTestHost> StartSimulationAsync(params (string Key, string Value)[] settings) =>
        RoutingTestHost.StartAsync([("Routing:Simulation:Enabled", "true"), .. settings]);

    private static SimulationService.SimulationServiceClient Clock(RoutingTestHost host) => new(host.Channel);

    private static async Task<AdvanceClockResponse> AdvanceAsync(RoutingTestHost host, DateTimeOffset? until = null, bool stopOnOffer = false)
    {
        var request = new AdvanceClockRequest { StopOnOffer = stopOnOffer };
        if (until is { } target)
        {
            request.Until = Timestamp.FromDateTimeOffset(target);
        }

        return await Wait.For(Clock(host).AdvanceClockAsync(request).ResponseAsync, $"AdvanceClock to {until:O}");
    }

    private static string JournalFor(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false, reloadOnChange: false)
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        RoutingServer.ConfigureServices(services, configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<RoutingServerOptions>>().Value.Storage.Journal;
    }
}

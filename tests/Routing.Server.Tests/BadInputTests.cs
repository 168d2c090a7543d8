using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Routing.Core.Events;
using Routing.Server.Tests.Infrastructure;
using Routing.V1;

namespace Routing.Server.Tests;

/// <summary>Client mistakes come back with the right status code and say what to fix; none is UNKNOWN.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private RoutingTestHost _host = null!;

    public async Task InitializeAsync() => _host = await RoutingTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_offer_without_a_call_id_names_call_id()
    {
        var ex = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => _host.Calls.OfferCallAsync(Offers.Scheduling(string.Empty)).ResponseAsync);
        RpcAssert.NamesField(ex, "call_id");
    }

    [Fact]
    public async Task An_offer_with_priority_42_names_priority()
    {
        var request = Offers.Scheduling("call-1");
        request.Priority = 42;
        var ex = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => _host.Calls.OfferCallAsync(request).ResponseAsync);
        RpcAssert.NamesField(ex, "priority");

        // Refused means refused: the call does not exist, and the corrected offer creates it.
        Assert.DoesNotContain(await _host.JournalAsync(), e => e is CallArrived);
        request.Priority = 9;
        Assert.Equal("scheduling", (await _host.Calls.OfferCallAsync(request)).QueueId);
    }

    [Fact]
    public async Task A_call_id_reused_with_different_content_is_already_exists()
    {
        await _host.Calls.OfferCallAsync(Offers.Scheduling("call-1"));
        var different = Offers.Scheduling("call-1");
        different.CallerWords = "actually it is about my bill";
        var ex = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => _host.Calls.OfferCallAsync(different).ResponseAsync);
        Assert.Equal("call_id", RpcAssert.Detail<ErrorInfo>(ex).Metadata["field"]);
    }

    [Fact]
    public async Task An_identical_offer_retry_returns_the_original_decision_and_creates_no_second_call()
    {
        var first = await _host.Calls.OfferCallAsync(Offers.Scheduling("call-1"));
        var retry = await _host.Calls.OfferCallAsync(Offers.Scheduling("call-1"));

        Assert.Equal(first.DecisionSequence, retry.DecisionSequence);
        Assert.Equal(first.Urgency, retry.Urgency);
        Assert.Equal(first.QueueId, retry.QueueId);
        Assert.Equal(first.FiredRuleIds, retry.FiredRuleIds);
        Assert.Equal(first.RuleSetVersion, retry.RuleSetVersion);
        Assert.Single(await _host.JournalAsync(), e => e is CallArrived { CallId: "call-1" });
    }

    [Fact]
    public async Task Updating_an_unknown_call_is_not_found()
    {
        var ex = await RpcAssert.FailsAsync(StatusCode.NotFound, () => _host.Calls.UpdateCallAsync(new UpdateCallRequest { CallId = "nobody", GatewayId = "gw-1", CallerWords = "hello" }).ResponseAsync);
        Assert.Equal("call_id", RpcAssert.Detail<ErrorInfo>(ex).Metadata["field"]);
    }

    [Fact]
    public async Task Ending_a_call_without_a_reason_names_reason()
    {
        await _host.Calls.OfferCallAsync(Offers.Scheduling("call-1"));
        var ex = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => _host.Calls.EndCallAsync(new EndCallRequest { CallId = "call-1", GatewayId = "gw-1" }).ResponseAsync);
        RpcAssert.NamesField(ex, "reason");
    }

    [Fact]
    public async Task A_report_ending_before_it_starts_names_end()
    {
        var start = _host.Clock.GetUtcNow();
        var ex = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => _host.Stats.GetServiceLevelReportAsync(new GetServiceLevelReportRequest
        {
            Start = Timestamp.FromDateTimeOffset(start),
            End = Timestamp.FromDateTimeOffset(start - TimeSpan.FromHours(1)),
        }).ResponseAsync);
        RpcAssert.NamesField(ex, "end");
    }

    [Fact]
    public async Task The_call_timeline_of_a_server_without_a_durable_journal_is_failed_precondition()
    {
        // The contract once said UNIMPLEMENTED; the audit service now reads the durable journal's audit records and
        // refuses, saying why, when the server runs in memory (as these tests do).
        var ex = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => _host.Audit.GetCallTimelineAsync(new GetCallTimelineRequest { CallId = "call-1" }).ResponseAsync);
        Assert.NotEmpty(RpcAssert.Detail<PreconditionFailure>(ex).Violations);
    }

    [Fact]
    public async Task A_gateway_session_that_does_not_start_with_hello_names_hello_gateway_id()
    {
        using var session = _host.Calls.GatewaySession();
        await session.RequestStream.WriteAsync(new GatewaySessionRequest { Ack = new GatewayAck { Sequence = 1 } });
        var ex = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => session.ResponseStream.MoveNext(CancellationToken.None));
        RpcAssert.NamesField(ex, "hello.gateway_id");
    }

    [Fact]
    public async Task Watching_an_unknown_queue_names_queue_ids()
    {
        using var watch = _host.Stats.WatchQueueStats(new WatchQueueStatsRequest { QueueIds = { "scheduling", "no-such-queue" } });
        var ex = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => watch.ResponseStream.MoveNext(CancellationToken.None));
        RpcAssert.NamesField(ex, "queue_ids");
    }

    [Fact]
    public async Task Call_events_from_a_negative_sequence_names_from_sequence()
    {
        using var watch = _host.Stats.WatchCallEvents(new WatchCallEventsRequest { FromSequence = -1 });
        var ex = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => watch.ResponseStream.MoveNext(CancellationToken.None));
        RpcAssert.NamesField(ex, "from_sequence");
    }

    [Fact]
    public async Task A_clinician_login_for_someone_not_on_the_roster_is_permission_denied()
    {
        await using var desk = AgentDesk.Open(_host, "locum-77");
        var rejected = await desk.RejectedAsync(new AgentSessionRequest { Login = new LoginCommand { AgentId = "locum-77", Role = AgentRole.Clinician } });
        Assert.Equal(CommandRejectionCode.PermissionDenied, rejected.Code);
        Assert.Equal("login.role", rejected.Field);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Message));

        // Not logged in: the session still refuses anything but a login.
        var ready = await desk.RejectedAsync(new AgentSessionRequest { Ready = new ReadyCommand() });
        Assert.Equal(CommandRejectionCode.FailedPrecondition, ready.Code);
    }

    [Fact]
    public async Task A_command_before_login_is_failed_precondition()
    {
        await using var desk = AgentDesk.Open(_host, "sched-01");
        var rejected = await desk.RejectedAsync(new AgentSessionRequest { Ready = new ReadyCommand() });
        Assert.Equal(CommandRejectionCode.FailedPrecondition, rejected.Code);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Message));
    }

    [Fact]
    public async Task Accepting_someone_elses_offer_is_failed_precondition_and_leaves_the_offer_with_its_agent()
    {
        await using var ringing = await AgentDesk.ReadyAsync(_host, "sched-01", AgentRole.NonClinical);
        await using var other = AgentDesk.Open(_host, "sched-02");
        await other.LogInAsync(AgentRole.NonClinical);
        await _host.Calls.OfferCallAsync(Offers.Scheduling("call-1"));
        Assert.Equal("call-1", (await ringing.NextOfferAsync()).CallId);

        var rejected = await other.RejectedAsync(new AgentSessionRequest { AcceptOffer = new AcceptOfferCommand { CallId = "call-1" } });
        Assert.Equal(CommandRejectionCode.FailedPrecondition, rejected.Code);

        await ringing.AcceptAsync("call-1");
    }
}

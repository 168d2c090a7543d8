using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Routing.Storage.Tests.Infrastructure;
using Routing.V1;

namespace Routing.Storage.Tests;

/// <summary>The gRPC audit service on the real server (TestServer), over the durable journal and without one.</summary>
public sealed class AuditServiceTests
{
    [Fact]
    public async Task Timeline_verification_and_incident_report_over_the_durable_journal()
    {
        using var db = new TempDatabase();
        await using var server = await Server.StartAsync(("Routing:Storage:Journal", "Sqlite"), ("Routing:Storage:Path", db.Path));
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        await server.Calls.OfferCallAsync(new OfferCallRequest
        {
            CallId = "c-1",
            GatewayId = "gw-9",
            ReasonCode = "SCHEDULING",
            CallerWords = "my chest feels tight",
            RedFlags = { "CARDIAC_CHEST" },
            CallerAge = 70,
        });

        var timeline = await server.Audit.GetCallTimelineAsync(new GetCallTimelineRequest { CallId = "c-1" });

        var arrived = timeline.Entries[0];
        Assert.Equal((CallEventType.Arrived, "CallArrived"), (arrived.Kind, arrived.JournalKind));
        Assert.Equal((ActorKind.Gateway, "gw-9"), (arrived.Actor.Kind, arrived.Actor.Id));
        Assert.Equal(Urgency.Emergency, arrived.Urgency);
        Assert.Contains("RF-CARDIAC", arrived.FiredRuleIds);
        Assert.False(string.IsNullOrEmpty(arrived.RuleSetVersion));
        Assert.Equal(["CARDIAC_CHEST"], arrived.TriageInputs.RedFlags);
        Assert.Equal(("my chest feels tight", 70), (arrived.TriageInputs.CallerWords, arrived.TriageInputs.CallerAge));
        Assert.True(arrived.RedFlag);
        Assert.Equal(1, arrived.AuditRecordId);
        Assert.Contains(timeline.Entries, e => e.JournalKind == "EmergencyAdviceInstructed");
        Assert.Contains(timeline.Entries, e => e.Kind == CallEventType.Paged && e.Reason.StartsWith("duty clinician", StringComparison.Ordinal));
        Assert.Contains(timeline.Entries, e => e.Kind == CallEventType.Queued && e.QueueId == "clinical-triage");

        var verification = await server.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest());
        Assert.True(verification.Intact);
        Assert.Equal(timeline.Entries.Count, verification.RecordsChecked);
        Assert.Equal(64, verification.LastHash.Length);
        Assert.Null(verification.FirstBreak);

        var report = await server.Audit.GetIncidentReportAsync(new GetIncidentReportRequest
        {
            StartTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(started),
            EndTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(started.AddHours(1)),
        });
        Assert.Equal((1L, 1L, 1L), (report.Totals.Calls, report.Totals.SymptomCalls, report.Totals.RedFlagCalls));

        db.Execute("UPDATE audit SET actor = 'system' WHERE id = 1");
        var broken = await server.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest());
        Assert.False(broken.Intact);
        Assert.Equal((1L, AuditChainBreakKind.HashMismatch), (broken.FirstBreak.RecordId, broken.FirstBreak.Kind));
    }

    [Fact]
    public async Task Unknown_call_is_NOT_FOUND_and_a_bad_range_is_INVALID_ARGUMENT_naming_the_field()
    {
        using var db = new TempDatabase();
        await using var server = await Server.StartAsync(("Routing:Storage:Journal", "Sqlite"), ("Routing:Storage:Path", db.Path));

        var unknown = await Assert.ThrowsAsync<RpcException>(() => server.Audit.GetCallTimelineAsync(new GetCallTimelineRequest { CallId = "nobody" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);

        var now = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        var empty = await Assert.ThrowsAsync<RpcException>(() => server.Audit.GetIncidentReportAsync(new GetIncidentReportRequest { StartTime = now, EndTime = now }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);
        var violation = Assert.Single(empty.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal("end_time", violation.Field);

        var missing = await Assert.ThrowsAsync<RpcException>(() => server.Audit.GetIncidentReportAsync(new GetIncidentReportRequest { EndTime = now }).ResponseAsync);
        Assert.Equal("start_time", Assert.Single(missing.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);
    }

    [Fact]
    public async Task Without_a_durable_journal_every_rpc_is_FAILED_PRECONDITION()
    {
        await using var server = await Server.StartAsync(("Routing:Storage:Journal", "InMemory"));

        var calls = new Func<Task>[]
        {
            () => server.Audit.GetCallTimelineAsync(new GetCallTimelineRequest { CallId = "c-1" }).ResponseAsync,
            () => server.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest()).ResponseAsync,
            () => server.Audit.GetIncidentReportAsync(new GetIncidentReportRequest()).ResponseAsync,
        };
        foreach (var call in calls)
        {
            var e = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
            Assert.Contains("without a durable journal", e.Status.Detail, StringComparison.Ordinal);
        }
    }

    private sealed class Server : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly GrpcChannel _channel;

        private Server(WebApplication app, GrpcChannel channel)
        {
            _app = app;
            _channel = channel;
            Audit = new AuditService.AuditServiceClient(channel);
            Calls = new CallRoutingService.CallRoutingServiceClient(channel);
        }

        public AuditService.AuditServiceClient Audit { get; }

        public CallRoutingService.CallRoutingServiceClient Calls { get; }

        public static async Task<Server> StartAsync(params (string Key, string Value)[] settings)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Testing" });
            builder.WebHost.UseTestServer();
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false, reloadOnChange: false);
            builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
            builder.Logging.ClearProviders();
            Routing.Server.RoutingServer.ConfigureServices(builder.Services, builder.Configuration);
            var app = builder.Build();
            Routing.Server.RoutingServer.MapEndpoints(app);
            await app.StartAsync();
            var channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = app.GetTestServer().CreateHandler(), DisposeHttpClient = true });
            return new Server(app, channel);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            _channel.Dispose();
            await _app.DisposeAsync();
        }
    }
}

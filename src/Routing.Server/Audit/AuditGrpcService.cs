using Grpc.Core;
using Routing.Server.Errors;
using Routing.Server.Hosting;
using Routing.Storage;
using Routing.V1;

namespace Routing.Server.Audit;

/// <summary>
/// The audit API for safety reviewers, over the hash-chained audit records of the durable journal (<see cref="AuditStore"/>).
/// The store is optional: the one registered in DI, else one on the host's SQLite file; with the in-memory journal
/// there is none, and every RPC answers FAILED_PRECONDITION instead of offering a record nobody can rely on.
/// Store calls are synchronous SQLite reads (verification reads the whole table), so they run off the request thread.
/// </summary>
internal sealed class AuditGrpcService : AuditService.AuditServiceBase
{
    private readonly AuditStore? _store;
    private readonly RoutingHost _host;
    private readonly ILogger<AuditGrpcService> _logger;

    public AuditGrpcService(IEnumerable<AuditStore> stores, RoutingHost host, ILogger<AuditGrpcService> logger)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
        _logger = logger;
        _store = stores.LastOrDefault() ?? (host.DatabasePath is { } path ? new AuditStore(path) : null);
    }

    public override Task<GetCallTimelineResponse> GetCallTimeline(GetCallTimelineRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var store = Store();
        if (string.IsNullOrWhiteSpace(request.CallId))
        {
            throw RpcErrors.InvalidArgument("call_id", "call_id is required.");
        }

        return Run(context, () =>
        {
            var timeline = store.Timeline(request.CallId)
                ?? throw RpcErrors.From(Core.Commands.RoutingError.NotFound("call_id", $"Call {request.CallId} has no audit record."));
            return AuditMapper.ToResponse(timeline);
        });
    }

    public override Task<GetIncidentReportResponse> GetIncidentReport(GetIncidentReportRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var store = Store();
        if (request.StartTime is null)
        {
            throw RpcErrors.InvalidArgument("start_time", "start_time is required.");
        }

        if (request.EndTime is null)
        {
            throw RpcErrors.InvalidArgument("end_time", "end_time is required.");
        }

        var from = request.StartTime.ToDateTimeOffset();
        var to = request.EndTime.ToDateTimeOffset();
        if (to <= from)
        {
            throw RpcErrors.InvalidArgument("end_time", "end_time must be after start_time.");
        }

        var deadlines = _host.Configuration.Options.Escalation.ToDictionary(kv => kv.Key, kv => kv.Value.Deadline);
        return Run(context, () => AuditMapper.ToResponse(store.IncidentReport(from, to, deadlines, context.CancellationToken)));
    }

    public override Task<VerifyAuditChainResponse> VerifyAuditChain(VerifyAuditChainRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = Store();
        return Run(context, () =>
        {
            var verification = store.Verify(cancellationToken: context.CancellationToken);
            if (!verification.Intact)
            {
                AuditLog.ChainBroken(_logger, verification.FirstBreak!.RecordId, verification.FirstBreak.Kind.ToString());
            }

            return AuditMapper.ToResponse(verification);
        });
    }

    private AuditStore Store() => _store ?? throw RpcErrors.From(Core.Commands.RoutingError.Precondition("the server runs without a durable journal"));

    private Task<T> Run<T>(ServerCallContext context, Func<T> read) => Task.Run(() =>
    {
        try
        {
            return read();
        }
        catch (AuditRecordUnreadableException e)
        {
            AuditLog.RecordUnreadable(_logger, e.RecordId);
            throw new Google.Rpc.Status { Code = (int)Google.Rpc.Code.DataLoss, Message = e.Message }.ToRpcException();
        }
        catch (FileNotFoundException)
        {
            throw RpcErrors.From(Core.Commands.RoutingError.Precondition("the journal database does not exist yet"));
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.Cancelled, "The request was cancelled."));
        }
    }, context.CancellationToken);
}

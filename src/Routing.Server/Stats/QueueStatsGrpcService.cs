using Grpc.Core;
using Routing.Runtime;
using Routing.Server.Errors;
using Routing.Server.Hosting;
using Routing.Server.Observability;
using Routing.V1;

namespace Routing.Server.Stats;

/// <summary>Dashboards and wallboards: live statistics, service-level reports and the call-event stream.</summary>
internal sealed class QueueStatsGrpcService : QueueStatsService.QueueStatsServiceBase
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(15);

    private readonly RoutingHost _host;
    private readonly StatsHub _stats;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<QueueStatsGrpcService> _logger;

    public QueueStatsGrpcService(RoutingHost host, StatsHub stats, IHostApplicationLifetime lifetime, ILogger<QueueStatsGrpcService> logger)
    {
        _host = host;
        _stats = stats;
        _lifetime = lifetime;
        _logger = logger;
    }

    public override async Task WatchQueueStats(WatchQueueStatsRequest request, IServerStreamWriter<WatchQueueStatsResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var filter = request.QueueIds.ToHashSet(StringComparer.Ordinal);
        foreach (var queueId in filter)
        {
            if (!_host.Configuration.Options.Queues.Any(q => q.Id == queueId))
            {
                throw RpcErrors.InvalidArgument("queue_ids", $"Queue {queueId} is not configured.");
            }
        }

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _lifetime.ApplicationStopping);
        var snapshots = _stats.Watch(_host.Time.GetUtcNow());
        try
        {
            var first = true;
            await foreach (var snapshot in snapshots.ReadAllAsync(ended.Token))
            {
                await responseStream.WriteAsync(StatsMapper.ToResponse(snapshot, first, filter), ended.Token);
                first = false;
            }
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
        }
        finally
        {
            _stats.Unwatch(snapshots);
        }
    }

    public override Task<GetServiceLevelReportResponse> GetServiceLevelReport(GetServiceLevelReportRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Start is null)
        {
            throw RpcErrors.InvalidArgument("start", "start is required.");
        }

        if (request.End is null)
        {
            throw RpcErrors.InvalidArgument("end", "end is required.");
        }

        var from = request.Start.ToDateTimeOffset();
        var to = request.End.ToDateTimeOffset();
        if (to <= from)
        {
            throw RpcErrors.InvalidArgument("end", "end must be after start.");
        }

        var interval = request.Interval is null || request.Interval.ToTimeSpan() == TimeSpan.Zero ? DefaultInterval : request.Interval.ToTimeSpan();
        if (interval < DefaultInterval || interval.Ticks % DefaultInterval.Ticks != 0)
        {
            throw RpcErrors.InvalidArgument("interval", "interval must be a whole multiple of 15 minutes.");
        }

        if ((to - from).Ticks / interval.Ticks > 10_000)
        {
            throw RpcErrors.InvalidArgument("end", "The range holds more than 10,000 intervals; ask for a shorter range or a longer interval.");
        }

        var queues = request.QueueIds.Count > 0 ? request.QueueIds.ToArray() : _host.Configuration.Options.Queues.Select(q => q.Id).ToArray();
        foreach (var queueId in queues)
        {
            if (!_host.Configuration.Options.Queues.Any(q => q.Id == queueId))
            {
                throw RpcErrors.InvalidArgument("queue_ids", $"Queue {queueId} is not configured.");
            }
        }

        var response = new GetServiceLevelReportResponse { Interval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(interval) };
        _stats.Read(statistics =>
        {
            for (var start = from; start < to; start += interval)
            {
                var end = start + interval < to ? start + interval : to;
                foreach (var queueId in queues)
                {
                    foreach (var urgency in Enum.GetValues<Core.Urgencies.Urgency>())
                    {
                        if (urgency == Core.Urgencies.Urgency.Unspecified)
                        {
                            continue;
                        }

                        var point = statistics.Aggregate(start, end, queueId, urgency);
                        if (point.Offered > 0 || point.Answered > 0 || point.Abandoned > 0)
                        {
                            response.Datapoints.Add(StatsMapper.ToContract(point));
                        }
                    }
                }
            }

            return 0;
        });
        return Task.FromResult(response);
    }

    public override async Task WatchCallEvents(WatchCallEventsRequest request, IServerStreamWriter<WatchCallEventsResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        if (request.FromSequence < 0)
        {
            throw RpcErrors.InvalidArgument("from_sequence", "from_sequence must not be negative.");
        }

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _lifetime.ApplicationStopping);
        using var subscription = _host.Domain.Subscribe(Math.Max(1, request.FromSequence));
        try
        {
            // The subscription's bounded channel is this stream's outbox; this loop is its single writer.
            await foreach (var e in subscription.Reader.ReadAllAsync(ended.Token))
            {
                if (CallEventMapper.ToContract(e) is { } message)
                {
                    await responseStream.WriteAsync(message, ended.Token);
                }
            }
        }
        catch (SubscriberLaggedException lagged)
        {
            Log.CallEventsLagged(_logger, lagged.LastDeliveredSequence);
            throw RpcErrors.Lagged(lagged.LastDeliveredSequence, lagged.ResumeFrom);
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
        }
        catch (RoutingDomainStoppedException)
        {
        }
    }
}
